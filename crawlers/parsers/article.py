"""Turn an article page of a known outlet (any of its designs) into a RawArticle."""

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
from crawlers.outlet import COMMON_NOISE, Outlet, PageProfile
from crawlers.parsers.html import (
    PageError,
    clean_text,
    detached_copy,
    drop,
    first_attr,
    first_text,
    is_paywalled,
    jsonld_objects,
    looks_blocked,
    paragraphs,
)
from crawlers.urls import article_url, host_of, logical_url, outlet_for
from pipeline.events import RawArticle, article_id

_ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle"}
_NOT_SECTIONS = {"beranda", "home", "berita", "index", "antara news", "antaranews"}
_CREDIT_LINE = re.compile(
    r"^(pewarta|editor|penerjemah|penulis|reporter|laporan)\s*:\s*(.*)$", re.IGNORECASE
)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|/|&|\bdan\b)\s*")
_BASE_NOISE_XPATH = (
    ".//script | .//style | .//noscript | .//iframe | .//ins | .//template | .//form"
    " | .//figure | .//figcaption | .//button"
)
# A copy of an agency story on another outlet keeps the agency in its dateline.
AGENCY_DATELINE = re.compile(r"^[^\n]{0,60}?\((?:ANTARA|Antara)(?: News)?\)\s*[-–—]")


@dataclass
class ParsedArticle:
    """An article plus the warnings worth counting (missing_date, paywalled...)."""

    article: RawArticle
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Dates:
    published_at: datetime | None = None
    published_raw: str | None = None
    updated_at: datetime | None = None
    warnings: list[str] = field(default_factory=list)


def parse_article(response: TextResponse, outlet: Outlet | None = None) -> ParsedArticle:
    """Parse one article page with its outlet's rules (the generic extractor otherwise).

    Raises PageError(reason) when the page is not a usable article.
    """
    sel = response.selector
    page_title = clean_text(" ".join(sel.css("title::text").getall()))
    if looks_blocked(page_title):
        raise PageError("blocked", page_title)
    outlet = outlet or _outlet_of_page(sel, response.url)
    if outlet is None:
        from crawlers.parsers.generic import parse_generic

        return parse_generic(response)
    return _parse_with(response, outlet, page_title)


def _outlet_of_page(sel: Selector, url: str) -> Outlet | None:
    canonical = canonical_href(sel)
    found = outlet_for(canonical) if canonical else None
    return found or outlet_for(url)


def _parse_with(response: TextResponse, outlet: Outlet, page_title: str) -> ParsedArticle:
    sel, profile = response.selector, outlet.page
    container = next((s for q in profile.body for s in sel.css(q)), None)
    if container is None:
        text = clean_text(" ".join(sel.css("body ::text").getall()))
        if looks_blocked(page_title, text) or response.status in (401, 403, 429):
            raise PageError("blocked", page_title or f"HTTP {response.status}")
    title = first_text(sel, *profile.title) or og_title(sel, profile)
    if not title:
        raise PageError("no_title", "no article headline (h1) or og:title")
    if container is None:
        raise PageError("no_body", "no article body container")
    warnings: list[str] = []
    if is_paywalled(sel, profile.paywall):
        # The visible paragraphs are kept (the box itself is noise); counted, so an
        # operator sees how many stories were cut short.
        warnings.append("paywalled")
    body_el = detached_copy(container)
    credits = _page_credits(sel, profile)
    credits.update(_take_credits(body_el, profile))
    lines = [p for p in paragraphs(body_el) if not _is_noise(p, profile)]
    credits.update(credit_lines(lines))
    if outlet.fix_credits is not None:
        credits = outlet.fix_credits(credits)
    lines = [p for p in lines if not _CREDIT_LINE.match(p)]
    agency = bool(lines) and outlet.name != "antara" and bool(AGENCY_DATELINE.match(lines[0]))
    if agency:
        warnings.append("agency_dateline")
    dateline, lines = split_dateline(lines, profile.dateline)
    if not lines:
        raise PageError("no_body", "article body is empty after cleaning")
    body = "\n\n".join(lines)
    url = article_url(canonical_href(sel) or logical_url(response.url))
    dates = page_dates(sel, profile.date_text)
    article = RawArticle(
        id=article_id(url),
        url=url,
        agency_dateline="ANTARA" if agency else None,
        paywalled="paywalled" in warnings,
        source=outlet.name,
        host=host_of(url),
        title=title,
        body=body,
        published_at=dates.published_at,
        published_raw=dates.published_raw,
        updated_at=dates.updated_at,
        section=_section(sel, profile, title),
        tags=_tags(sel, profile),
        reporters=_reporters(sel, profile, credits),
        editor=credits.get("editor") or None,
        dateline=dateline,
        image_caption=first_text(sel, *profile.caption),
        language=_language(sel),
        fingerprint=simhash(body),
    )
    return ParsedArticle(article, dates.warnings + warnings)


def og_title(sel: Selector, profile: PageProfile | None = None) -> str | None:
    value = first_attr(sel, 'meta[property="og:title"]::attr(content)')
    if value is None:
        return None
    if profile is not None:
        value = profile.title_suffix.sub("", value)
    return clean_text(value) or None


def canonical_href(sel: Selector) -> str | None:
    href = first_attr(sel, 'link[rel="canonical"]::attr(href)')
    return href if href and href.startswith(("http://", "https://")) else None


def _is_noise(line: str, profile: PageProfile) -> bool:
    return bool(COMMON_NOISE.match(line) or profile.noise_lines.match(line))


def _page_credits(sel: Selector, profile: PageProfile) -> dict[str, str]:
    """Credit lines outside the body (RMOL's header, kompas' credit box)."""
    found: dict[str, str] = {}
    for query in profile.credits:
        for node in sel.css(query):
            root = node.root
            if isinstance(root, lxml_html.HtmlElement):
                found.update(credit_lines(paragraphs(root)))
    return found


def _take_credits(body_el: lxml_html.HtmlElement, profile: PageProfile) -> dict[str, str]:
    """Read the credit footer inside the body, then prune footer and noise from the body."""
    credits: dict[str, str] = {}
    footers = body_el.xpath(
        ".//p[contains(concat(' ', normalize-space(@class), ' '), ' text-muted ')]"
    )
    for footer in footers:
        credits.update(credit_lines(paragraphs(footer)))
    drop(body_el, _BASE_NOISE_XPATH + profile.noise_xpath)
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


def credit_lines(lines: list[str]) -> dict[str, str]:
    """{"pewarta": ..., "editor": ...} from lines such as "Pewarta: A" or "X | LAPORAN: B"."""
    found: dict[str, str] = {}
    for line in lines:
        for piece in line.split(" | "):
            match = _CREDIT_LINE.match(piece.strip())
            if match and match.group(2).strip():
                found.setdefault(match.group(1).lower(), clean_text(match.group(2)))
    if "penulis" in found and "pewarta" not in found:
        found["pewarta"] = found["penulis"]
    if "reporter" in found and "pewarta" not in found:
        found["pewarta"] = found["reporter"]
    return found


def names(value: str) -> list[str]:
    return [name for name in (clean_text(n) for n in _NAME_SPLIT.split(value)) if name]


def _reporters(sel: Selector, profile: PageProfile, credits: dict[str, str]) -> list[str]:
    if credits.get("pewarta"):
        return names(credits["pewarta"])
    byline = first_text(sel, *profile.byline)
    if byline:
        return names(profile.byline_suffix.sub("", byline))
    author = first_attr(sel, 'meta[name="author"]::attr(content)')
    return names(author) if author else []


def split_dateline(lines: list[str], pattern: re.Pattern[str]) -> tuple[str | None, list[str]]:
    """(city, lines without the dateline) when the first line opens with one."""
    if not lines:
        return None, lines
    match = pattern.match(lines[0])
    if match is None:
        return None, lines
    rest = lines[0][match.end() :].strip()
    city = clean_text(match.groupdict().get("city") or "")
    if city.isupper():
        city = city.title()
    return city or None, ([rest] if rest else []) + lines[1:]


def page_dates(sel: Selector, text_queries: tuple[str, ...]) -> _Dates:
    """Publication date: JSON-LD, then meta, then <time>, then the printed date; never body."""
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
        first_attr(sel, 'meta[name="publishdate"]::attr(content)'),
        first_attr(sel, "article time::attr(datetime)", "time[datetime]::attr(datetime)"),
        first_text(sel, *text_queries) if text_queries else None,
    ):
        if raw:
            candidates.append(raw)
    if found.updated_at is None:
        modified_meta = first_attr(sel, 'meta[property="article:modified_time"]::attr(content)')
        if modified_meta:
            found.updated_at = parse_indonesian_datetime(modified_meta)
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


def _section(sel: Selector, profile: PageProfile, title: str) -> str | None:
    for query in profile.crumbs:
        crumbs = [clean_text(" ".join(n.css("::text").getall())) for n in sel.css(query)]
        crumbs = [c for c in crumbs if c and c.lower() not in _NOT_SECTIONS and c != title]
        if crumbs:
            return crumbs[-1]
    return first_attr(sel, 'meta[property="article:section"]::attr(content)')


def _tags(sel: Selector, profile: PageProfile) -> list[str]:
    for query in profile.tags:
        tags = [clean_text(t).lstrip("#").strip() for t in sel.css(query).getall()]
        unique = list(dict.fromkeys(t for t in tags if t))
        if unique:
            return unique
    keywords = first_attr(sel, 'meta[name="news_keywords"]::attr(content)')
    return [k.strip() for k in keywords.split(",") if k.strip()] if keywords else []


def _language(sel: Selector) -> str:
    lang = (first_attr(sel, "html::attr(lang)") or "id").split("-")[0].lower()
    return lang if re.fullmatch(r"[a-z]{2,3}", lang) else "id"
