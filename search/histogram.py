"""The date histogram of a search: local-day counts from an engine, shaped the same for both.

Each engine counts the matching articles per day in the query's time zone (one pass, no
second request); this module chooses the interval (`auto`: by the span of the query's
dates, else of the found days), folds days into weeks (from Monday) or months and fills
the empty buckets, so SQLite and Elasticsearch give the same buckets by construction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from search.query import Histogram, Interval, SearchQuery, TrendPoint

# auto: days up to two months, weeks up to a year, months beyond (about 60 bars at most
# for spans up to five years)
DAYS_UP_TO = 62
WEEKS_UP_TO = 366
# a query's own bounds widen the span to show empty buckets, up to this many days; wider
# bounds (since 2000...) are clipped to the found days
WIDEST = 3660


def bucket_of(day: date, interval: Interval) -> date:
    """The first day of the bucket holding `day`."""
    if interval == "week":
        return day - timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    return day


def next_bucket(start: date, interval: Interval) -> date:
    if interval == "month":
        return (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start + timedelta(days=7 if interval == "week" else 1)


def _local_day(moment: datetime, timezone: str) -> date:
    return moment.astimezone(ZoneInfo(timezone)).date()


def span(query: SearchQuery, days: Mapping[date, int]) -> tuple[date, date] | None:
    """First and last day to show: the query's dates where it gives them, else the first
    and last found day; None when there is nothing to show."""
    found = [d for d, n in days.items() if n]
    low = _local_day(query.since, query.timezone) if query.since else None
    # `until` is exclusive: its last day is the one before the instant
    high = (
        _local_day(query.until - timedelta(microseconds=1), query.timezone) if query.until else None
    )
    if not found and (low is None or high is None):
        return None
    first = low if low is not None else min(found)
    last = high if high is not None else max(found)
    if found and (last - first).days > WIDEST:
        first, last = max(first, min(found)), min(last, max(found))
    return (first, last) if first <= last else None


def choose(wanted: str, first: date, last: date) -> Interval:
    if wanted in ("day", "week", "month"):
        return wanted  # type: ignore[return-value]
    days = (last - first).days + 1
    return "day" if days <= DAYS_UP_TO else "week" if days <= WEEKS_UP_TO else "month"


def histogram(query: SearchQuery, days: Mapping[date, int]) -> Histogram:
    """The query's histogram from its matching articles' counts per local day."""
    bounds = span(query, days)
    interval = choose(query.histogram or "auto", *(bounds or (date.min, date.min)))
    if bounds is None:
        return Histogram(interval=interval, timezone=query.timezone, buckets=[])
    first, last = bounds
    counts: Counter[date] = Counter()
    for day, n in days.items():
        if first <= day <= last:
            counts[bucket_of(day, interval)] += n
    buckets: list[TrendPoint] = []
    at = bucket_of(first, interval)
    while at <= last:
        buckets.append(TrendPoint(date=at.isoformat(), count=counts.get(at, 0)))
        at = next_bucket(at, interval)
    return Histogram(interval=interval, timezone=query.timezone, buckets=buckets)
