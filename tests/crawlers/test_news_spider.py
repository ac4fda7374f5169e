"""NewsSpider callbacks driven with fixture responses (no reactor, no network)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import scrapy
from scrapy.http import HtmlResponse, XmlResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from crawlers.feeds import Entry
from crawlers.outcomes import CrawlFailure, stats_from_scrapy
from crawlers.spiders.news import NewsSpider
from devkit.layouts import antara_2016
from pipeline.events import RawArticle

LOCAL = "http://127.0.0.1:8765"


def make_spider(**kwargs: Any) -> tuple[NewsSpider, dict[str, Any]]:
    settings = kwargs.pop("settings", {})
    crawler = get_crawler(NewsSpider, settings)
    kwargs.setdefault("start", [LOCAL + "/rss/terkini.xml"])
    spider = NewsSpider.from_crawler(crawler, **kwargs)
    assert crawler.stats is not None
    return spider, crawler.stats.get_stats()


def local_text(path: Path) -> bytes:
    return path.read_bytes().replace(b"{{BASE}}", LOCAL.encode())


def listing_page(site_root: Path) -> HtmlResponse:
    url = LOCAL + "/terkini"
    body = local_text(site_root / "terkini.html")
    return HtmlResponse(url, body=body, request=scrapy.Request(url))


def test_feed_yields_article_requests_and_counts_skips(site_root: Path) -> None:
    spider, stats = make_spider()
    feed = XmlResponse(LOCAL + "/rss/terkini.xml", body=local_text(site_root / "rss/terkini.xml"))
    out = list(spider.parse(feed))
    assert all(isinstance(o, scrapy.Request) for o in out)
    assert len(out) == 13  # 12 stories + the malformed page
    assert all(o.url.startswith(LOCAL + "/berita/") for o in out)
    assert stats["pantau/skipped/not_article"] == 2
    assert stats["pantau/fetched/feed"] == 1


def test_listing_follows_cards_without_tracking_and_next_page(site_root: Path) -> None:
    spider, _ = make_spider()
    page = listing_page(site_root)
    out = [o for o in spider.parse(page) if isinstance(o, scrapy.Request)]
    articles = [o for o in out if o.callback == spider.parse_article]
    pages = [o for o in out if o.callback == spider.parse_listing]
    assert len(articles) == 14
    assert not any("utm_" in o.url for o in articles)
    assert [o.url for o in pages] == [LOCAL + "/terkini/2"]
    assert pages[0].meta["listing_page"] == 2


def test_listing_pagination_stops_at_the_cap(site_root: Path) -> None:
    spider, _ = make_spider(settings={"PANTAU_MAX_LISTING_PAGES": 1})
    page = listing_page(site_root)
    out = [o for o in spider.parse(page) if isinstance(o, scrapy.Request)]
    assert len(out) == 14
    assert not [o for o in out if o.callback == spider.parse_listing]


def test_article_then_its_duplicate(sample_response: Callable[[str], HtmlResponse]) -> None:
    spider, stats = make_spider()
    first = list(spider.parse_article(sample_response("debat-jakarta")))
    again = list(spider.parse_article(sample_response("debat-jakarta")))
    assert len(first) == 1 and isinstance(first[0], RawArticle)
    assert again == []
    assert stats["pantau/skipped/duplicate"] == 1
    assert stats["pantau/articles"] == 1


def test_guessed_date_is_counted(sample_response: Callable[[str], HtmlResponse]) -> None:
    spider, stats = make_spider()
    [article] = spider.parse_article(sample_response("mrt-akhir-pekan"))
    assert isinstance(article, RawArticle) and article.published_at is not None
    assert stats["pantau/warnings/date_guessed"] == 1


def test_offsite_links_are_skipped_unless_allowed() -> None:
    links = ["https://megapolitan.antaranews.com/berita/1/a", "/berita/2/b?utm_source=x"]
    feed = XmlResponse(LOCAL + "/rss/x.xml", body=b"")
    spider, stats = make_spider()
    assert [r.url for r in spider._follow(feed, [Entry(u) for u in links], generic_ok=True)] == [
        LOCAL + "/berita/2/b"
    ]
    assert stats["pantau/skipped/offsite"] == 1
    spider, _ = make_spider(allow_hosts=["megapolitan.antaranews.com"])
    assert len(list(spider._follow(feed, [Entry(u) for u in links], generic_ok=True))) == 2


def test_http_error_becomes_a_failure() -> None:
    spider, stats = make_spider()
    request = scrapy.Request(LOCAL + "/berita/9/hilang")
    response = HtmlResponse(request.url, status=404, body=b"<title>404</title>", request=request)
    failure = Failure(HttpError(response, "Ignoring non-200 response"))  # type: ignore[no-untyped-call]
    failure.request = request  # type: ignore[attr-defined]
    [out] = spider.on_error(failure)
    assert out == CrawlFailure(request.url, "http_404", "HTTP 404")
    assert stats["pantau/errors/http_404"] == 1


def test_start_page_that_is_nothing_known(response_from: Callable[..., HtmlResponse]) -> None:
    spider, _ = make_spider()
    [out] = spider.parse(response_from("<html><body><h1>Beranda</h1></body></html>"))
    assert isinstance(out, CrawlFailure) and out.reason == "unknown_page"


def test_start_page_that_is_a_challenge(response_from: Callable[..., HtmlResponse]) -> None:
    spider, stats = make_spider()
    page = "<html><head><title>Just a moment...</title></head><body>...</body></html>"
    [out] = spider.parse(response_from(page))
    assert isinstance(out, CrawlFailure) and out.reason == "blocked"
    assert stats["pantau/errors/blocked"] == 1


def test_generic_fallback_is_counted_per_outlet() -> None:
    spider, stats = make_spider()
    old = antara_2016()
    response = HtmlResponse(url=old.url, body=old.html.encode(), encoding="utf-8")
    [article] = spider.parse_article(response)
    assert isinstance(article, RawArticle) and article.extractor == "generic"
    assert stats["pantau/warnings/generic_fallback"] == 1
    assert stats["pantau/generic_fallback/antara"] == 1
    stats_of = stats_from_scrapy(stats, articles=1, elapsed=1.0)
    assert stats_of.generic_fallback == {"antara": 1}
