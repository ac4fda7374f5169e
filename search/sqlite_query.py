"""SQL for a SearchQuery on the SQLite index: FTS5 MATCH over stems plus plain filters."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from search.query import And, Node, Or, SearchQuery, Term
from search.stem import stem

# bm25 weights per FTS column: title, body (originals, for prefixes), title_stems, body_stems
BM25 = "bm25(articles_fts, 1.5, 0.5, 3.0, 1.0)"
# Filters on topics/entities are `a.rid IN (...)`: the side table's covering index yields
# rowids and drives the search (a correlated EXISTS would visit every article).
TOPIC_IN = "a.rid IN (SELECT rid FROM article_topics WHERE topic = ?)"
FTS_IN = "a.rid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
ENTITY_IN = "a.rid IN (SELECT rid FROM article_entities WHERE canonical = ?{})"


def iso(value: datetime) -> str:
    """The one text form of a UTC time in the index (sorts like the time itself)."""
    return value.strftime("%Y-%m-%dT%H:%M:%S+00:00")


def _q(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def fts_term(t: Term) -> str:
    """One FTS5 expression for a text term (on stems; prefixes on the original words)."""
    title_only = t.field == "title"
    if t.kind == "prefix":
        cols = "title" if title_only else "{title body}"
        return f"{cols} : {_q(t.words[0])} *"
    cols = "title_stems" if title_only else "{title_stems body_stems}"
    return f"{cols} : {_q(' '.join(stem(w) for w in t.words))}"


@dataclass
class Where:
    """FROM/WHERE for the matching set; `ranked` when an FTS MATCH drives the ranking."""

    conds: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    ranked: bool = False

    def add(self, cond: str, *params: Any) -> None:
        self.conds.append(cond)
        self.params.extend(params)

    @property
    def sql(self) -> str:
        frm = (
            "articles a JOIN articles_fts ON articles_fts.rowid = a.rid"
            if self.ranked
            else ("articles a")
        )
        return frm + (" WHERE " + " AND ".join(self.conds) if self.conds else "")


def _value_cond(t: Term) -> tuple[str, list[Any]]:
    v = t.value
    if t.field == "source":
        return "a.source = ?", [v.lower()]  # source and topic ids are lowercase
    if t.field == "topic":
        return TOPIC_IN, [v.lower()]
    if t.field == "entity":
        return ENTITY_IN.format(""), [v]
    return _region_cond([v])


def _region_cond(values: list[str]) -> tuple[str, list[Any]]:
    parts: list[str] = []
    params: list[Any] = []
    for v in values:
        # lower(): SQLite 3.40 drops rows of `x = ? COLLATE NOCASE` inside an OR (index bug)
        parts.append("(a.region = ? OR a.region LIKE ? OR lower(a.region_name) = lower(?))")
        params.extend([v, v.replace("%", "").replace("_", "") + ".%", v])
    return "(" + " OR ".join(parts) + ")", params


def fts_expr(node: Node) -> str | None:
    """The FTS5 expression of a text-only node, its own negation left to the caller; None
    when FTS5 cannot say it (an AND of exclusions only: FTS5's NOT needs a left side)."""
    if isinstance(node, Term):
        return fts_term(node)
    parts = [fts_expr(p) for p in node.parts if not p.negated]
    if isinstance(node, Or):
        return None if None in parts else "(" + " OR ".join(p or "" for p in parts) + ")"
    excluded = [fts_expr(p) for p in node.parts if p.negated]
    if not parts or None in parts or None in excluded:
        return None
    expr = "(" + " AND ".join(p or "" for p in parts) + ")"
    return f"({expr} NOT ({' OR '.join(e or '' for e in excluded)}))" if excluded else expr


def _positive_cond(node: Node) -> tuple[str, list[Any]]:
    if node.is_text and (expr := fts_expr(node)) is not None:
        return FTS_IN, [expr]
    if isinstance(node, Term):
        return _value_cond(node)
    parts = [node_cond(p) for p in node.parts]
    joiner = " OR " if isinstance(node, Or) else " AND "
    return "(" + joiner.join(c for c, _ in parts) + ")", [p for _, ps in parts for p in ps]


def node_cond(node: Node) -> tuple[str, list[Any]]:
    """A SQL condition on `a` for a parsed (sub)tree; text goes through FTS5 MATCH."""
    cond, params = _positive_cond(node)
    return (f"NOT {cond}", params) if node.negated else (cond, params)


def _tree(where: Where, tree: And) -> None:
    """Text-only parts of the root join one ranked MATCH (excluded text parts as its NOT,
    merged inside FTS5; they score nothing); the rest become conditions."""
    ranked: list[str] = []
    excluded: list[tuple[str, Node]] = []
    for part in tree.parts:
        expr = fts_expr(part) if part.is_text else None
        if expr is not None and part.negated:
            excluded.append((expr, part))
        elif expr is not None:
            ranked.append("(" + expr + ")")
        else:
            cond, params = node_cond(part)
            where.add(cond, *params)
    if not ranked:  # FTS5's NOT needs a left side: exclude by condition instead
        for _, part in excluded:
            cond, params = node_cond(part)
            where.add(cond, *params)
        return
    match = " AND ".join(ranked)
    if excluded:
        match = f"({match}) NOT ({' OR '.join(e for e, _ in excluded)})"
    where.ranked = True
    where.conds.insert(0, "articles_fts MATCH ?")
    where.params.insert(0, match)


def _in(column: str, values: list[str]) -> str:
    return f"{column} IN ({','.join('?' * len(values))})"


def build_where(query: SearchQuery) -> Where:
    where = Where()
    _tree(where, query.tree())
    if query.since:
        where.add("a.published_at >= ?", iso(query.since))
    if query.until:
        where.add("a.published_at < ?", iso(query.until))
    if query.sources:
        where.add(_in("a.source", query.sources), *query.sources)
    for topic in query.topics:
        where.add(TOPIC_IN, topic)
    for name in query.entities:
        where.add(ENTITY_IN.format(""), name)
    for name in query.agencies:
        where.add(ENTITY_IN.format(" AND label = 'ORG'"), name)
    if query.roles:
        where.add(
            f"a.rid IN (SELECT rid FROM article_entities WHERE {_in('role', query.roles)})",
            *query.roles,
        )
    if query.regions:
        cond, params = _region_cond(query.regions)
        where.add(cond, *params)
    if query.election_related is not None:
        where.add("a.election_related = ?", int(query.election_related))
    return where
