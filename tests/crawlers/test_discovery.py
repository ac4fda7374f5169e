"""Entry points: feed items with dates, news sitemaps, listing cards with printed times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from parsel import Selector

from crawlers.feeds import FeedError, card_date, feed_entries, listing_links, sitemap_entries


def test_feed_entries_carry_pubdate_in_utc(site_root: Path) -> None:
    entries = feed_entries((site_root / "rss.tempo.co/politik.xml").read_bytes())
    assert [e.published for e in entries] == [
        datetime(2024, 11, 21, 1, 5, tzinfo=UTC),
        datetime(2024, 11, 18, 12, 25, tzinfo=UTC),
    ]


def test_news_sitemap_and_index(site_root: Path) -> None:
    index = sitemap_entries((site_root / "www.kompas.com/sitemap.xml").read_bytes())
    assert [e.link.rsplit("/", 1)[1] for e in index.sitemaps] == [
        "sitemap-news.xml", "sitemap-2023.xml"
    ]  # fmt: skip
    news = sitemap_entries((site_root / "www.kompas.com/sitemap-news.xml").read_bytes())
    assert news.sitemaps == []
    assert news.entries[1].link.endswith("?page=all")
    assert news.entries[0].published == datetime(2024, 11, 30, 1, 35, tzinfo=UTC)


def test_not_a_sitemap() -> None:
    with pytest.raises(FeedError):
        sitemap_entries(b"<?xml version='1.0'?><rss><channel/></rss>")


def test_detik_index_cards_have_absolute_dates(site_root: Path) -> None:
    sel = Selector(text=(site_root / "news.detik.com/indeks.html").read_text("utf-8"))
    listing = listing_links(sel)
    assert [e.published for e in listing.entries] == [
        datetime(2024, 11, 28, 10, 2, tzinfo=UTC),
        datetime(2024, 11, 27, 2, 15, tzinfo=UTC),
    ]
    assert [p.rsplit("/", 1)[1] for p in listing.pages] == ["2", "3"]


def test_antara_cards_relative_times_count_back_from_now(site_root: Path) -> None:
    sel = Selector(text=(site_root / "terkini.html").read_text("utf-8"))
    now = datetime(2024, 12, 1, 3, 0, tzinfo=UTC)
    first = listing_links(sel, now=now).entries[0]
    assert first.published is not None and first.published <= now
    # without a clock, a relative time is no date at all
    assert listing_links(sel).entries[0].published is None


@pytest.mark.parametrize(
    ("raw", "delta"),
    [("2 jam lalu", timedelta(hours=2)), ("5 menit yang lalu", timedelta(minutes=5)),
     ("3 hari lalu", timedelta(days=3))],
)  # fmt: skip
def test_card_date_relative(raw: str, delta: timedelta) -> None:
    now = datetime(2024, 11, 28, 12, 0, tzinfo=UTC)
    assert card_date(raw, now) == now - delta
