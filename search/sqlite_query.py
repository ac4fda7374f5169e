"""FTS5 for a SearchQuery on the SQLite index: MATCH expressions over the stems."""

from __future__ import annotations

from datetime import datetime

from search.query import And, Node, Or, Term
from search.stem import stem

# bm25 weights per FTS column: title, body (originals, for prefixes), title_stems, body_stems
BM25 = "bm25(articles_fts, 1.5, 0.5, 3.0, 1.0)"


def iso(value: datetime) -> str:
    """The one text form of a UTC time in the index (sorts like the time itself: the year
    is always four digits, which strftime does not promise before 1000)."""
    return f"{value.year:04d}-" + value.strftime("%m-%dT%H:%M:%S+00:00")


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


def root_match(tree: And) -> tuple[str | None, list[Node]]:
    """The one ranked FTS5 MATCH of the root's text-only parts (excluded text parts as its
    `NOT`, merged inside FTS5; they score nothing) and the parts left to conditions. No
    MATCH when no text part is positive: FTS5's NOT needs a left side."""
    ranked: list[str] = []
    excluded: list[tuple[str, Node]] = []
    rest: list[Node] = []
    for part in tree.parts:
        expr = fts_expr(part) if part.is_text else None
        if expr is not None and part.negated:
            excluded.append((expr, part))
        elif expr is not None:
            ranked.append("(" + expr + ")")
        else:
            rest.append(part)
    if not ranked:
        return None, rest + [part for _, part in excluded]
    match = " AND ".join(ranked)
    if excluded:
        match = f"({match}) NOT ({' OR '.join(e for e, _ in excluded)})"
    return match, rest
