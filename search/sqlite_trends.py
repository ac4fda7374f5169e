"""Trends on the SQLite index: matching articles counted per day or week, maybe split."""

from __future__ import annotations

import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from search.query import TrendQuery, TrendResult, TrendSeries
from search.sqlite_query import build_where
from search.sqlite_schema import SEP
from search.trends import series

Run = Callable[[str, Sequence[Any]], list[sqlite3.Row]]

BUCKET = {
    "day": "substr(a.published_at, 1, 10)",
    # SQLite's 'weekday 0' is the next Sunday; six days back is that week's Monday
    "week": "date(substr(a.published_at, 1, 10), 'weekday 0', '-6 days')",
}
# the per-article (distinct) values of each split, kept in the narrow articles row
SPLIT = {"topic": "a.facet_topics", "entity": "a.facet_entities", "source": "a.source"}


def trends(run: Run, query: TrendQuery) -> TrendResult:
    """One pass over the matching set reads (bucket, split values); Python counts."""
    started = time.perf_counter()
    where = build_where(query.query)
    dated = " AND " if where.conds else " WHERE "
    value = SPLIT[query.split] if query.split else "NULL"
    found = run(
        f"SELECT {BUCKET[query.interval]}, {value} FROM {where.sql}{dated}"
        "a.published_at IS NOT NULL",
        where.params,
    )
    everything: Counter[str] = Counter()
    per: Counter[tuple[str, str]] = Counter()
    totals: Counter[str] = Counter()
    for bucket, joined in found:
        everything[bucket] += 1
        if joined:
            for name in joined.split(SEP):
                per[name, bucket] += 1
                totals[name] += 1
    span = (min(everything), max(everything)) if everything else None
    out: list[TrendSeries] = [series("all", everything, query.interval, span)]
    top = sorted(totals.items(), key=lambda nc: (-nc[1], nc[0]))[: query.top]
    for name, _ in top:
        counts = {b: c for (n, b), c in per.items() if n == name}
        out.append(series(name, counts, query.interval, span))
    took = (time.perf_counter() - started) * 1000
    return TrendResult(interval=query.interval, split=query.split, series=out, took_ms=took)
