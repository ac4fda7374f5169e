"""Read an article page with its outlet's rules: the first design whose body is there."""

from __future__ import annotations

from typing import Any

from lxml import html as lxml_html
from parsel import Selector
from scrapy.http import TextResponse

from crawlers.outlet import Outlet, PageProfile
from crawlers.parsers.boilerplate import credit_lines, prune
from crawlers.parsers.html import (
    PageError,
    clean_text,
    css_values,
    detached_copy,
    first_attr,
    first_text,
    is_paywalled,
    paragraphs,
    text_of_node,
)
from crawlers.parsers.metadata import (
    article_jsonld,
    jsonld_authors,
    meta_authors,
    meta_tags,
    names,
    page_title,
    site_names,
)
from crawlers.parsers.parsed import Draft, ParsedArticle, finish
from crawlers.parsers.published import page_dates
from crawlers.urls import host_of, logical_url

_NOT_SECTIONS = {"beranda", "home", "berita", "index", "antara news", "antaranews"}


def parse_with_rules(response: TextResponse, outlet: Outlet) -> ParsedArticle | None:
    """The article as the first matching design reads it; None when no design fits
    (no body container, no headline, or a body that cleans down to nothing)."""
    sel = response.selector
    for profile in outlet.designs:
        container = next((e for q in profile.body for e in css_values(sel, q)), None)
        if container is None:
            continue
        try:
            return _parse_design(response, outlet, profile, container)
        except PageError:
            continue
    return None


def _parse_design(
    response: TextResponse, outlet: Outlet, profile: PageProfile, container: Any
) -> ParsedArticle:
    sel = response.selector
    info = article_jsonld(sel)
    sites = site_names(sel, info, host_of(logical_url(response.url)), *outlet.domains)
    title = page_title(sel, sites, info, *profile.title)
    if title and not first_text(sel, *profile.title):
        title = clean_text(profile.title_suffix.sub("", title)) or title
    if not title:
        raise PageError("no_title", "no article headline (h1) or og:title")
    body_el = detached_copy(container)
    credits = _page_credits(sel, profile)
    credits.update(_footer_credits(body_el))
    prune(body_el, profile.noise_xpath)
    lines = [p for p in paragraphs(body_el) if not profile.noise_lines.match(p)]
    credits.update(credit_lines(lines))
    if outlet.fix_credits is not None:
        credits = outlet.fix_credits(credits)
    byline = first_text(sel, *profile.byline)
    authors = names(profile.byline_suffix.sub("", byline)) if byline else []
    authors = authors or jsonld_authors(info, sites) or meta_authors(sel, sites)
    draft = Draft(
        source=outlet.name,
        extractor=f"rules:{outlet.name}/{profile.design}",
        title=title,
        lines=lines,
        dates=page_dates(sel, info, response.url, *profile.date_text),
        sites=sites,
        credits=credits,
        authors=authors,
        section=_section(sel, profile, title),
        tags=_tags(sel, profile, info),
        caption=first_text(sel, *profile.caption),
        paywalled=is_paywalled(sel, profile.paywall),
        dateline=profile.dateline,
        agency_ok=outlet.name == "antara",
    )
    return finish(sel, response.url, draft)


def _page_credits(sel: Selector, profile: PageProfile) -> dict[str, str]:
    """Credit lines outside the body (RMOL's header, kompas' credit box)."""
    found: dict[str, str] = {}
    for query in profile.credits:
        for node in css_values(sel, query):
            if isinstance(node, lxml_html.HtmlElement):
                found.update(credit_lines(paragraphs(node)))
    return found


def _footer_credits(body_el: lxml_html.HtmlElement) -> dict[str, str]:
    """The credit footer inside the body (ANTARA's p.text-muted), read before pruning."""
    credits: dict[str, str] = {}
    for footer in body_el.xpath(
        ".//p[contains(concat(' ', normalize-space(@class), ' '), ' text-muted ')]"
    ):
        credits.update(credit_lines(paragraphs(footer)))
    return credits


def _section(sel: Selector, profile: PageProfile, title: str) -> str | None:
    for query in profile.crumbs:
        crumbs = [text_of_node(n) for n in css_values(sel, query)]
        crumbs = [c for c in crumbs if c and c.lower() not in _NOT_SECTIONS and c != title]
        if crumbs:
            return crumbs[-1]
    return first_attr(sel, 'meta[property="article:section"]::attr(content)')


def _tags(sel: Selector, profile: PageProfile, info: dict[str, object]) -> list[str]:
    for query in profile.tags:
        tags = [clean_text(str(t)).lstrip("#").strip() for t in css_values(sel, query)]
        unique = list(dict.fromkeys(t for t in tags if t))
        if unique:
            return unique
    keywords = first_attr(sel, 'meta[name="news_keywords"]::attr(content)')
    if keywords:
        return [k.strip() for k in keywords.split(",") if k.strip()]
    return meta_tags(sel, info) if info.get("keywords") else []
