"""When a page says it was published: JSON-LD, meta, printed dates, the URL, htmldate."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from parsel import Selector

from crawlers.dates import parse_indonesian_datetime
from crawlers.parsers.html import clean_text, first_attr, first_text
from crawlers.parsers.metadata import text_of

_TIME = re.compile(r"\d{1,2}[:.]\d{2}")
WIB = timezone(timedelta(hours=7))
# Meta names that carry the publication time, most specific first.
_DATE_META = (
    'meta[property="article:published_time"]::attr(content)',
    'meta[property="og:article:published_time"]::attr(content)',
    'meta[name="article:published_time"]::attr(content)',
    'meta[itemprop="datePublished"]::attr(content)',
    'meta[name="publishdate"]::attr(content)',
    'meta[name="publish-date"]::attr(content)',
    'meta[name="pubdate"]::attr(content)',
    'meta[name="content_PublishedDate"]::attr(content)',
    'meta[name="dc.date"]::attr(content)',
    'meta[name="DC.date.issued"]::attr(content)',
    'meta[name="dcterms.created"]::attr(content)',
    'meta[name="date"]::attr(content)',
    'meta[name="parsely-pub-date"]::attr(content)',
    'meta[name="sailthru.date"]::attr(content)',
)
_TIME_ATTRS = (
    "[itemprop=datePublished]::attr(datetime)",
    "article time::attr(datetime)",
    "time[datetime]::attr(datetime)",
)
# Printed dates near the headline: short text outside paragraphs and links, after the h1.
_NEAR_TITLE = (
    "//h1[1]/following::text()[normalize-space()][not(ancestor::p) and not(ancestor::a)"
    " and not(ancestor::script) and not(ancestor::style) and not(ancestor::li)]"
    "[position() <= 40]"
)
_DAY = re.compile(r"\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}|\d{1,4}[/-]\d{1,2}[/-]\d{2,4}")
_URL_DATE = re.compile(r"/(20\d{2}|19\d{2})[/-]?(\d{2})[/-]?(\d{2})(?=[/-]|\d{2,}|$)")


@dataclass
class Dates:
    published_at: datetime | None = None
    published_raw: str | None = None
    updated_at: datetime | None = None
    warnings: list[str] = field(default_factory=list)


def page_dates(sel: Selector, info: dict[str, Any], url: str, *printed: str) -> Dates:
    """Publication date: JSON-LD, meta, <time>, printed dates, the URL, then htmldate.

    Never the body text. A candidate with a time of day beats a date-only one of the
    same day (JSON-LD often gives the date alone while the page prints the minute).
    """
    found = Dates()
    modified = text_of(info.get("dateModified")) or first_attr(
        sel, 'meta[property="article:modified_time"]::attr(content)'
    )
    found.updated_at = parse_indonesian_datetime(modified) if modified else None
    seen: list[str] = []
    best = _best(_candidates(sel, info, printed), seen)
    if best is None:
        # A guess (the day in the URL or image paths): counted, so it is not taken as read.
        best = _from_url(url) or _htmldate(sel)
        if best is not None:
            found.warnings.append("date_guessed")
    if best is not None:
        found.published_at, found.published_raw = best
        return found
    found.warnings.append("missing_date")
    if seen:
        # Keep what the page said so a later parser version can still read it.
        found.published_raw = seen[0]
        found.warnings.append("unparsed_date")
    return found


def _best(candidates: Iterator[str], seen: list[str]) -> tuple[datetime, str] | None:
    """The first readable candidate; if it has no time of day, a later one of the same
    day that has (candidates are produced lazily: most pages stop at JSON-LD)."""
    first: tuple[datetime, str] | None = None
    for raw in candidates:
        seen.append(raw)
        parsed = parse_indonesian_datetime(raw)
        if parsed is None:
            continue
        timed = bool(_TIME.search(raw))
        if first is None:
            if timed:
                return parsed, raw
            first = (parsed, raw)
        elif timed and parsed.astimezone(WIB).date() == first[0].astimezone(WIB).date():
            return parsed, raw
    return first


def _candidates(sel: Selector, info: dict[str, Any], printed: tuple[str, ...]) -> Iterator[str]:
    ld = text_of(info.get("datePublished")) or text_of(info.get("dateCreated"))
    if ld:
        yield ld
    for query in (*_DATE_META, *_TIME_ATTRS):
        value = first_attr(sel, query)
        if value:
            yield value
    if printed and (text := first_text(sel, *printed)):
        yield text
    for node in sel.root.xpath(_NEAR_TITLE):
        text = clean_text(str(node))
        if 8 <= len(text) <= 80 and _DAY.search(text):
            yield text


def _from_url(url: str) -> tuple[datetime, str] | None:
    match = _URL_DATE.search(url)
    if match is None:
        return None
    raw = "-".join(match.groups())
    parsed = parse_indonesian_datetime(raw)
    return (parsed, raw) if parsed is not None else None


def _htmldate(sel: Selector) -> tuple[datetime, str] | None:
    """The well-kept htmldate library's guess, for pages that say nothing we read."""
    from htmldate import find_date

    raw = find_date(sel.root, extensive_search=True, original_date=True,
                    outputformat="%Y-%m-%dT%H:%M:%S")  # fmt: skip
    if not raw:
        return None
    value = raw[:10] if raw.endswith("T00:00:00") else raw
    parsed = parse_indonesian_datetime(value)
    return (parsed, value) if parsed is not None else None
