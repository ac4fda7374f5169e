"""Real crawls of the sample site: incremental re-runs, --since/--until, sitemaps, search."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from crawlers.state import CrawlState
from devkit.server import SampleSite

RunCrawl = Callable[..., Any]
DETIK_INDEX = "/news.detik.com/indeks"
KOMPAS_SITEMAP = "/www.kompas.com/sitemap.xml"


def test_rerun_fetches_nothing_new_then_only_the_new_article(
    sample_site: SampleSite, run_crawl: RunCrawl, tmp_path: Path, manifest: dict[str, Any]
) -> None:
    with CrawlState.in_dir(tmp_path) as state:
        first = run_crawl(sample_site.start_urls, state=state)
    assert len(first.articles) == len(manifest["articles"]) + len(manifest["outlet_articles"])
    with CrawlState.in_dir(tmp_path) as state:
        again = run_crawl(sample_site.start_urls, state=state)
    assert again.articles == [] and again.failures == []
    # only the entry points: the start URLs and the kompas sitemap index's two sitemaps
    assert again.stats.pages_fetched == len(sample_site.start_urls) + 2 >= 12
    assert again.stats.skipped["seen"] >= len(first.articles)
    assert again.stats.scrapy["pantau/listing/stopped_nothing_new"] == 2
    news = first.articles[5]
    with CrawlState.in_dir(tmp_path) as state:
        state.db.execute("DELETE FROM seen WHERE url = ? OR source = 'x'", (news.url,))
        state.db.execute("DELETE FROM seen WHERE url LIKE ?", (f"%{news.url.split('/', 3)[3]}",))
    with CrawlState.in_dir(tmp_path) as state:
        third = run_crawl(sample_site.start_urls, state=state)
    assert [a.url for a in third.articles] == [news.url]


def test_listing_pagination_stops_at_since(sample_site: SampleSite, run_crawl: RunCrawl) -> None:
    since = datetime(2024, 11, 25, tzinfo=UTC)
    run = run_crawl([sample_site.url(DETIK_INDEX)], since=since)
    assert sorted(a.url.rsplit("/", 1)[1] for a in run.articles) == [
        "bawaslu-jakut-awasi-pemilih-pindahan-di-rusun-marunda",
        "lurah-di-jakbar-diperiksa-usai-bagikan-stiker-paslon",
    ]
    assert run.stats.scrapy["pantau/fetched/listing"] == 2  # page 3 never requested
    assert run.stats.scrapy["pantau/listing/stopped_at_since"] == 1
    assert run.stats.skipped["before_since"] == 1


def test_until_bounds_a_backfill(sample_site: SampleSite, run_crawl: RunCrawl) -> None:
    until = datetime(2024, 11, 27, 12, 0, tzinfo=UTC)
    run = run_crawl([sample_site.url(DETIK_INDEX)], until=until)
    assert len(run.articles) == 3
    assert all(a.published_at is not None and a.published_at <= until for a in run.articles)
    assert run.stats.skipped["after_until"] == 1


def test_news_sitemap_with_since(sample_site: SampleSite, run_crawl: RunCrawl) -> None:
    since = datetime(2024, 11, 28, tzinfo=UTC)
    run = run_crawl([sample_site.url(KOMPAS_SITEMAP)], since=since)
    assert [a.source for a in run.articles] == ["kompas"]
    assert run.articles[0].host == "makassar.kompas.com"
    # the index and the news sitemap; the 2023 archive is older than --since
    assert run.stats.scrapy["pantau/fetched/sitemap"] == 2
    assert run.stats.skipped["before_since"] == 2


def test_sitemap_link_with_page_all_gets_the_canonical_url(
    sample_site: SampleSite, run_crawl: RunCrawl
) -> None:
    run = run_crawl([sample_site.url("/www.kompas.com/sitemap-news.xml")])
    urls = sorted(a.url for a in run.articles)
    assert urls[1] == (
        "https://nasional.kompas.com/read/2024/11/27/20110021/"
        "bawaslu-temukan-amplop-berisi-uang-di-posko-relawan"
    )


def test_keyword_search_page(sample_site: SampleSite, run_crawl: RunCrawl) -> None:
    run = run_crawl([sample_site.url("/www.detik.com/search/searchall?query=bawaslu&page=1")])
    assert len(run.articles) == 2
    assert {a.source for a in run.articles} == {"detik"}


def test_amp_link_in_a_feed_is_fetched_as_the_article(
    sample_site: SampleSite, run_crawl: RunCrawl
) -> None:
    run = run_crawl([sample_site.url("/rmol.id/rss.xml")])
    assert run.failures == []
    assert sorted(a.url.split("/")[-2] for a in run.articles) == ["634512", "641200"]
