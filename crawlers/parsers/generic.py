"""The extractor for news pages of outlets pantau has no rules for: trafilatura for the
body, JSON-LD / OpenGraph / meta for the rest; same RawArticle contract."""

from __future__ import annotations

import re
from typing import Any

from parsel import Selector
from scrapy.http import TextResponse

from crawlers.fingerprint import simhash
from crawlers.outlet import COMMON_NOISE
from crawlers.parsers.article import (
    AGENCY_DATELINE,
    ParsedArticle,
    canonical_href,
    names,
    og_title,
    page_dates,
    split_dateline,
)
from crawlers.parsers.html import (
    PageError,
    clean_text,
    first_attr,
    first_text,
    is_paywalled,
    jsonld_objects,
)
from crawlers.urls import article_url, host_of, logical_url
from pipeline.events import RawArticle, article_id

# "Kota (ANTARA) - ", "KOTA, Outlet.com - ", "Kota - " at the start of the first paragraph.
_DATELINE = re.compile(
    r"^(?:[A-Z][\w.]*\.(?:com|co\.id|id|co),\s*)?(?P<city>[A-Z][\w.' ]{1,30}?)"
    r"(?:,\s*[\w.]+\.(?:com|co\.id|id))?\s*(?:\([A-Za-z. ]{2,20}\)\s*)?[-–—]{1,2}\s+"
)
_MIN_BODY_CHARS = 200


def parse_generic(response: TextResponse) -> ParsedArticle:
    """Extract an article from any news page; PageError when it does not look like one."""
    sel = response.selector
    info = _article_jsonld(sel)
    title = (
        clean_text(str(info.get("headline") or ""))
        or og_title(sel)
        or first_text(sel, "article h1", "h1")
        or None
    )
    if not title:
        raise PageError("no_title", "no headline in JSON-LD, og:title or h1")
    lines = [line for line in _body_lines(response, info) if line != title]
    if sum(len(p) for p in lines) < _MIN_BODY_CHARS:
        raise PageError("no_body", "no article text found by the generic extractor")
    warnings = ["generic_extractor"]
    agency = bool(AGENCY_DATELINE.match(lines[0]))
    if agency:
        warnings.append("agency_dateline")
    if is_paywalled(sel):
        warnings.append("paywalled")
    dateline, lines = split_dateline(lines, _DATELINE)
    body = "\n\n".join(lines)
    url = article_url(canonical_href(sel) or _jsonld_url(info) or logical_url(response.url))
    dates = page_dates(sel, ())
    host = host_of(url)
    article = RawArticle(
        id=article_id(url),
        url=url,
        agency_dateline="ANTARA" if agency else None,
        paywalled="paywalled" in warnings,
        source=host.removeprefix("www."),
        host=host,
        title=title,
        body=body,
        published_at=dates.published_at,
        published_raw=dates.published_raw,
        updated_at=dates.updated_at,
        section=first_attr(sel, 'meta[property="article:section"]::attr(content)')
        or _str(info.get("articleSection")),
        tags=_tags(sel, info),
        reporters=_authors(sel, info),
        dateline=dateline,
        image_caption=first_text(sel, "article figure figcaption", "figure figcaption"),
        language=(first_attr(sel, "html::attr(lang)") or "id").split("-")[0].lower()[:3],
        fingerprint=simhash(body),
    )
    return ParsedArticle(article, dates.warnings + warnings)


def _body_lines(response: TextResponse, info: dict[str, Any]) -> list[str]:
    text = _trafilatura_text(response)
    if not text:
        text = _str(info.get("articleBody")) or ""
    lines = [clean_text(line) for line in re.split(r"\n+", text)]
    return [line for line in lines if line and not COMMON_NOISE.match(line)]


def _trafilatura_text(response: TextResponse) -> str | None:
    try:
        import trafilatura
    except ImportError:  # the JSON-LD articleBody fallback still works
        return None
    result: str | None = trafilatura.extract(
        response.text,
        url=response.url,
        output_format="txt",
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        deduplicate=False,
    )
    return result


def _article_jsonld(sel: Selector) -> dict[str, Any]:
    for obj in jsonld_objects(sel):
        types = obj.get("@type")
        kinds = types if isinstance(types, list) else [types]
        if any(str(k).endswith("Article") for k in kinds):
            return obj
    return {}


def _str(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return clean_text(str(value)) if value else None


def _jsonld_url(info: dict[str, Any]) -> str | None:
    page = info.get("mainEntityOfPage")
    value = page.get("@id") if isinstance(page, dict) else page or info.get("url")
    text = _str(value)
    return text if text and text.startswith(("http://", "https://")) else None


def _authors(sel: Selector, info: dict[str, Any]) -> list[str]:
    author = info.get("author")
    people = author if isinstance(author, list) else [author] if author else []
    found = [
        clean_text(str(p.get("name") if isinstance(p, dict) else p))
        for p in people
        if p and (not isinstance(p, dict) or p.get("name"))
    ]
    if found:
        return list(dict.fromkeys(found))
    meta = first_attr(sel, 'meta[name="author"]::attr(content)')
    return names(meta) if meta else []


def _tags(sel: Selector, info: dict[str, Any]) -> list[str]:
    tags = [t.strip() for t in sel.css('meta[property="article:tag"]::attr(content)').getall()]
    if not tags:
        keywords = info.get("keywords") or first_attr(
            sel, 'meta[name="news_keywords"]::attr(content)', 'meta[name="keywords"]::attr(content)'
        )
        if isinstance(keywords, list):
            tags = [str(k) for k in keywords]
        elif keywords:
            tags = str(keywords).split(",")
    return list(dict.fromkeys(t.strip() for t in tags if t.strip()))
