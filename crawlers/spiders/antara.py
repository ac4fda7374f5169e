"""AntaraSpider: RSS-first crawl of ANTARA feeds and listings into RawArticle items."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from typing import Any, Self

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawlers.failures import reason_for_exception, reason_for_response
from crawlers.feeds import FeedError, feed_links, is_listing, listing_links, looks_like_feed
from crawlers.outcomes import ERRORS, FETCHED, SKIPPED, WARNINGS, CrawlFailure
from crawlers.parsers.antara import BODY_QUERIES, parse_article
from crawlers.parsers.html import PageError, looks_blocked
from crawlers.urls import article_url, classify_link, host_of
from pipeline.events import RawArticle

logger = logging.getLogger(__name__)

Output = RawArticle | CrawlFailure | scrapy.Request


class AntaraSpider(scrapy.Spider):
    """Start from feeds (or listing pages, or single articles); emit articles and failures.

    Article pages are reached only through feeds and listings: links inside articles
    are never followed, so a crawl stays as small as its entry points.
    """

    name = "antara"

    def __init__(
        self,
        start: Sequence[str] = (),
        allow_hosts: Sequence[str] = (),
        max_articles: int = 0,
        max_listing_pages: int = 3,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.start_points = [s for s in start if s]
        # Links may go to the start URLs' hosts and to any host named in allow_hosts.
        hosts = [*allow_hosts, *(host_of(url) for url in self.start_points)]
        self.allow_hosts = {h.lower().split(":")[0] for h in hosts if h}
        self.max_articles = max_articles
        self.max_listing_pages = max_listing_pages
        self._requested: set[str] = set()
        self._emitted: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        settings = crawler.settings
        kwargs.setdefault("max_articles", settings.getint("PANTAU_MAX_ARTICLES", 0))
        kwargs.setdefault("max_listing_pages", settings.getint("PANTAU_MAX_LISTING_PAGES", 3))
        return super().from_crawler(crawler, *args, **kwargs)

    async def start(self) -> AsyncIterator[Any]:
        for url in self.start_points:
            yield scrapy.Request(url, callback=self.parse, errback=self.on_error)

    # -- callbacks ---------------------------------------------------------------

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Output]:
        """A start URL: a feed, a listing page or an article, told apart by content."""
        if looks_like_feed(response.body):
            yield from self.parse_feed(response)
        elif not isinstance(response, TextResponse):
            self._count(FETCHED + "other")
            yield self._fail(response.url, "not_html", _content_type(response))
        elif is_listing(response.selector):
            yield from self.parse_listing(response)
        elif any(response.css(q) for q in BODY_QUERIES) or looks_blocked(
            " ".join(response.css("title::text").getall()), response.text
        ):
            yield from self.parse_article(response)  # reports "blocked" itself
        else:
            self._count(FETCHED + "other")
            yield self._fail(response.url, "unknown_page", "not a feed, listing or article")

    def parse_feed(self, response: Response) -> Iterator[Output]:
        self._count(FETCHED + "feed")
        try:
            links = feed_links(response.body)
        except FeedError as exc:
            yield self._fail(response.url, "bad_feed", str(exc))
            return
        yield from self._follow(response, links)

    def parse_listing(self, response: Response) -> Iterator[Output]:
        self._count(FETCHED + "listing")
        if not isinstance(response, TextResponse):
            yield self._fail(response.url, "not_html", _content_type(response))
            return
        listing = listing_links(response.selector)
        yield from self._follow(response, listing.articles)
        depth = int(response.meta.get("listing_page", 1))
        if depth >= self.max_listing_pages:
            return
        for page in listing.pages:
            url = response.urljoin(page)
            if url != response.url and host_of(url) in self.allow_hosts:
                yield scrapy.Request(
                    url,
                    callback=self.parse_listing,
                    errback=self.on_error,
                    meta={"listing_page": depth + 1},
                )

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
        if article.id in self._emitted:
            self._count(SKIPPED + "duplicate")
            return
        self._emitted.add(article.id)
        self._count("pantau/articles")
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
        yield self._fail(url, reason, detail)

    # -- helpers -----------------------------------------------------------------

    def _follow(self, response: Response, links: Iterable[str]) -> Iterator[scrapy.Request]:
        for link in links:
            url = response.urljoin(link)
            kind = classify_link(url)
            if kind != "article":
                self._count(SKIPPED + ("not_article" if kind == "not_article" else "unknown_link"))
                continue
            if host_of(url) not in self.allow_hosts:
                self._count(SKIPPED + "offsite")
                continue
            target = article_url(url)
            if target in self._requested:
                continue  # feeds and listings overlap; repeats are normal, not news
            if self.max_articles and len(self._requested) >= self.max_articles:
                self._count(SKIPPED + "max_pages")
                continue
            self._requested.add(target)
            yield scrapy.Request(target, callback=self.parse_article, errback=self.on_error)

    def _fail(self, url: str, reason: str, detail: str = "") -> CrawlFailure:
        self._count(ERRORS + reason)
        logger.warning("page failed (%s) %s: %s", reason, url, detail)
        return CrawlFailure(url=url, reason=reason, detail=detail)

    def _count(self, key: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(key)


def _content_type(response: Response) -> str:
    return (response.headers.get("Content-Type") or b"").decode("latin-1")
