"""NewsSpider: RSS-first crawl of any outlet's feeds, sitemaps and listings into RawArticles."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawlers.failures import reason_for_exception, reason_for_response
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
from crawlers.outcomes import (
    ERRORS,
    FETCHED,
    GENERIC_FALLBACK,
    SKIPPED,
    WARNINGS,
    CrawlFailure,
)
from crawlers.outlet import Outlet
from crawlers.outlets import OUTLETS
from crawlers.parsers.article import parse_article
from crawlers.parsers.html import PageError, looks_blocked
from crawlers.resolver import was_refused
from crawlers.urls import (
    article_url,
    classify_link,
    fetch_url,
    host_of,
    is_private_host,
    logical_url,
    outlet_for,
)
from pipeline.events import RawArticle

logger = logging.getLogger(__name__)

Output = RawArticle | CrawlFailure | scrapy.Request


class NewsSpider(scrapy.Spider):
    """Start from feeds, sitemaps, listings or single articles; emit articles and failures.

    Article pages are reached only through entry points: links inside articles are never
    followed, so a crawl stays as small as its entry points. Links go only to the start
    URLs' hosts, the outlet families of the start URLs, and `allow_hosts`; for an outlet
    with regional editions only to its main hosts, the `regional_hosts` chosen for it
    (its defaults when not given) and the hosts of the start URLs.
    """

    name = "news"

    def __init__(
        self,
        start: Sequence[str] = (),
        allow_hosts: Sequence[str] = (),
        max_articles: int = 0,
        max_listing_pages: int = 3,
        since: datetime | None = None,
        until: datetime | None = None,
        seen: Iterable[str] = (),
        now: datetime | None = None,
        regional_hosts: Mapping[str, Sequence[str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.start_points = [s for s in start if s]
        hosts = [*allow_hosts, *(host_of(url) for url in self.start_points)]
        self.allow_hosts = {h.lower().split(":")[0] for h in hosts if h}
        self.allow_outlets = {o.name for o in map(outlet_for, self.start_points) if o}
        self.max_articles = max_articles
        self.max_listing_pages = max_listing_pages
        self.since, self.until = since, until
        self.seen = set(seen)
        self.now = now or datetime.now(UTC)
        self._requested: set[str] = set()
        self._emitted: set[str] = set()
        self._listings: set[str] = set()
        self.outlet_hosts = _outlet_hosts(regional_hosts or {}, self.start_points)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        settings = crawler.settings
        kwargs.setdefault("max_articles", settings.getint("PANTAU_MAX_ARTICLES", 0))
        kwargs.setdefault("max_listing_pages", settings.getint("PANTAU_MAX_LISTING_PAGES", 3))
        for key in ("since", "until", "now"):
            raw = settings.get(f"PANTAU_{key.upper()}")
            if raw and key not in kwargs:
                kwargs[key] = datetime.fromisoformat(str(raw))
        seen_file = settings.get("PANTAU_SEEN_FILE")
        if seen_file and "seen" not in kwargs:
            kwargs["seen"] = Path(seen_file).read_text("utf-8").split()
        return super().from_crawler(crawler, *args, **kwargs)

    async def start(self) -> AsyncIterator[Any]:
        for url in dict.fromkeys(self.start_points):
            # dont_filter, as for article links: the dupefilter would silently swallow a
            # start URL that redirects in a loop instead of reporting it.
            yield scrapy.Request(url, callback=self.parse, errback=self.on_error, dont_filter=True)

    # -- callbacks ---------------------------------------------------------------

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Output]:
        """A start URL: a feed, sitemap, listing page or article, told apart by content."""
        if looks_like_feed(response.body):
            if is_sitemap(response.body):
                yield from self.parse_sitemap(response)
            else:
                yield from self.parse_feed(response)
        elif not isinstance(response, TextResponse):
            self._count(FETCHED + "other")
            yield self._fail(response.url, "not_html", _content_type(response))
        elif is_listing(response.selector, response.url):
            yield from self.parse_listing(response)
        elif _looks_like_article(response):
            yield from self.parse_article(response)  # reports "blocked" itself
        else:
            self._count(FETCHED + "other")
            yield self._fail(response.url, "unknown_page", "not a feed, listing or article")

    def parse_feed(self, response: Response) -> Iterator[Output]:
        self._count(FETCHED + "feed")
        try:
            entries = feed_entries(response.body)
        except FeedError as exc:
            yield self._fail(response.url, "bad_feed", str(exc))
            return
        yield from self._follow(response, entries, generic_ok=True)

    def parse_sitemap(self, response: Response) -> Iterator[Output]:
        self._count(FETCHED + "sitemap")
        try:
            sitemap = sitemap_entries(response.body)
        except FeedError as exc:
            yield self._fail(response.url, "bad_sitemap", str(exc))
            return
        for child in sitemap.sitemaps:
            if self._out_of_range(child.published, before_only=True):
                self._count(SKIPPED + "before_since")
                continue
            url = response.urljoin(child.link)
            if host_of(url) in self.allow_hosts:
                yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.on_error)
        yield from self._follow(response, sitemap.entries, generic_ok=True)

    def parse_listing(self, response: Response) -> Iterator[Output]:
        self._count(FETCHED + "listing")
        if not isinstance(response, TextResponse):
            yield self._fail(response.url, "not_html", _content_type(response))
            return
        listing = listing_links(response.selector, now=self.now, url=response.url)
        requests = list(self._follow(response, listing.entries, generic_ok=False))
        yield from requests
        depth = int(response.meta.get("listing_page", 1))
        if depth >= self.max_listing_pages:
            return
        if self.since and any(e.published and e.published < self.since for e in listing.entries):
            # Listings run newest first: past --since, the next page holds only older news.
            self._count("pantau/listing/stopped_at_since")
            return
        if not requests and self.seen and not self.since:
            self._count("pantau/listing/stopped_nothing_new")
            return
        self._listings.add(response.url)
        # One page at a time, so a --since cutoff on page 2 stops page 3 from being asked for.
        for page in listing.pages:
            url = response.urljoin(page)
            if url not in self._listings and host_of(url) in self.allow_hosts:
                self._listings.add(url)
                yield scrapy.Request(
                    url,
                    callback=self.parse_listing,
                    errback=self.on_error,
                    meta={"listing_page": depth + 1},
                )
                break

    def parse_article(self, response: Response) -> Iterator[Output]:
        self._count(FETCHED + "article")
        if not isinstance(response, TextResponse):
            yield self._fail(response.url, "not_html", _content_type(response))
            return
        try:
            parsed = parse_article(response)
        except PageError as exc:
            yield self._fail(response.url, exc.reason, exc.detail)
            return
        except Exception as exc:  # a parser bug must cost one page, not the crawl
            logger.exception("parser failed on %s", response.url)
            yield self._fail(response.url, "parser_exception", repr(exc))
            return
        article = parsed.article
        for warning in parsed.warnings:
            self._count(WARNINGS + warning)
        if "generic_fallback" in parsed.warnings:
            # Per outlet: a redesign shows up as a number against that outlet.
            self._count(GENERIC_FALLBACK + article.source)
        if article.id in self._emitted:
            self._count(SKIPPED + "duplicate")
            return
        reason = self._out_of_range(article.published_at)
        if reason:
            self._count(SKIPPED + reason)
            return
        self._emitted.add(article.id)
        self._count("pantau/articles")
        self._count(f"pantau/source/{article.source}")
        yield article

    def on_error(self, failure: Failure) -> Iterator[CrawlFailure]:
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        exc = failure.value
        if exc is None:
            reason, detail = "download_error", repr(failure)
        elif isinstance(exc, HttpError):
            response = exc.response
            reason, detail = reason_for_response(response), f"HTTP {response.status}"
        else:
            reason, detail = reason_for_exception(exc), f"{type(exc).__name__}: {exc}"
            if reason == "dns" and was_refused(host_of(url)):
                reason = "private_address"  # the guard's refusal, reported by Twisted as DNS
        yield self._fail(url, reason, detail)

    # -- helpers -----------------------------------------------------------------

    def _follow(
        self, response: Response, entries: Iterable[Entry], *, generic_ok: bool
    ) -> Iterator[scrapy.Request]:
        for entry in entries:
            url = response.urljoin(entry.link)
            skip = self._skip_reason(url, entry, generic_ok=generic_ok)
            if skip is not None:
                if skip:
                    self._count(SKIPPED + skip)
                continue
            target = article_url(logical_url(url))
            self._requested.add(target)
            yield scrapy.Request(
                fetch_url(target, like=url),
                callback=self.parse_article,
                errback=self.on_error,
                meta={"pantau_target": target},
                # _requested dedupes already; the dupefilter would silently eat a
                # redirect loop (a -> b -> a) instead of reporting it.
                dont_filter=True,
            )

    def _skip_reason(self, url: str, entry: Entry, *, generic_ok: bool) -> str | None:
        """Why a link is not fetched (None: fetch it; "": quietly, a repeat)."""
        kind = classify_link(url)
        logical = logical_url(url)
        if kind == "not_article":
            return "not_article"
        if kind == "other":
            # Feeds of hosts without rules list articles: the generic extractor reads them.
            generic = outlet_for(url) is None and not is_private_host(host_of(logical))
            if not (generic and generic_ok):
                return "unknown_link"
        outlet = outlet_for(url)
        if host_of(url) not in self.allow_hosts and not (
            outlet and outlet.name in self.allow_outlets
        ):
            return "offsite"
        if outlet is not None and not self._host_allowed(outlet, host_of(logical)):
            return "host_not_allowed"
        range_reason = self._out_of_range(entry.published)
        if range_reason:
            return range_reason
        target = article_url(logical)
        if target in self._requested:
            return ""  # feeds and listings overlap; repeats are normal, not news
        if target in self.seen:
            return "seen"
        if self.max_articles and len(self._requested) >= self.max_articles:
            return "max_pages"
        return None

    def _host_allowed(self, outlet: Outlet, host: str) -> bool:
        allowed = self.outlet_hosts.get(outlet.name)
        return allowed is None or not outlet.owns(host) or host in allowed

    def _out_of_range(self, when: datetime | None, *, before_only: bool = False) -> str | None:
        if when is None:
            return None
        if self.since and when < self.since:
            return "before_since"
        if self.until and when > self.until and not before_only:
            return "after_until"
        return None

    def _fail(self, url: str, reason: str, detail: str = "") -> CrawlFailure:
        self._count(ERRORS + reason)
        logger.warning("page failed (%s) %s: %s", reason, url, detail)
        return CrawlFailure(url=url, reason=reason, detail=detail)

    def _count(self, key: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(key)


def _outlet_hosts(
    regional: Mapping[str, Sequence[str]], starts: Sequence[str]
) -> dict[str, frozenset[str]]:
    """Per outlet with regional editions: the hosts links may go to."""
    named = {host_of(logical_url(url)) for url in starts}
    out: dict[str, frozenset[str]] = {}
    for outlet in OUTLETS.values():
        allowed = outlet.allowed_hosts(regional.get(outlet.name))
        if allowed is not None:
            out[outlet.name] = allowed | {h for h in named if outlet.owns(h)}
    return out


def _looks_like_article(response: TextResponse) -> bool:
    sel = response.selector
    if looks_blocked(" ".join(sel.css("title::text").getall()), response.text):
        return True
    outlet = outlet_for(response.url)
    if outlet is not None and any(sel.css(q) for p in outlet.designs for q in p.body):
        return True
    og_type = sel.css('meta[property="og:type"]::attr(content)').get("")
    return og_type.strip() == "article" or '"NewsArticle"' in response.text[:200_000]


def _content_type(response: Response) -> str:
    return (response.headers.get("Content-Type") or b"").decode("latin-1")
