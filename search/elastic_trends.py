"""Trends on Elasticsearch: date histograms of "all", of the top split values and of the rest."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from search.filters import BY_PARAM
from search.query import TrendQuery, TrendResult, TrendSeries, utc_offset
from search.trends import OTHERS, SINGLE, label_of, region_level, rest_of, series

# (query, aggs) -> the response's aggregations
Search = Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]
PRECISION = 40_000  # cardinality counts exactly (a hash set) below this many values


def trends(search: Search, query: TrendQuery, q: dict[str, Any]) -> TrendResult:
    """The trend of the articles `q` matches (its bool query): one request, and a second
    for the others of a split whose articles hold several values (topics, entities)."""
    level = region_level(query.query) if query.split == "region" else None
    found = search(q, _aggs(query, level))
    buckets = found["all"]["buckets"]
    span = (buckets[0]["key_as_string"], buckets[-1]["key_as_string"]) if buckets else None
    whole = series("all", _counts(buckets), query.interval, span)
    shown = [
        series(str(b["key"]), _counts(b["over_time"]["buckets"]), query.interval, span,
               label_of(query.split, str(b["key"])))
        for b in found.get("split", {}).get("buckets", [])
    ]  # fmt: skip
    others: TrendSeries | None = None
    folded = 0
    if query.split:
        values = found["values"]
        distinct = len(values["buckets"]) if "buckets" in values else int(values["value"])
        folded = max(0, distinct - len(shown))
        if query.split in SINGLE:
            others = rest_of(whole, shown, query.interval, span)
        else:
            field = BY_PARAM[query.split].field
            rest = copy.deepcopy(q)
            rest["bool"]["must_not"].append({"terms": {field: [s.name for s in shown]}})
            rest_buckets = search(rest, {"all": _histogram(query)})["all"]["buckets"]
            others = series(OTHERS, _counts(rest_buckets), query.interval, span)
    return TrendResult(
        interval=query.interval,
        timezone=query.timezone,
        split=query.split,
        series=[whole, *shown],
        others=others,
        folded=folded,
        region_level=level,
    )


def _counts(buckets: list[dict[str, Any]]) -> dict[str, int]:
    return {b["key_as_string"]: b["doc_count"] for b in buckets}


def _histogram(query: TrendQuery) -> dict[str, Any]:
    return {
        "date_histogram": {
            "field": "published_at",
            "calendar_interval": query.interval,
            "format": "yyyy-MM-dd",
            "min_doc_count": 1,
            # the offset, not the zone's name: the same days as SQLite whatever
            # version of the time zone database Elasticsearch carries
            "time_zone": es_offset(utc_offset(query.timezone)),
        }
    }


def _aggs(query: TrendQuery, level: int | None) -> dict[str, Any]:
    """ "all" per bucket; with a split, the top values per bucket and how many there are."""
    hist = _histogram(query)
    aggs: dict[str, Any] = {"all": hist}
    if not query.split:
        return aggs
    field = BY_PARAM[query.split].field
    terms: dict[str, Any] = {"field": field, "size": query.top}
    if level is not None:  # region_path holds every level: count only the codes of one
        terms["include"] = "[0-9]+" + r"\.[0-9]+" * (level - 1)
        # a few hundred regions at most: their buckets, counted exactly
        aggs["values"] = {"terms": {**terms, "size": 10_000}}
    else:
        aggs["values"] = {"cardinality": {"field": field, "precision_threshold": PRECISION}}
    aggs["split"] = {"terms": terms, "aggs": {"over_time": hist}}
    return aggs


def es_offset(delta: timedelta) -> str:
    """+07:00, -03:30: a UTC offset as Elasticsearch's time_zone reads it."""
    minutes = int(delta.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
