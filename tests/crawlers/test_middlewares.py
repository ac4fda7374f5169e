"""Downloader middlewares: private-address guard, retry backoff delays; the bench's F1."""

from __future__ import annotations

import asyncio
import socket
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import pytest
from scrapy import Request
from scrapy.http import Response
from scrapy.utils.test import get_crawler
from twisted.internet import defer, threads
from twisted.internet.error import DNSLookupError

from bench.parse import f1
from crawlers.middlewares import (
    BackoffRetryMiddleware,
    PrivateAddressError,
    PrivateAddressMiddleware,
    retry_after,
)
from crawlers.resolver import GuardedResolver, PrivateAddressLookupError, checked_address
from crawlers.settings import crawl_settings
from crawlers.spiders.news import NewsSpider


def guard(**settings: object) -> PrivateAddressMiddleware:
    return PrivateAddressMiddleware.from_crawler(get_crawler(NewsSpider, settings))


def check(middleware: PrivateAddressMiddleware, url: str) -> None:
    asyncio.run(middleware.process_request(Request(url)))


@pytest.fixture
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    table = {
        "intranet.example": ["10.0.0.5"],
        "www.antaranews.com": ["1.1.1.1"],
        "campur.example": ["1.1.1.1", "127.0.0.1"],  # one bad address is enough
    }

    def getaddrinfo(host: str, *args: Any, **kwargs: Any) -> list[Any]:
        if host not in table:
            raise socket.gaierror("no such host")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, 0)) for a in table[host]]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return table


def test_private_literals_are_refused_unless_trusted_or_allowed() -> None:
    strict = guard(PANTAU_TRUSTED_NETLOCS=["127.0.0.1:8765"])
    check(strict, "https://www.antaranews.com/berita/1/x")
    check(strict, "http://127.0.0.1:8765/rss/terkini.xml")
    check(strict, "https://intranet.example/x")  # names: the resolver's business
    refused = (
        "http://127.0.0.1:9999/x",
        "http://localhost:8765/x",
        "http://10.0.0.8/x",
        "http://169.254.169.254/latest/meta-data",
    )
    for url in refused:
        with pytest.raises(PrivateAddressError):
            check(strict, url)
    check(guard(PANTAU_ALLOW_PRIVATE=True), "http://10.0.0.8/x")


def test_resolver_checks_every_address(fake_dns: dict[str, list[str]]) -> None:
    assert checked_address("www.antaranews.com") == "1.1.1.1"
    for host in ("intranet.example", "campur.example"):
        with pytest.raises(PrivateAddressLookupError):
            checked_address(host)
    assert checked_address("intranet.example", allowed=True) == "10.0.0.5"
    with pytest.raises(DNSLookupError):
        checked_address("tidak-ada.example")


def test_resolver_connects_to_the_checked_address(
    fake_dns: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # DNS rebinding: public for the check, loopback for a second lookup that never comes.
    monkeypatch.setattr(
        threads, "deferToThreadPool", lambda _r, _p, f, *a, **k: defer.maybeDeferred(f, *a, **k)
    )
    reactor = type("Reactor", (), {"getThreadPool": lambda self: None})()
    resolver = GuardedResolver(reactor, allow_all=False, trusted={"localhost"})
    first = resolver.getHostByName("www.antaranews.com")
    fake_dns["www.antaranews.com"] = ["127.0.0.1"]
    second = resolver.getHostByName("www.antaranews.com")
    got: list[str] = []
    first.addCallback(got.append)
    second.addCallback(got.append)
    assert got == ["1.1.1.1", "1.1.1.1"]
    refused = resolver.getHostByName("intranet.example")
    errors: list[Any] = []
    refused.addErrback(errors.append)
    assert errors and errors[0].check(PrivateAddressLookupError)


def test_retry_after_header() -> None:
    assert retry_after(b"7") == 7.0
    assert retry_after(None) is None
    assert retry_after(b"bukan tanggal") is None
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    value = retry_after(later.encode())
    assert value is not None and 25 < value <= 30


def test_backoff_doubles_and_honours_retry_after() -> None:
    crawler = get_crawler(NewsSpider, crawl_settings(retry_backoff=1.0))
    crawler.spider = NewsSpider.from_crawler(
        crawler, start=["https://www.antaranews.com/rss/x.xml"]
    )
    middleware = BackoffRetryMiddleware.from_crawler(crawler)
    request = Request("https://www.antaranews.com/berita/1/x")
    first = middleware.process_response(request, Response(request.url, status=503))
    assert isinstance(first, Request) and first.meta["pantau_backoff"] == 1.0
    second = middleware.process_response(first, Response(request.url, status=503))
    assert isinstance(second, Request) and second.meta["pantau_backoff"] == 2.0
    asked = Response(request.url, status=429, headers={"Retry-After": "9"})
    third = middleware.process_response(request, asked)
    assert isinstance(third, Request) and third.meta["pantau_backoff"] == 9.0


def test_polite_defaults() -> None:
    settings = crawl_settings()
    assert settings["ROBOTSTXT_OBEY"] is True
    assert settings["DOWNLOAD_DELAY"] >= 1.0 and settings["AUTOTHROTTLE_ENABLED"] is True
    assert settings["CONCURRENT_REQUESTS_PER_DOMAIN"] <= 2
    assert 429 in settings["RETRY_HTTP_CODES"]
    assert settings["DOWNLOAD_MAXSIZE"] <= 5 * 1024 * 1024
    assert settings["PANTAU_ALLOW_PRIVATE"] is False


def test_bench_f1() -> None:
    assert f1("a b c", "a b c") == 1.0
    assert f1("", "a") == 0.0
    assert f1("a b", "a b c d") == pytest.approx(2 / 3)
