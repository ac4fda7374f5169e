"""Turn an ANTARA article page (current or older design) into a RawArticle."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from lxml import html as lxml_html
from parsel import Selector
from scrapy.http import TextResponse

from crawlers.dates import parse_indonesian_datetime
from crawlers.fingerprint import simhash
from crawlers.parsers.html import (
    PageError,
    clean_text,
    detached_copy,
    drop,
    first_attr,
    first_text,
    jsonld_objects,
    looks_blocked,
    paragraphs,
)
from crawlers.urls import article_url, host_of
from pipeline.events import RawArticle, article_id

SOURCE = "antara"

TITLE_QUERIES = (".wrap__article-detail-title h1", "h1.post-title")
BODY_QUERIES = (
    "div.wrap__article-detail-content.post-content",
    "div.post-content.clearfix",
    "div.post-content",
)
DATE_TEXT_QUERIES = (".wrap__article-detail-info span.text-secondary", "span.article-date")
CAPTION_QUERIES = (
    ".wrap__article-detail-image figcaption",
    ".post-image figcaption",
    ".img-container figcaption",
)
TAG_QUERIES = ("ul.blog-tags li a::text", ".tags-wrapper a::text")
CRUMB_QUERIES = (".breadcrumbs__item", "ol.breadcrumb li")
_ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle"}
_NOT_SECTIONS = {"beranda", "home", "berita", "antara news", "antaranews", "index"}

_DATELINE = re.compile(
    r"^(?P<city>[A-Z][\w.'’ -]{1,40}?)\s*\((?:ANTARA|Antara|ANTARA News)\)\s*[-–—]+\s*"
)
_NOISE_LINE = re.compile(
    r"^(?:baca juga\s*:|advertisement$|scroll to continue|copyright\s*©|©\s*antara|"
    r"dilarang keras mengambil konten)",
    re.IGNORECASE,
)
_CREDIT_LINE = re.compile(r"^(pewarta|editor|penerjemah|penulis)\s*:\s*(.*)$", re.IGNORECASE)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|/|&|\bdan\b)\s*")
_NOISE_XPATH = (
    ".//script | .//style | .//noscript | .//iframe | .//ins | .//template | .//form"
    " | .//figure | .//figcaption | .//button"
    " | .//*[contains(concat(' ', normalize-space(@class), ' '), ' baca-juga ')]"
    " | .//p[contains(concat(' ', normalize-space(@class), ' '), ' text-muted ')]"
)


@dataclass
class ParsedArticle:
    """An article plus the warnings worth counting (e.g. missing_date)."""

    article: RawArticle
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Dates:
    published_at: datetime | None = None
    published_raw: str | None = None
    updated_at: datetime | None = None
    warnings: list[str] = field(default_factory=list)


def parse_article(response: TextResponse) -> ParsedArticle:
    """Parse one article page; raise PageError(reason) when it is not a usable article."""
    sel = response.selector
    page_title = clean_text(" ".join(sel.css("title::text").getall()))
    if looks_blocked(page_title):
        raise PageError("blocked", page_title)
    container = next((s for q in BODY_QUERIES for s in sel.css(q)), None)
    if container is None:
        text = clean_text(" ".join(sel.css("body ::text").getall()))
        if looks_blocked(page_title, text) or response.status in (401, 403, 429):
            raise PageError("blocked", page_title or f"HTTP {response.status}")
    title = first_text(sel, *TITLE_QUERIES) or _og_title(sel)
    if not title:
        raise PageError("no_title", "no article headline (h1) or og:title")
    if container is None:
        raise PageError("no_body", "no article body container")
    body_el = detached_copy(container)
    credits = _take_credits(body_el)
    lines = [p for p in paragraphs(body_el) if not _NOISE_LINE.match(p)]
    credits.update(_credit_lines(lines))
    lines = [p for p in lines if not _CREDIT_LINE.match(p)]
    dateline, lines = _split_dateline(lines)
    if not lines:
        raise PageError("no_body", "article body is empty after cleaning")
    body = "\n\n".join(lines)
    url = article_url(_canonical_href(sel) or response.url)
    dates = _dates(sel)
    article = RawArticle(
        id=article_id(url),
        url=url,
        source=SOURCE,
        host=host_of(url),
        title=title,
        body=body,
        published_at=dates.published_at,
        published_raw=dates.published_raw,
        updated_at=dates.updated_at,
        section=_section(sel, title),
        tags=_tags(sel),
        reporters=_names(credits.get("pewarta", "")),
        editor=credits.get("editor") or None,
        dateline=dateline,
        image_caption=first_text(sel, *CAPTION_QUERIES),
        fingerprint=simhash(body),
    )
    return ParsedArticle(article, dates.warnings)


def _og_title(sel: Selector) -> str | None:
    value = first_attr(sel, 'meta[property="og:title"]::attr(content)')
    if value is None:
        return None
    return clean_text(re.sub(r"\s+-\s+ANTARA News.*$", "", value)) or None


def _canonical_href(sel: Selector) -> str | None:
    href = first_attr(sel, 'link[rel="canonical"]::attr(href)')
    return href if href and href.startswith(("http://", "https://")) else None


def _take_credits(body_el: lxml_html.HtmlElement) -> dict[str, str]:
    """Read the credit footer (Pewarta/Editor), then prune footer and noise from the body."""
    credits: dict[str, str] = {}
    footers = body_el.xpath(
        ".//p[contains(concat(' ', normalize-space(@class), ' '), ' text-muted ')]"
    )
    for footer in footers:
        credits.update(_credit_lines(paragraphs(footer)))
    drop(body_el, _NOISE_XPATH)
    for node in list(body_el.iter()):
        if isinstance(node.tag, str) and node.getparent() is not None and _is_ad(node):
            node.drop_tree()
    return credits


def _is_ad(node: lxml_html.HtmlElement) -> bool:
    classes = (node.get("class") or "").lower().split()
    node_id = (node.get("id") or "").lower()
    return node_id.startswith("div-gpt-ad") or any(
        c.startswith(("ads", "adsense", "advert")) or c.endswith("-ads") for c in classes
    )


def _credit_lines(lines: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in lines:
        match = _CREDIT_LINE.match(line)
        if match and match.group(2).strip():
            found.setdefault(match.group(1).lower(), clean_text(match.group(2)))
    return found


def _names(value: str) -> list[str]:
    return [name for name in (clean_text(n) for n in _NAME_SPLIT.split(value)) if name]


def _split_dateline(lines: list[str]) -> tuple[str | None, list[str]]:
    if not lines:
        return None, lines
    match = _DATELINE.match(lines[0])
    if match is None:
        return None, lines
    rest = lines[0][match.end() :].strip()
    return clean_text(match.group("city")), ([rest] if rest else []) + lines[1:]


def _dates(sel: Selector) -> _Dates:
    found = _Dates()
    candidates: list[str] = []
    for obj in jsonld_objects(sel):
        if _ARTICLE_TYPES & set(_types(obj)):
            candidates.extend(str(obj[k]) for k in ("datePublished",) if obj.get(k))
            modified = obj.get("dateModified")
            if modified and found.updated_at is None:
                found.updated_at = parse_indonesian_datetime(str(modified))
    for raw in (
        first_attr(sel, 'meta[property="article:published_time"]::attr(content)'),
        first_attr(sel, "article time::attr(datetime)", "time[datetime]::attr(datetime)"),
        first_text(sel, *DATE_TEXT_QUERIES),
    ):
        if raw:
            candidates.append(raw)
    for raw in candidates:
        parsed = parse_indonesian_datetime(raw)
        if parsed is not None:
            found.published_at, found.published_raw = parsed, raw
            return found
    found.warnings.append("missing_date")
    if candidates:
        # Keep what the page said so a later parser version can still read it.
        found.published_raw = candidates[0]
        found.warnings.append("unparsed_date")
    return found


def _types(obj: dict[str, Any]) -> list[str]:
    value = obj.get("@type")
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)] if value else []


def _section(sel: Selector, title: str) -> str | None:
    for query in CRUMB_QUERIES:
        crumbs = [clean_text(" ".join(n.css("::text").getall())) for n in sel.css(query)]
        crumbs = [c for c in crumbs if c and c.lower() not in _NOT_SECTIONS and c != title]
        if crumbs:
            return crumbs[-1]
    return first_attr(sel, 'meta[property="article:section"]::attr(content)')


def _tags(sel: Selector) -> list[str]:
    for query in TAG_QUERIES:
        tags = [clean_text(t).lstrip("#").strip() for t in sel.css(query).getall()]
        unique = list(dict.fromkeys(t for t in tags if t))
        if unique:
            return unique
    return []
