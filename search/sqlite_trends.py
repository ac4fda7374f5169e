"""Trends on the SQLite index: the matching articles counted per day, then per bucket."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta

import numpy as np

from search.filters import BY_PARAM
from search.query import TrendQuery, TrendSeries, utc_offset
from search.sqlite_columns import Columns
from search.trends import bucket_start, series


def trend_series(
    cols: Columns,
    rids: np.ndarray,
    query: TrendQuery,
    value: Callable[[int], tuple[str, str]],
) -> list[TrendSeries]:
    """`all` and the top split values, from the matching articles that have a date:
    numpy counts (day) and (value code, day) pairs; Python folds days into buckets."""
    rids = rids[cols.dated[rids]]
    pub = cols.pub[rids]  # YYYYMMDDHHMMSS in UTC
    # the local day is the UTC day moved by -1, 0 or +1 where the offset crosses midnight
    offset = int(utc_offset(query.timezone).total_seconds() // 60)
    minute = pub // 10_000 % 100 * 60 + pub // 100 % 100
    moved = (minute + offset) // 1440
    days, at = np.unique(pub // 1_000_000 * 4 + moved + 1, return_inverse=True)
    buckets = [
        bucket_start(_day(d // 4) + timedelta(days=d % 4 - 1), query.interval).isoformat()
        for d in days.tolist()
    ]
    everything: Counter[str] = Counter()
    for day, count in enumerate(np.bincount(at, minlength=len(days)).tolist()):
        everything[buckets[day]] += count
    per: Counter[tuple[str, str]] = Counter()
    totals: Counter[str] = Counter()
    if query.split:
        codes, owners = cols.codes_of(rids)
        pairs = np.bincount(codes * len(days) + at[owners])
        for pair in np.flatnonzero(pairs).tolist():
            kind, name = value(pair // len(days))
            if kind == BY_PARAM[query.split].name:
                per[name, buckets[pair % len(days)]] += int(pairs[pair])
                totals[name] += int(pairs[pair])
    span = (min(everything), max(everything)) if everything else None
    out = [series("all", everything, query.interval, span)]
    for name, _ in sorted(totals.items(), key=lambda nc: (-nc[1], nc[0]))[: query.top]:
        counts = {b: c for (n, b), c in per.items() if n == name}
        out.append(series(name, counts, query.interval, span))
    return out


def _day(yyyymmdd: int) -> date:
    return date(yyyymmdd // 10_000, yyyymmdd // 100 % 100, yyyymmdd % 100)
