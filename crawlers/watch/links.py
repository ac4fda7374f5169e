"""Entries of a polled document: feed, sitemap or listing; which links are new articles."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin

from crawlers.feeds import (
    Entry,
    FeedError,
    feed_entries,
    is_listing,
    is_sitemap,
    listing_links,
    looks_like_feed,
    sitemap_entries,
)
from crawlers.outlets import OUTLETS
from crawlers.urls import article_url, classify_link, host_of, logical_url
from crawlers.watch.registry import GENERIC, Source
from crawlers.watch.state import host_key


class NotAFeed(ValueError):
    """The document is no feed, sitemap or listing; `reason` is the source state."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(detail or reason)
        self.reason = reason


@dataclass
class Links:
    """Article links of one poll (canonical -> URL to fetch) and what was left out."""

    articles: dict[str, str] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)
    offsite: int = 0
    not_article: int = 0


def read_entries(url: str, body: bytes, content_type: str = "") -> list[Entry]:
    """Entries of a feed, sitemap (not a sitemap index's children) or listing page."""
    if looks_like_feed(body):
        try:
            if is_sitemap(body):
                return sitemap_entries(body).entries
            return feed_entries(body)
        except FeedError as exc:
            raise NotAFeed("bad_feed", str(exc)) from exc
    if b"<html" in body[:4096].lower() or "html" in content_type:
        from scrapy.http import HtmlResponse

        sel = HtmlResponse(url=url, body=body).selector
        if is_listing(sel, url):
            return listing_links(sel, url=url).entries
        raise NotAFeed("not_a_feed", "an HTML page, not a feed, sitemap or listing")
    raise NotAFeed("not_a_feed", "neither XML nor HTML")


def article_links(source: Source, url: str, entries: list[Entry]) -> Links:
    """On-site article links: the hosts the operator gave, or the source's outlet family;
    links elsewhere are counted as off-site, photo/video pages as not articles."""
    out = Links(entries=entries)
    family = OUTLETS.get(source.family) if source.family != GENERIC else None
    netlocs = source.netlocs()
    for entry in entries:
        link = urljoin(url, entry.link)
        if not link.startswith(("http://", "https://")):
            out.offsite += 1
            continue
        logical = logical_url(link)
        onsite = host_key(link) in netlocs or (family is not None and family.owns(host_of(logical)))
        if not onsite:
            out.offsite += 1
            continue
        if classify_link(link) == "not_article":
            out.not_article += 1
            continue
        out.articles.setdefault(article_url(logical), link)
    return out
