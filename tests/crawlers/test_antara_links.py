"""Entry points and links: feeds, listings, AMP/utm URL rules, download failure reasons."""

from __future__ import annotations

from pathlib import Path

import pytest
from parsel import Selector
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.http import HtmlResponse, Response
from twisted.internet.error import ConnectionRefusedError as TwistedRefused
from twisted.internet.error import DNSLookupError

from crawlers.failures import reason_for_exception, reason_for_response
from crawlers.feeds import FeedError, feed_links, is_listing, listing_links, looks_like_feed
from crawlers.urls import article_url, classify_link, deamp


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://www.antaranews.com/berita/4432810/bkn-jatuhkan-sanksi", "article"),
        ("https://megapolitan.antaranews.com/berita/312401/slug?utm_source=x", "article"),
        ("https://m.antaranews.com/amp/berita/4432810/slug", "article"),
        ("http://127.0.0.1:8765/berita/4432810/slug", "article"),
        ("https://www.antaranews.com/foto/4449870/suasana-tps", "not_article"),
        ("https://www.antaranews.com/video/4449911/bawaslu-awasi", "not_article"),
        ("https://www.antaranews.com/infografis/4449000/tahapan-pilkada", "not_article"),
        ("https://www.antaranews.com/terkini/2", "other"),
        ("https://www.antaranews.com/tag/netralitas-asn", "other"),
        ("https://www.antaranews.com/berita/bukan-angka/slug", "other"),
    ],
)
def test_classify_link(url: str, kind: str) -> None:
    assert classify_link(url) == kind


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://m.antaranews.com/amp/berita/4432810/slug",
            "https://www.antaranews.com/berita/4432810/slug",
        ),
        (
            "https://megapolitan.antaranews.com/amp/berita/312401/slug",
            "https://megapolitan.antaranews.com/berita/312401/slug",
        ),
        (
            "https://www.antaranews.com/berita/4432810/slug",
            "https://www.antaranews.com/berita/4432810/slug",
        ),
        ("https://www.antaranews.com/amp/foto/1/x", "https://www.antaranews.com/amp/foto/1/x"),
    ],
)
def test_deamp(url: str, expected: str) -> None:
    assert deamp(url) == expected


def test_article_url_drops_tracking_and_amp() -> None:
    url = (
        "https://M.ANTARANEWS.COM/amp/berita/4432810/slug/"
        "?utm_source=antaranews&utm_medium=desktop&utm_campaign=related_news#komentar"
    )
    assert article_url(url) == "https://www.antaranews.com/berita/4432810/slug"


def test_feed_links_in_order(site_root: Path) -> None:
    links = feed_links((site_root / "rss/terkini.xml").read_bytes())
    assert links[0].startswith("{{BASE}}/berita/313655/")
    malformed = "/berita/4449999/kpu-dki-umumkan-hasil-rekapitulasi-suara-tingkat-provinsi"
    assert "{{BASE}}" + malformed in links
    assert sum("/foto/" in link for link in links) == 1
    assert sum("/video/" in link for link in links) == 1
    assert len(links) == len(set(links))


def test_feed_links_reads_atom() -> None:
    atom = b"""<?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>
    <entry><title>a</title><link rel="alternate" href="https://www.antaranews.com/berita/1/a"/></entry>
    <entry><title>b</title><link href="https://www.antaranews.com/berita/2/b"/></entry>
    </feed>"""
    assert feed_links(atom) == [
        "https://www.antaranews.com/berita/1/a",
        "https://www.antaranews.com/berita/2/b",
    ]


@pytest.mark.parametrize(
    "body", [b"<html><body>bukan feed</body></html>", b"", b"<?xml version='1.0'?><urlset/>"]
)
def test_not_a_feed_raises(body: bytes) -> None:
    with pytest.raises(FeedError):
        feed_links(body)


def test_looks_like_feed() -> None:
    assert looks_like_feed(b'\xef\xbb\xbf<?xml version="1.0"?><rss></rss>')
    assert looks_like_feed(b"  \n<rss version='2.0'>")
    assert not looks_like_feed(b"<!DOCTYPE html><html>")


def test_listing_cards_and_pagination(site_root: Path) -> None:
    sel = Selector(text=(site_root / "terkini.html").read_text("utf-8"))
    assert is_listing(sel)
    listing = listing_links(sel)
    assert len(listing.articles) == 15  # 14 stories and one video card
    assert all("utm_source=antaranews" in link for link in listing.articles)
    assert "{{BASE}}/terkini/2" in listing.pages


def test_article_page_is_not_a_listing(site_root: Path) -> None:
    page = next((site_root / "berita").glob("*/*.html"))
    assert not is_listing(Selector(text=page.read_text("utf-8")))


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        (CannotResolveHostError("no such host"), "dns"),
        (DNSLookupError("no such host"), "dns"),
        (DownloadConnectionRefusedError("refused"), "connection_refused"),
        (TwistedRefused("refused"), "connection_refused"),  # type: ignore[no-untyped-call]
        (DownloadTimeoutError("slow"), "timeout"),
        (IgnoreRequest("Forbidden by robots.txt"), "robots_txt"),
        (ValueError("something else"), "download_error"),
    ],
)
def test_reason_for_exception(exc: BaseException, reason: str) -> None:
    assert reason_for_exception(exc) == reason


@pytest.mark.parametrize(
    ("status", "body", "reason"),
    [
        (404, b"<html><title>Halaman tidak ditemukan</title></html>", "http_404"),
        (500, b"<html><title>Error</title></html>", "http_500"),
        (503, b"<html><title>Just a moment...</title></html>", "blocked"),
        (403, b"<html><title>Forbidden</title></html>", "blocked"),
    ],
)
def test_reason_for_response(status: int, body: bytes, reason: str) -> None:
    response = HtmlResponse("https://www.antaranews.com/x", status=status, body=body)
    assert reason_for_response(response) == reason


def test_reason_for_binary_response() -> None:
    assert reason_for_response(Response("https://www.antaranews.com/x", status=410)) == "http_410"
