"""The matching set of a SearchQuery on the SQLite index: FTS5 for text, numpy for the rest.

Text goes to FTS5 (rowids, and bm25 when ranking by relevance: both kept per expression by
`sqlite_scores`); every other condition is read from the in-memory `Columns`. An article
without a region is in no region: `region:32` does not match it and `-region:32` does
(as on Elasticsearch, where `must_not` keeps documents without the field; the SQL this
replaced read it as unknown and dropped it from both).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import numpy as np

from search.filters import BY_PARAM, FILTERS, FilterSpec
from search.query import Node, Or, SearchQuery, Term
from search.regions import regions
from search.sqlite_columns import Columns, pub_keys
from search.sqlite_query import fts_expr, iso, root_match
from search.sqlite_scores import Scores

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@dataclass
class Matched:
    """The matching rowids and, when ranked by relevance, their scores (same order)."""

    rids: np.ndarray
    scores: np.ndarray | None = None


def _lower(text: str) -> str:
    return text.translate(_ASCII_LOWER)  # SQLite's lower() and LIKE fold ASCII only


def region_test(code: str | None, name: str | None, value: str) -> bool:
    """The region is one `value` names (a code, or a name: `search.regions`), lies beneath
    one, or has `value` as its own name."""
    inside = code is not None and any(
        code == c or code.startswith(c + ".") for c in regions().codes(value)
    )
    return inside or (name is not None and _lower(name) == _lower(value))


class Matcher:
    """Answers one search inside its read transaction, the columns refreshed before."""

    def __init__(self, db: sqlite3.Connection, cols: Columns, scores: Scores) -> None:
        self.db = db
        self.cols = cols
        self.scores = scores

    def match(self, query: SearchQuery, *, scored: bool) -> Matched:
        match, rest = root_match(query.tree())
        conds = [self._node(part) for part in rest] + self._filters(query)
        chosen = np.logical_and.reduce([self.cols.live, *conds])
        if match is None:
            return Matched(np.flatnonzero(chosen))
        if not scored:
            return Matched(np.flatnonzero(chosen & self._fts(match)))
        return Matched(*self.scores.scored(self.db, self.cols, match, chosen, bool(conds)))

    def _fts(self, expr: str) -> np.ndarray:
        found = np.zeros(len(self.cols.live), bool)
        rids = self.scores.matches(self.db, self.cols, expr)
        found[rids[rids < len(found)]] = True
        return found

    def _node(self, node: Node) -> np.ndarray:
        mask = self._positive(node)
        return ~mask if node.negated else mask

    def _positive(self, node: Node) -> np.ndarray:
        if node.is_text and (expr := fts_expr(node)) is not None:
            return self._fts(expr)
        if isinstance(node, Term):
            return self._value(node)
        parts = [self._node(p) for p in node.parts]
        reduce = np.logical_or.reduce if isinstance(node, Or) else np.logical_and.reduce
        return np.asarray(reduce(parts))

    def _value(self, term: Term) -> np.ndarray:
        spec = BY_PARAM[str(term.field)]  # a `field:value` term compares case-insensitively
        return self._values(spec, [term.value], fold=True)[0]

    def _filters(self, query: SearchQuery) -> list[np.ndarray]:
        cols = self.cols
        found: list[np.ndarray] = []
        if query.since:
            found.append(cols.dated & (cols.pub >= pub_keys([iso(query.since)])[0]))
        if query.until:
            found.append(cols.dated & (cols.pub < pub_keys([iso(query.until)])[0]))
        for spec in FILTERS:
            if values := query.values(spec):
                found.extend(self._values(spec, values, fold=spec.fold))
        if query.election_related is not None:
            found.append(cols.election == int(query.election_related))
        if query.scope is not None:
            found.append(self._scope(query.scope))
        return found

    def _values(self, spec: FilterSpec, values: list[str], *, fold: bool) -> list[np.ndarray]:
        """One mask per value when all are needed, else one for any of them."""
        if spec.region:
            return [self._regions(values)]
        if spec.combine == "all":
            return [self._has(spec.name, [v], nocase=fold) for v in values]
        return [self._has(spec.name, values, nocase=fold)]

    def _has(self, kind: str, values: list[str], *, nocase: bool = False) -> np.ndarray:
        """Articles with any of these values (entity names compare case-insensitively in
        ASCII, as the side table's NOCASE column does)."""
        same = "value = ? COLLATE NOCASE" if nocase else "value = ?"
        codes = [
            code
            for v in values
            for (code,) in self.db.execute(
                f"SELECT code FROM facet_values WHERE kind = ? AND {same}", (kind, v)
            )
        ]
        return self.cols.with_codes(codes)

    def _scope(self, prefixes: tuple[str, ...]) -> np.ndarray:
        """Articles whose region code is a prefix or lies beneath one (codes, not names:
        a name could be chosen to match)."""
        tests = [
            code is not None and any(code == p or code.startswith(p + ".") for p in prefixes)
            for code, _ in self.cols.regions
        ]
        return np.array([*tests, False])[self.cols.region]

    def _regions(self, values: list[str]) -> np.ndarray:
        tests = [any(region_test(c, n, v) for v in values) for c, n in self.cols.regions]
        per = np.array([*tests, False])  # padded: no regions yet
        return per[self.cols.region]
