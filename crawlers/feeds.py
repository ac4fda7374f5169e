"""Read the entry points of a crawl: RSS/Atom feeds, news sitemaps and listing pages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from parsel import Selector

from crawlers.dates import parse_indonesian_datetime
from crawlers.outlet import ListingProfile
from crawlers.outlets import OUTLETS
from crawlers.urls import outlet_for

_XML_START = re.compile(
    rb"^\s*(?:\xef\xbb\xbf)?\s*<(?:\?xml|rss|feed|rdf:RDF|urlset|sitemapindex)\b", re.I
)
_RELATIVE = re.compile(r"(\d+)\s+(detik|menit|jam|hari|minggu|pekan)\s+(?:yang\s+)?lalu", re.I)
_REL_NEXT = "a[rel~='next']::attr(href), link[rel='next']::attr(href)"
_UNITS = {"detik": 1, "menit": 60, "jam": 3600, "hari": 86400, "minggu": 604800, "pekan": 604800}


class FeedError(ValueError):
    """A document that should be a feed or sitemap but cannot be read as one."""


@dataclass(frozen=True)
class Entry:
    """A link found in a feed, sitemap or listing, with its date when the source gives one."""

    link: str
    published: datetime | None = None


@dataclass
class Listing:
    """Article links of a listing page and the links to its further pages."""

    articles: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)


def looks_like_feed(body: bytes) -> bool:
    """True when the document starts like RSS, Atom, RDF or a sitemap."""
    return bool(_XML_START.match(body[:512]))


_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)


def _xml(body: bytes) -> Selector:
    # Feeds have no business declaring entities; one that does is a billion-laughs or
    # external-entity attack, refused loudly rather than read as an empty feed.
    if _ENTITY_DECLARATION.search(body[:65536]):
        raise FeedError("the document declares XML entities (entity expansion refused)")
    try:
        sel = Selector(body=body, type="xml")
    except Exception as exc:  # lxml raises several unrelated types for broken XML
        raise FeedError(f"not well-formed XML: {exc}") from exc
    sel.remove_namespaces()
    return sel


def is_sitemap(body: bytes) -> bool:
    return bool(re.search(rb"<(?:urlset|sitemapindex)\b", body[:2048]))


def feed_entries(body: bytes) -> list[Entry]:
    """Items of an RSS 2.0, RSS 1.0 or Atom feed, in feed order, with their dates."""
    sel = _xml(body)
    if not sel.xpath("/rss | /RDF | /feed"):
        raise FeedError("no <rss>, <rdf:RDF> or <feed> root element")
    entries: list[Entry] = []
    for item in sel.xpath("//item | //entry"):
        link = (
            item.xpath("normalize-space(link[not(@rel) or @rel='alternate']/@href)").get()
            or item.xpath("normalize-space(link)").get()
            or item.xpath("normalize-space(guid[not(@isPermaLink='false')])").get()
        )
        raw = item.xpath("normalize-space(pubDate | published | updated | date)").get()
        if link:
            entries.append(Entry(link, parse_indonesian_datetime(raw) if raw else None))
    return entries


def feed_links(body: bytes) -> list[str]:
    """Item links of a feed, in feed order."""
    return [entry.link for entry in feed_entries(body)]


@dataclass
class Sitemap:
    """A (news) sitemap's article entries, or a sitemap index's child sitemaps."""

    entries: list[Entry] = field(default_factory=list)
    sitemaps: list[Entry] = field(default_factory=list)


def sitemap_entries(body: bytes) -> Sitemap:
    """Read a sitemap or sitemap index; news:publication_date wins over lastmod."""
    sel = _xml(body)
    out = Sitemap()
    for node in sel.xpath("/sitemapindex/sitemap"):
        loc = node.xpath("normalize-space(loc)").get()
        if loc:
            out.sitemaps.append(Entry(loc, _date(node.xpath("normalize-space(lastmod)").get())))
    for node in sel.xpath("/urlset/url"):
        loc = node.xpath("normalize-space(loc)").get()
        raw = (
            node.xpath("normalize-space(news/publication_date)").get()
            or node.xpath("normalize-space(lastmod)").get()
        )
        if loc:
            out.entries.append(Entry(loc, _date(raw)))
    if not sel.xpath("/urlset | /sitemapindex"):
        raise FeedError("no <urlset> or <sitemapindex> root element")
    return out


def _date(raw: str | None) -> datetime | None:
    return parse_indonesian_datetime(raw) if raw else None


def listing_profile(sel: Selector, url: str = "") -> ListingProfile | None:
    """The listing markup of the outlet that owns `url`; for a URL no outlet owns, of
    whichever outlet this page's cards belong to."""
    owner = outlet_for(url) if url else None
    candidates = [owner] if owner is not None else OUTLETS.values()
    for outlet in candidates:
        if outlet.listing is not None and sel.css(outlet.listing.cards):
            return outlet.listing
    return None


def is_listing(sel: Selector, url: str = "") -> bool:
    """True for a page made of article cards (index, sections, tags, search results)."""
    return listing_profile(sel, url) is not None


def listing_links(sel: Selector, now: datetime | None = None, url: str = "") -> Listing:
    """Card links (with printed dates, relative ones against `now`) and pagination links,
    the page's rel="next" link first."""
    profile = listing_profile(sel, url)
    if profile is None:
        return Listing()
    entries: list[Entry] = []
    for card in sel.css(profile.cards):
        link = (card.css(profile.link).get() or "").strip()
        if not link:
            continue
        raw = " ".join(card.css(profile.date).getall()) if profile.date else ""
        entries.append(Entry(link, card_date(raw, now)))
    entries = _first_of_each_link(entries)
    pages = [p.strip() for p in sel.css(_REL_NEXT).getall() + sel.css(profile.next_pages).getall()]
    return Listing(
        articles=[e.link for e in entries],
        pages=list(dict.fromkeys(p for p in pages if p and p != "#")),
        entries=entries,
    )


def _first_of_each_link(entries: list[Entry]) -> list[Entry]:
    first: dict[str, Entry] = {}
    for entry in entries:
        first.setdefault(entry.link, entry)
    return list(first.values())


def card_date(raw: str, now: datetime | None) -> datetime | None:
    """A card's printed time: absolute dates, or "2 jam lalu" counted back from `now`."""
    raw = raw.strip()
    if not raw:
        return None
    absolute = parse_indonesian_datetime(raw)
    if absolute is not None:
        return absolute
    match = _RELATIVE.search(raw)
    if match is None or now is None:
        return None
    return now - timedelta(seconds=int(match.group(1)) * _UNITS[match.group(2).lower()])
