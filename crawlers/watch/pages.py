"""Turn a fetched article page into a RawArticle with the parser `pantau parse` uses."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from scrapy.http import HtmlResponse

from crawlers.outlets import OUTLETS
from crawlers.parsers.article import parse_article
from crawlers.parsers.html import PageError
from crawlers.watch.registry import GENERIC, Source
from pipeline.events import RawArticle

log = logging.getLogger(__name__)


@dataclass
class PageOutcome:
    """An article (and whether the generic extractor made it), or why there is none."""

    article: RawArticle | None
    reason: str = ""
    generic: bool = False
    warnings: tuple[str, ...] = ()


def parse_page(source: Source, url: str, body: bytes, headers: dict[str, str]) -> PageOutcome:
    """Parse with the source's outlet rules (or the generic extractor); never raises."""
    content_type = headers.get("content-type", "text/html")
    if "html" not in content_type and b"<html" not in body[:4096].lower():
        return PageOutcome(None, "not_html")
    response = HtmlResponse(url=url, body=body, headers={"Content-Type": content_type})
    outlet = OUTLETS.get(source.family) if source.family != GENERIC else None
    try:
        parsed = parse_article(response, outlet)
    except PageError as exc:
        return PageOutcome(None, exc.reason)
    except Exception:  # a parser bug costs one page, never the scheduler
        log.exception("parser failed on %s", url)
        return PageOutcome(None, "parser_exception")
    article = parsed.article
    # "generic_fallback": a page of a known outlet its rules could not read (the layered
    # extraction counts it so; "generic_extractor" alone: a site without rules)
    generic = bool({"generic_extractor", "generic_fallback"} & set(parsed.warnings))
    if generic and source.family == GENERIC:
        # The registry names the outlet; its host alone ("127.0.0.1", "kabar.id") is a
        # poorer source facet.
        article = article.model_copy(update={"source": source.name})
    if source.region:  # a local outlet's own region, used when the text names none
        article = article.model_copy(update={"source_region": source.region})
    return PageOutcome(article, generic=generic, warnings=tuple(parsed.warnings))
