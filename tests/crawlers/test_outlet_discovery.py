"""Discovery for every outlet family: its own entry-point URLs (feeds, sitemaps, index
pages with a --since cutoff, keyword search), crawled through the local sample site."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from parsel import Selector

from crawlers.feeds import listing_links
from crawlers.outlets import by_name
from crawlers.sources import entry_points
from devkit.server import SampleSite

RunCrawl = Callable[..., Any]
FAMILIES = ("detik", "kompas", "tempo", "liputan6", "republika", "rmol")
SINCE = datetime(2024, 10, 1, tzinfo=UTC)


def local(site: SampleSite, url: str) -> str:
    """An outlet URL as the sample site serves it (under a prefix named after its host)."""
    parts = urlsplit(url)
    return site.url(f"/{parts.hostname}{parts.path}") + (f"?{parts.query}" if parts.query else "")


def index_file(site_root: Path, url: str, page: int = 1) -> str:
    parts = urlsplit(url)
    path = f"{parts.hostname}{parts.path}".rstrip("/")
    path += "/index" if parts.path.endswith("/") else ""
    return (site_root / f"{path}{'' if page == 1 else f'@page={page}'}.html").read_text("utf-8")


@pytest.mark.parametrize("name", FAMILIES)
def test_every_family_has_a_feed_or_sitemap_and_an_index(name: str) -> None:
    outlet = by_name(name)
    assert outlet.feeds or outlet.sitemaps
    assert outlet.listings and outlet.listing is not None


@pytest.mark.parametrize("name", ["kompas", "tempo", "liputan6", "republika", "rmol"])
def test_index_pages_give_dated_cards_and_the_next_page(name: str, site_root: Path) -> None:
    url = by_name(name).listings[0]
    pages = [listing_links(Selector(text=index_file(site_root, url, n)), url=url)
             for n in (1, 2, 3)]  # fmt: skip
    dates = [e.published for page in pages for e in page.entries if e.published is not None]
    assert len(dates) == 1 + 3 + 1  # every card has a readable date
    assert dates == sorted(dates, reverse=True)  # newest first, across pages
    # the rel="next" link comes first: page 1 -> 2 -> 3, and page 3 has none
    assert [p.pages[0].rsplit("page=", 1)[1] for p in pages[:2]] == ["2", "3"]
    assert not any("page=4" in link for link in pages[2].pages)


def test_kompas_has_no_search_page() -> None:
    # search.kompas.com renders results with JavaScript: nothing a crawler can read
    assert by_name("kompas").search_url("pilkada") is None


def test_backfill_and_search_of_every_family_from_its_own_entry_points(
    sample_site: SampleSite, run_crawl: RunCrawl, manifest: dict[str, Any]
) -> None:
    urls = entry_points(FAMILIES, backfill=True, keywords=["pilkada"])
    run = run_crawl([local(sample_site, u) for u in urls], since=SINCE)
    assert run.failures == []  # every entry point the rules name is served and read
    expected = {a["url"] for a in manifest["outlet_articles"] if a["outlet"] in FAMILIES}
    assert {a.url for a in run.articles} == expected
    assert {a.source for a in run.articles} == set(FAMILIES)
    fetched = {k.rsplit("/", 1)[1]: v for k, v in run.stats.scrapy.items()
               if k.startswith("pantau/fetched/")}  # fmt: skip
    # feeds: all six; sitemap: kompas' news sitemap; listings: detik's three index pages,
    # two of each other index (page 2 holds cards older than --since: page 3 is never
    # asked for) and five search pages (kompas has none)
    assert fetched == {"feed": 6, "sitemap": 1, "listing": 3 + 5 * 2 + 5, "article": 14}
    assert run.stats.scrapy["pantau/listing/stopped_at_since"] == 5
    assert run.stats.skipped == {"before_since": 5 * 2}
