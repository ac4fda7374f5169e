"""Shared trend shaping: fill empty buckets so both backends return the same series."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from search.query import TrendPoint, TrendSeries


def bucket_start(day: date, interval: str) -> date:
    return day - timedelta(days=day.weekday()) if interval == "week" else day


def series(
    name: str, counts: Mapping[str, int], interval: str, span: tuple[str, str] | None
) -> TrendSeries:
    """One series with a point for every bucket in `span` (first and last bucket dates)."""
    points: list[TrendPoint] = []
    if span:
        step = timedelta(days=7 if interval == "week" else 1)
        day, last = date.fromisoformat(span[0]), date.fromisoformat(span[1])
        while day <= last:
            key = day.isoformat()
            points.append(TrendPoint(date=key, count=counts.get(key, 0)))
            day += step
    return TrendSeries(name=name, total=sum(counts.values()), points=points)
