"""SQL for a SearchQuery on the SQLite index: FTS5 MATCH over stems plus plain filters."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from search.query import Group, SearchQuery, Term
from search.stem import stem

# bm25 weights per FTS column: title, body (originals, for prefixes), title_stems, body_stems
BM25 = "bm25(articles_fts, 1.5, 0.5, 3.0, 1.0)"
# Filters on topics/entities are `a.id IN (...)`: the side table's index drives the search
# (a correlated EXISTS would visit every article).
TOPIC_IN = "a.id IN (SELECT article_id FROM article_topics WHERE topic = ?)"
ENTITY_IN = "a.id IN (SELECT article_id FROM article_entities WHERE canonical = ?{})"


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


def _term_cond(t: Term) -> tuple[str, list[Any]]:
    if t.is_text:
        return "a.rid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", [fts_term(t)]
    return _value_cond(t)


def _groups(where: Where, groups: list[Group]) -> None:
    ranked: list[str] = []
    for g in groups:
        if g.negated:
            cond, params = _term_cond(g.terms[0])
            where.add(f"NOT {cond}", *params)
        elif all(t.is_text for t in g.terms):
            ranked.append("(" + " OR ".join(fts_term(t) for t in g.terms) + ")")
        else:
            parts = [_term_cond(t) for t in g.terms]
            where.add(
                "(" + " OR ".join(c for c, _ in parts) + ")", *[p for _, ps in parts for p in ps]
            )
    if ranked:
        where.ranked = True
        where.conds.insert(0, "articles_fts MATCH ?")
        where.params.insert(0, " AND ".join(ranked))


def _in(column: str, values: list[str]) -> str:
    return f"{column} IN ({','.join('?' * len(values))})"


def build_where(query: SearchQuery) -> Where:
    where = Where()
    _groups(where, query.groups())
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
            f"a.id IN (SELECT article_id FROM article_entities WHERE {_in('role', query.roles)})",
            *query.roles,
        )
    if query.regions:
        cond, params = _region_cond(query.regions)
        where.add(cond, *params)
    if query.election_related is not None:
        where.add("a.election_related = ?", int(query.election_related))
    return where
