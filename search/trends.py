"""Shared trend shaping: fill empty buckets, the region split's level, the "others" series,
so both backends return the same series."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from functools import lru_cache

from search.query import SearchQuery, TrendSeries
from search.regions import regions

OTHERS = "lainnya"
# an article has one source, and one region code per level (31.72.01: 31, 31.72, 31.72.01):
# "others" is then "all" minus the shown series, bucket by bucket
SINGLE = frozenset({"source", "region"})
DEEPEST = 4  # Kemendagri codes have at most four parts (province . kab/kota . kec . desa)


def bucket_start(day: date, interval: str) -> date:
    return day - timedelta(days=day.weekday()) if interval == "week" else day


def series(
    name: str,
    counts: Mapping[str, int],
    interval: str,
    span: tuple[str, str] | None,
    label: str | None = None,
) -> TrendSeries:
    """One series with a point for every bucket in `span` (first and last bucket dates)."""
    # validated as one structure: a year of days in ten series is thousands of points,
    # and pydantic's core checks a list far faster than Python makes the objects one by one
    points = [
        {"date": key, "count": counts.get(key, 0)}
        for key in (buckets(interval, *span) if span else ())
    ]
    total = sum(counts.values())
    return TrendSeries.model_validate(
        {"name": name, "total": total, "points": points, "label": label}
    )


@lru_cache(maxsize=64)
def buckets(interval: str, first: str, last: str) -> tuple[str, ...]:
    """The bucket dates from `first` to `last` (YYYY-MM-DD), a day or a week apart."""
    step = timedelta(days=7 if interval == "week" else 1)
    day, end = date.fromisoformat(first), date.fromisoformat(last)
    out = []
    while day <= end:
        out.append(day.isoformat())
        day += step
    return tuple(out)


def region_level(query: SearchQuery) -> int:
    """The level a region split counts at: one beneath the shallowest region filtered on
    (region=32: its kabupaten/kota), else beneath the office's region (the scope), else
    provinces. A region named but unknown (matched by the NLP's name) sets nothing."""
    base = [c for v in query.regions for c in regions().codes(v)] or list(query.scope or ())
    return min(DEEPEST, 1 + min((c.count(".") + 1 for c in base), default=0))


def depth(code: str) -> int:
    return code.count(".") + 1


def label_of(split: str | None, value: str) -> str | None:
    """What a series shows instead of its value: a region's name (None: the value)."""
    return regions().label(value) if split == "region" else None


def rest_of(
    whole: TrendSeries, shown: list[TrendSeries], interval: str, span: tuple[str, str] | None
) -> TrendSeries:
    """ "Others" of a single-valued split: every bucket of `whole` minus the shown series."""
    counts = {p.date: p.count for p in whole.points}
    for s in shown:
        for p in s.points:
            counts[p.date] -= p.count
    return series(OTHERS, {d: c for d, c in counts.items() if c}, interval, span)
