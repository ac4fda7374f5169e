"""Trends on the SQLite index: the matching articles counted per day, then per bucket."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from search.filters import BY_PARAM
from search.query import TrendQuery, TrendSeries, utc_offset
from search.sqlite_columns import Columns
from search.trends import OTHERS, bucket_start, depth, label_of, region_level, series


@dataclass(frozen=True)
class Trend:
    """What `trend_series` finds: "all" then the shown series, the others, how many
    values were folded into them, and the region split's level."""

    series: list[TrendSeries]
    others: TrendSeries | None = None
    folded: int = 0
    region_level: int | None = None


@dataclass(frozen=True)
class _Days:
    at: np.ndarray  # per matching article: the index of its local day
    bucket: np.ndarray  # per local day: the index of its bucket in `keys`
    keys: list[str]  # the buckets' start dates (YYYY-MM-DD), in order

    def count(self, per_day: np.ndarray) -> dict[str, int]:
        """Counts per day -> counts per bucket (buckets without any left out)."""
        per = np.bincount(self.bucket, weights=per_day, minlength=len(self.keys))
        return {self.keys[i]: int(per[i]) for i in np.flatnonzero(per).tolist()}


def trend_series(
    cols: Columns,
    rids: np.ndarray,
    query: TrendQuery,
    value: Callable[[int], tuple[str, str]],
) -> Trend:
    """`all`, the top split values and the others, from the matching articles that have a
    date: numpy counts per (value code, day); Python folds days into buckets."""
    rids = rids[cols.dated[rids]]
    days = _local_days(cols, rids, query)
    everything = days.count(np.bincount(days.at, minlength=len(days.bucket)))
    span = (min(everything), max(everything)) if everything else None
    whole = series("all", everything, query.interval, span)
    if not query.split:
        return Trend([whole])
    level = region_level(query.query) if query.split == "region" else None
    codes, owners = cols.codes_of(rids)
    counted = np.bincount(codes)  # articles per value code (an article holds a code once)
    names = _values(np.flatnonzero(counted).tolist(), value, BY_PARAM[query.split].name, level)
    ranked = sorted(names, key=lambda c: (-int(counted[c]), names[c]))
    shown = ranked[: query.top]
    rank = np.full(len(counted), -1, np.int64)  # a shown code's place, by lookup (no isin)
    rank[shown] = np.arange(len(shown))
    place = rank[codes]
    held = place >= 0
    inside = np.zeros(len(rids), bool)
    inside[owners[held]] = True
    ndays = len(days.bucket)  # one bincount for every shown value and day
    grid = np.bincount(place[held] * ndays + days.at[owners[held]], minlength=len(shown) * ndays)
    out = [whole]
    for i, code in enumerate(shown):
        name = names[code]
        per_day = grid[i * ndays : (i + 1) * ndays]
        out.append(
            series(name, days.count(per_day), query.interval, span, label_of(query.split, name))
        )
    rest = days.count(np.bincount(days.at[~inside], minlength=len(days.bucket)))
    others = series(OTHERS, rest, query.interval, span)
    return Trend(out, others, len(ranked) - len(shown), level)


def _values(
    codes: list[int], value: Callable[[int], tuple[str, str]], kind: str, level: int | None
) -> dict[int, str]:
    """The codes (of those given) that are values of the split, with their values."""
    out = {}
    for code in codes:
        found_kind, name = value(code)
        if found_kind == kind and (level is None or depth(name) == level):
            out[code] = name
    return out


def _local_days(cols: Columns, rids: np.ndarray, query: TrendQuery) -> _Days:
    """Each article's local day as an index from the first one (no sort: the days of a
    million articles span a few hundred), each day's bucket."""
    offset = int(utc_offset(query.timezone).total_seconds() // 60)
    day = (cols.minute[rids] + offset) // 1440  # days since 1970 in the zone
    low = int(day.min()) if len(day) else 0
    at = day - low
    span = int(at.max()) + 1 if len(at) else 0
    epoch = date(1970, 1, 1)
    starts = [
        bucket_start(epoch + timedelta(days=low + d), query.interval).isoformat()
        for d in range(span)
    ]
    keys, bucket = np.unique(np.array(starts, dtype="U10"), return_inverse=True)
    return _Days(at, bucket.reshape(-1), keys.tolist())
