"""Read the entry points of a crawl: RSS/Atom feeds and ANTARA listing pages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsel import Selector

_XML_START = re.compile(rb"^\s*(?:\xef\xbb\xbf)?\s*<(?:\?xml|rss|feed|rdf:RDF)\b", re.IGNORECASE)


class FeedError(ValueError):
    """A document that should be a feed but cannot be read as one."""


@dataclass
class Listing:
    """Article links of a listing page and the links to its further pages."""

    articles: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)


def looks_like_feed(body: bytes) -> bool:
    """True when the document starts like RSS, Atom or RDF."""
    return bool(_XML_START.match(body[:512]))


def feed_links(body: bytes) -> list[str]:
    """Item links of an RSS 2.0, RSS 1.0 or Atom feed, in feed order."""
    try:
        sel = Selector(body=body, type="xml")
    except Exception as exc:  # lxml raises several unrelated types for broken XML
        raise FeedError(f"not well-formed XML: {exc}") from exc
    sel.remove_namespaces()
    if not sel.xpath("/rss | /RDF | /feed"):
        raise FeedError("no <rss>, <rdf:RDF> or <feed> root element")
    links: list[str] = []
    for item in sel.xpath("//item | //entry"):
        link = (
            item.xpath("normalize-space(link[not(@rel) or @rel='alternate']/@href)").get()
            or item.xpath("normalize-space(link)").get()
            or item.xpath("normalize-space(guid[not(@isPermaLink='false')])").get()
        )
        if link:
            links.append(link)
    return links


def listing_links(sel: Selector) -> Listing:
    """Card links (`div.card__post` titles) and pagination links of a listing page."""
    articles = sel.css(
        "div.card__post .card__post__title a::attr(href), div.card__post h2 a::attr(href),"
        " div.card__post h3 a::attr(href)"
    ).getall()
    pages = sel.css(
        "ul.pagination a.page-link::attr(href), ul.pagination a::attr(href),"
        " a[rel='next']::attr(href)"
    ).getall()
    return Listing(
        articles=list(dict.fromkeys(a.strip() for a in articles if a.strip())),
        pages=list(dict.fromkeys(p.strip() for p in pages if p.strip() and p.strip() != "#")),
    )


def is_listing(sel: Selector) -> bool:
    """True for a page made of post cards (terkini, sections, tags, search)."""
    return bool(sel.css("div.card__post"))
