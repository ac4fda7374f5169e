"""Downloader middlewares for polite, safe crawling: private addresses, robots.txt, backoff."""

from __future__ import annotations

import asyncio
import email.utils
import logging
import time
from typing import Any, Self

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import (
    RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware,
)
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.robotstxt import RobotParser
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

from crawlers.urls import host_of, is_private_host

logger = logging.getLogger(__name__)


class PrivateAddressError(IgnoreRequest):
    """A request to a loopback/private address that this crawl may not make."""


class PrivateAddressMiddleware:
    """Refuse requests to localhost and to private/loopback IP literals (any spelling).

    Feeds, listings and redirects are content from the outside: they must not make the
    crawler call into the operator's network. Host names are checked where they are
    resolved, once, by `crawlers.resolver.GuardedResolver` (the crawl's DNS resolver), so
    the checked address is the one connected to. Addresses the operator names as start
    URLs (PANTAU_TRUSTED_NETLOCS) are allowed; PANTAU_ALLOW_PRIVATE opens all, for tests.
    """

    def __init__(self, *, allow_all: bool, trusted: set[str]) -> None:
        self.allow_all = allow_all
        self.trusted = trusted

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        trusted = {n.lower() for n in settings.getlist("PANTAU_TRUSTED_NETLOCS")}
        return cls(allow_all=settings.getbool("PANTAU_ALLOW_PRIVATE"), trusted=trusted)

    async def process_request(self, request: Request, spider: Any = None) -> None:
        if self.allow_all:
            return
        netloc = request.url.split("//", 1)[-1].split("/", 1)[0].lower()
        if netloc in self.trusted:
            return
        if is_private_host(host_of(request.url)):
            raise PrivateAddressError(f"private address refused: {netloc}")


class RobotsTxtMiddleware(ScrapyRobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, correct for requests that wait on the download.

    Scrapy (2.19) chains every request waiting for a host's robots.txt on one Deferred;
    from the second waiter on, the chain hands over None, which allows everything. The
    parser is stored before that Deferred fires, so it is read from there instead.
    """

    async def robot_parser(self, request: Request) -> RobotParser | None:
        parser = await super().robot_parser(request)
        if parser is None:
            stored = self._parsers.get(urlparse_cached(request).netloc)
            if stored is not None and not isinstance(stored, Deferred):
                return stored
        return parser


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries (429, 5xx, timeouts) with exponential backoff and Retry-After.

    The delay rides on the retried request; BackoffDelayMiddleware waits it out before
    the download, so other hosts' requests go on meanwhile.
    """

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("PANTAU_RETRY_BACKOFF_BASE", 2.0)
        self.cap = settings.getfloat("PANTAU_RETRY_BACKOFF_MAX", 60.0)

    def process_response(
        self, request: Request, response: Response, spider: Any = None
    ) -> Request | Response:
        result = super().process_response(request, response)
        if isinstance(result, Request):
            result.meta["pantau_backoff"] = self._delay(result, response)
        return result

    def process_exception(
        self, request: Request, exception: Exception, spider: Any = None
    ) -> Request | Response | None:
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            result.meta["pantau_backoff"] = self._delay(result, None)
        return result

    def _delay(self, retry: Request, response: Response | None) -> float:
        attempt = int(retry.meta.get("retry_times", 1))
        delay = float(min(self.cap, self.base * 2 ** (attempt - 1)))
        if response is not None:
            asked = retry_after(response.headers.get("Retry-After"))
            if asked is not None:
                delay = min(self.cap, max(delay, asked))
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value("pantau/retries")
        return delay


class BackoffDelayMiddleware:
    """Wait a retried request's backoff before it is downloaded."""

    async def process_request(self, request: Request, spider: Any = None) -> None:
        delay = float(request.meta.pop("pantau_backoff", 0) or 0)
        if delay > 0:
            await asyncio.sleep(delay)


def retry_after(value: bytes | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
