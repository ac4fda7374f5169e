"""The result of parsing a page, and the steps both extraction paths finish with."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsel import Selector

from crawlers.parsers.boilerplate import DATELINE, clean_lines, split_dateline, take_credits
from crawlers.parsers.html import PageError
from crawlers.parsers.metadata import canonical_href, language, names
from crawlers.parsers.published import Dates
from crawlers.urls import article_url, host_of, logical_url
from pipeline.events import RawArticle, article_id
from pipeline.fingerprint import simhash

# A copy of an agency story on another outlet keeps the agency in its dateline.
AGENCY_DATELINE = re.compile(r"^[^\n]{0,60}?\((?:ANTARA|Antara)(?: News)?\)\s*[-–—]")
_NO_PATTERN = re.compile(r"(?!)")


@dataclass
class ParsedArticle:
    """An article plus the warnings worth counting (missing_date, paywalled...)."""

    article: RawArticle
    warnings: list[str] = field(default_factory=list)


@dataclass
class Draft:
    """What an extraction path found, before the shared clean-up turns it into an event."""

    source: str
    extractor: str  # "rules:<outlet>/<design>" or "generic"
    title: str
    lines: list[str]
    dates: Dates
    sites: set[str]
    url: str = ""
    credits: dict[str, str] = field(default_factory=dict)
    # Byline or JSON-LD authors, used when the page has no credit line ("Pewarta: X").
    authors: list[str] = field(default_factory=list)
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    caption: str | None = None
    paywalled: bool = False
    dateline: re.Pattern[str] = _NO_PATTERN
    agency_ok: bool = False  # the outlet is the agency itself (ANTARA)
    warnings: list[str] = field(default_factory=list)


def finish(sel: Selector, response_url: str, draft: Draft) -> ParsedArticle:
    """Drop boilerplate and credit lines, split the dateline, build the RawArticle."""
    lines = clean_lines(draft.lines, draft.title, tuple(draft.authors))
    credits, lines = take_credits(lines)
    credits = {**credits, **draft.credits}
    warnings = list(draft.dates.warnings) + draft.warnings
    agency = bool(lines) and not draft.agency_ok and bool(AGENCY_DATELINE.match(lines[0]))
    if agency:
        warnings.append("agency_dateline")
    dateline, lines = split_dateline(lines, draft.dateline)
    if dateline is None and lines:
        dateline, lines = split_dateline(lines, DATELINE)
    if draft.paywalled:
        warnings.append("paywalled")
    if not lines:
        raise PageError("no_body", "article body is empty after cleaning")
    body = "\n\n".join(lines)
    url = article_url(draft.url or canonical_href(sel) or logical_url(response_url))
    article = RawArticle(
        id=article_id(url),
        url=url,
        agency_dateline="ANTARA" if agency else None,
        paywalled=draft.paywalled,
        source=draft.source,
        host=host_of(url),
        title=draft.title,
        body=body,
        published_at=draft.dates.published_at,
        published_raw=draft.dates.published_raw,
        updated_at=draft.dates.updated_at,
        section=draft.section,
        tags=draft.tags,
        reporters=_reporters(credits, draft),
        editor=credits.get("editor") or None,
        dateline=dateline,
        image_caption=draft.caption,
        language=language(sel),
        fingerprint=simhash(body),
        extractor=draft.extractor,
    )
    return ParsedArticle(article, warnings)


def _reporters(credits: dict[str, str], draft: Draft) -> list[str]:
    if credits.get("pewarta"):
        return names(credits["pewarta"])
    return draft.authors
