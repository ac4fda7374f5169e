"""Turn any article page into a RawArticle: outlet rules, then the generic extractor."""

from __future__ import annotations

from scrapy.http import TextResponse

from crawlers.outlet import Outlet
from crawlers.parsers.generic import parse_generic
from crawlers.parsers.html import PageError, clean_text, css_values, looks_blocked
from crawlers.parsers.metadata import canonical_href
from crawlers.parsers.parsed import ParsedArticle
from crawlers.parsers.rules import parse_with_rules
from crawlers.urls import outlet_for

__all__ = ["ParsedArticle", "parse_article"]


def parse_article(response: TextResponse, outlet: Outlet | None = None) -> ParsedArticle:
    """Parse one article page in layers: the outlet's rules (each of its designs), then
    the generic extractor; a page neither reads raises PageError with the reason.

    A page of a known outlet read by the generic extractor carries the warning
    `generic_fallback`, so a redesign shows up as a count, not as silence.
    """
    sel = response.selector
    page_title = clean_text(" ".join(css_values(sel, "title::text")))
    if looks_blocked(page_title):
        raise PageError("blocked", page_title)
    outlet = outlet or _outlet_of_page(response)
    if outlet is not None:
        parsed = parse_with_rules(response, outlet)
        if parsed is not None:
            return parsed
    text = clean_text(" ".join(css_values(sel, "body ::text")))
    if looks_blocked(page_title, text) or response.status in (401, 403, 429):
        raise PageError("blocked", page_title or f"HTTP {response.status}")
    try:
        parsed = parse_generic(response, outlet)
    except PageError as exc:
        if outlet is None:
            raise
        designs = ", ".join(p.design for p in outlet.designs)
        raise PageError(
            exc.reason, f"no {outlet.name} design fits ({designs}); generic: {exc.detail}"
        ) from exc
    if outlet is not None:
        parsed.warnings.append("generic_fallback")
    return parsed


def _outlet_of_page(response: TextResponse) -> Outlet | None:
    canonical = canonical_href(response.selector)
    found = outlet_for(canonical) if canonical else None
    return found or outlet_for(response.url)
