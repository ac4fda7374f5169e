"""Downloader middlewares for polite, safe crawling: private-address guard, retry backoff."""

from __future__ import annotations

import asyncio
import email.utils
import logging
import time
from typing import Any, Self

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from crawlers.urls import host_of, is_private_host

logger = logging.getLogger(__name__)


class PrivateAddressError(IgnoreRequest):
    """A request to a loopback/private address that this crawl may not make."""


class PrivateAddressMiddleware:
    """Refuse requests to localhost and private/loopback IP literals.

    Feeds, listings and redirects are content from the outside: they must not make the
    crawler call into the operator's network. Host names are resolved once per crawl and
    refused when they point at a private address. Addresses the operator names as start
    URLs (PANTAU_TRUSTED_NETLOCS) are allowed; PANTAU_ALLOW_PRIVATE opens all, for tests.
    """

    def __init__(self, *, allow_all: bool, trusted: set[str], resolve: bool = True) -> None:
        self.allow_all = allow_all
        self.trusted = trusted
        self.resolve = resolve
        self._private_names: dict[str, bool] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        trusted = {n.lower() for n in settings.getlist("PANTAU_TRUSTED_NETLOCS")}
        return cls(
            allow_all=settings.getbool("PANTAU_ALLOW_PRIVATE"),
            trusted=trusted,
            resolve=settings.getbool("PANTAU_RESOLVE_PRIVATE", True),
        )

    async def process_request(self, request: Request, spider: Any = None) -> None:
        if self.allow_all:
            return
        host = host_of(request.url)
        netloc = request.url.split("//", 1)[-1].split("/", 1)[0].lower()
        if netloc in self.trusted:
            return
        if is_private_host(host) or await self._resolves_private(host):
            raise PrivateAddressError(f"private address refused: {netloc}")

    async def _resolves_private(self, host: str) -> bool:
        """True when a host name resolves to a private address (an intranet name, or a
        public name pointed at 127.0.0.1). Lookup failures are left to the download."""
        if not self.resolve or not host or host.replace(".", "").isdigit() or ":" in host:
            return False
        if host not in self._private_names:
            try:
                infos = await asyncio.get_running_loop().getaddrinfo(host, None)
            except (OSError, UnicodeError):
                return False
            addresses = {str(info[4][0]) for info in infos}
            self._private_names[host] = any(is_private_host(a) for a in addresses)
        return self._private_names[host]


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
