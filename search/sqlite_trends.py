"""Trends on the SQLite index: matching articles counted per day or week, maybe split."""

from __future__ import annotations

import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from search.query import TrendQuery, TrendResult, TrendSeries
from search.sqlite_query import build_where
from search.sqlite_schema import SEP
from search.trends import bucket_start, series

Run = Callable[[str, Sequence[Any]], list[sqlite3.Row]]

# the per-article (distinct) values of each split, kept in the narrow articles row
SPLIT = {"topic": "a.facet_topics", "entity": "a.facet_entities", "source": "a.source"}


def trends(run: Run, query: TrendQuery) -> TrendResult:
    """SQL counts the matching set per (day, split values); Python folds days into weeks
    and splits the values, so it handles one row per distinct pair, not per article."""
    started = time.perf_counter()
    where = build_where(query.query)
    dated = " AND " if where.conds else " WHERE "
    value = SPLIT[query.split] if query.split else "NULL"
    found = run(
        f"SELECT substr(a.published_at, 1, 10) AS day, {value} AS v, COUNT(*) FROM {where.sql}"
        f"{dated}a.published_at IS NOT NULL GROUP BY day, v",
        where.params,
    )
    everything: Counter[str] = Counter()
    per: Counter[tuple[str, str]] = Counter()
    totals: Counter[str] = Counter()
    buckets: dict[str, str] = {}
    for day, joined, count in found:
        if day not in buckets:
            buckets[day] = bucket_start(date.fromisoformat(day), query.interval).isoformat()
        bucket = buckets[day]
        everything[bucket] += count
        if joined:
            for name in joined.split(SEP):
                per[name, bucket] += count
                totals[name] += count
    span = (min(everything), max(everything)) if everything else None
    out: list[TrendSeries] = [series("all", everything, query.interval, span)]
    top = sorted(totals.items(), key=lambda nc: (-nc[1], nc[0]))[: query.top]
    for name, _ in top:
        counts = {b: c for (n, b), c in per.items() if n == name}
        out.append(series(name, counts, query.interval, span))
    took = (time.perf_counter() - started) * 1000
    return TrendResult(interval=query.interval, split=query.split, series=out, took_ms=took)
