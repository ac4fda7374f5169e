"""Searching the SQLite index: FTS5 for text, the in-memory columns for everything else.

One search is one read transaction: the columns catch up with the change log, the
matching set is found (`sqlite_match`), paged and sorted (`sqlite_page`) and its facets
counted in numpy; only the page's rows (and their syndicated copies) are read from the
tables.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from search.cursor import Cursor, query_key
from search.filters import BY_NAME, FACETS
from search.highlight import Marker
from search.histogram import histogram
from search.query import (
    AlsoPublished,
    FacetCount,
    SearchHit,
    SearchQuery,
    SearchResult,
    TrendQuery,
    TrendResult,
    utc_offset,
)
from search.regions import regions
from search.sqlite_columns import Columns
from search.sqlite_match import Matched, Matcher
from search.sqlite_page import collapsed, copies, page
from search.sqlite_schema import SEP
from search.sqlite_scores import Scores
from search.sqlite_trends import Trend, trend_series

KEPT = 8  # matching sets kept until a write (with their facet and day counts)
KEPT_ROWS = 2_000_000  # ... and the rowids they hold in all (8 bytes each, 16 scored)
HIT_ROWS = (
    "SELECT a.rid, a.id, a.url, a.source, a.published_at, a.region, a.origin, a.facet_topics, "
    "a.facet_entities, a.facet_agencies, t.title, {body} AS body "
    "FROM articles a JOIN article_texts t ON t.rid = a.rid "
    "WHERE a.rid IN (SELECT value FROM json_each(?))"
)


@dataclass
class _Kept:
    """A matching set and what was counted of it (facets by size, days by UTC offset)."""

    matched: Matched
    facets: dict[int, dict[str, list[FacetCount]]] = field(default_factory=dict)
    days: dict[int, dict[date, int]] = field(default_factory=dict)
    trends: dict[str, Trend] = field(default_factory=dict)  # by interval, split, top, zone


class SqliteSearch:
    """The read side of one connection (the caller holds its lock)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        # the articles' dates, regions, groups and facet codes (loaded at the first search)
        self.cols = Columns()
        self._values: dict[int, tuple[str, str]] = {}  # facet code -> (kind, value)
        self.scores = Scores()  # bm25 per MATCH expression, across searches and writes
        # the latest matching sets and their counts, until a write (`_Kept`)
        self._kept: OrderedDict[tuple[Any, ...], _Kept] = OrderedDict()

    def _begin(self) -> None:
        """Start the read transaction and bring the columns up to date in it."""
        self.db.execute("BEGIN")
        loads = self.cols.loads
        self.cols.refresh(self.db)
        if self.cols.loads != loads:  # rebuilt, maybe: the codes' values are read again
            self._values.clear()

    def trends(self, query: TrendQuery) -> TrendResult:
        started = time.perf_counter()
        with self.db:
            self._begin()
            # trends never rank: the set of the same search sorted by date is shared
            kept = self._match(query.query.model_copy(update={"sort": "date"}))
            shape = query.model_dump_json(exclude={"query"})
            if shape not in kept.trends:
                kept.trends[shape] = trend_series(self.cols, kept.matched.rids, query, self._value)
            found = kept.trends[shape]
        took = (time.perf_counter() - started) * 1000
        return TrendResult(
            interval=query.interval,
            timezone=query.timezone,
            split=query.split,
            series=found.series,
            others=found.others,
            folded=found.folded,
            region_level=found.region_level,
            took_ms=took,
        )

    def search(self, query: SearchQuery) -> SearchResult:
        started = time.perf_counter()
        cursor = Cursor.decode(query)
        with self.db:  # one read snapshot for the columns, FTS and the rows
            self._begin()
            kept = self._match(query)
            matched = kept.matched
            found, next_cursor = self._page(query, cursor, matched)
            facets = self._facets(kept, query.facet_size) if query.facet_size else {}
            minutes = int(utc_offset(query.timezone).total_seconds() // 60)
            days = self._days(kept, minutes) if query.histogram else {}
            also = self._also(matched, found) if query.collapse else {}
        marker = Marker.of(query.tree())
        hits = [
            SearchHit(
                id=r["id"],
                title=r["title"],
                url=r["url"],
                source=r["source"],
                published_at=r["published_at"],
                score=score,
                snippet=marker.snippet(r["body"]) if query.highlight else "",
                title_highlight=marker.title(r["title"]) if query.highlight else "",
                topics=_split(r["facet_topics"]),
                entities=_split(r["facet_entities"]),
                agencies=_split(r["facet_agencies"]),
                region=r["region"],
                origin=r["origin"],
                also_published_by=also.get(r["id"], []),
            )
            for r, score in found
        ]
        took = (time.perf_counter() - started) * 1000
        return SearchResult(
            total=len(matched.rids),
            hits=hits,
            facets=facets,
            histogram=histogram(query, days) if query.histogram else None,
            next_cursor=next_cursor,
            took_ms=took,
        )

    def forget(self, *, scores: bool = False) -> None:
        """Drop the kept matching sets (and, with `scores`, the kept relevance)."""
        self._kept.clear()
        if scores:
            self.scores.clear()

    def _match(self, query: SearchQuery) -> _Kept:
        """The matching set. The same query again (a cursor page, a reload, another
        office's turn in between, a page size) reuses the set and counts found last time
        when nothing was written since (data_version moves on other connections'
        commits, the change log on any): paging on costs only the page. Relevance is
        kept longer, per text, across writes (`Scores`)."""
        version = self.db.execute("PRAGMA data_version").fetchone()[0]
        now = (self.cols.seq, version)
        key = (query_key(query), *now)
        if self._kept and next(reversed(self._kept))[1:] != now:
            self._kept.clear()  # written since: none of them holds
        if key in self._kept:
            self._kept.move_to_end(key)
            return self._kept[key]
        matched = Matcher(self.db, self.cols, self.scores).match(
            query, scored=query.sort == "relevance"
        )
        self._kept[key] = _Kept(matched)
        while len(self._kept) > KEPT or (
            len(self._kept) > 1
            and sum(len(k.matched.rids) for k in self._kept.values()) > KEPT_ROWS
        ):
            self._kept.popitem(last=False)
        return self._kept[key]

    def _page(
        self, query: SearchQuery, cursor: Cursor | None, matched: Matched
    ) -> tuple[list[tuple[sqlite3.Row, float]], str | None]:
        relevance = query.sort == "relevance"
        offset, after = query.offset, None
        if cursor and (query.collapse or cursor.after is None):
            offset = cursor.offset
        elif cursor and cursor.after is not None:
            offset, after = 0, cursor.after
        if query.collapse:
            rids, scores = collapsed(
                self.cols, matched, relevance=relevance, offset=offset, limit=query.limit
            )
        else:
            rids, scores = page(
                self.cols,
                matched,
                relevance=relevance,
                after=after,
                offset=offset,
                limit=query.limit,
            )
        found = list(zip(self._rows(rids, body=query.highlight), scores.tolist(), strict=True))
        if len(found) < query.limit:
            return found, None
        if query.collapse:
            return found, Cursor(None, offset + len(found)).encode(query)
        last, score = found[-1]
        keys: list[Any] = [last["published_at"] or "", last["id"]]
        return found, Cursor([score, *keys] if relevance else keys).encode(query)

    def _rows(self, rids: np.ndarray, *, body: bool = True) -> list[sqlite3.Row]:
        """The hits' rows, in the order of `rids` (the body only for snippets)."""
        sql = HIT_ROWS.format(body="t.body" if body else "''")
        found = {r["rid"]: r for r in self.db.execute(sql, (json.dumps(rids.tolist()),)).fetchall()}
        return [found[rid] for rid in rids.tolist()]

    def _days(self, kept: _Kept, minutes: int) -> dict[date, int]:
        if minutes not in kept.days:
            kept.days[minutes] = self.cols.day_counts(kept.matched.rids, minutes)
        return dict(kept.days[minutes])  # copies: the kept ones stay as counted

    def _facets(self, kept: _Kept, size: int) -> dict[str, list[FacetCount]]:
        if size not in kept.facets:
            kept.facets[size] = self._count_facets(kept.matched, size)
        return {kind: list(values) for kind, values in kept.facets[size].items()}

    def _count_facets(self, matched: Matched, size: int) -> dict[str, list[FacetCount]]:
        """Facet codes of the matching set counted by numpy (`bincount`), then named."""
        counted = self.cols.count_codes(matched.rids)
        per: dict[str, list[tuple[str, int]]] = {spec.name: [] for spec in FACETS}
        for code in np.flatnonzero(counted).tolist():
            kind, value = self._value(code)
            if kind in per:  # every filter's values are coded, not all are facets
                per[kind].append((value, int(counted[code])))
        top = {k: sorted(pairs, key=lambda vc: (-vc[1], vc[0]))[:size] for k, pairs in per.items()}
        return {
            key: [
                FacetCount(
                    value=v, count=c, label=regions().label(v) if BY_NAME[key].region else None
                )
                for v, c in pairs
            ]
            for key, pairs in top.items()
        }

    def _value(self, code: int) -> tuple[str, str]:
        if code not in self._values:  # new codes (maybe another process's): read them all
            found = self.db.execute("SELECT code, kind, value FROM facet_values")
            self._values = {c: (k, v) for c, k, v in found}
        return self._values[code]

    def _also(
        self, matched: Matched, found: Sequence[tuple[sqlite3.Row, float]]
    ) -> dict[str, list[AlsoPublished]]:
        if not found:
            return {}
        lead = {r["origin"]: r["id"] for r, _ in found}
        leads = np.array([r["rid"] for r, _ in found], np.int64)
        out: dict[str, list[AlsoPublished]] = {}
        for c in self._rows(copies(self.cols, matched, leads), body=False):
            if c["id"] != lead[c["origin"]]:
                out.setdefault(lead[c["origin"]], []).append(
                    AlsoPublished(
                        id=c["id"], source=c["source"], url=c["url"], published_at=c["published_at"]
                    )
                )
        return out


def _split(joined: str) -> list[str]:
    return joined.split(SEP) if joined else []


def _label(facet: str, value: str) -> str | None:
    return regions().label(value) if BY_NAME[facet].region else None
