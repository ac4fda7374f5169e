"""URL rules per outlet, local mirrors, private addresses, and entry points by source."""

from __future__ import annotations

import pytest

from crawlers.outlets import OUTLETS, by_name
from crawlers.sources import entry_points
from crawlers.urls import (
    article_url,
    classify_link,
    fetch_url,
    is_private_host,
    logical_url,
    outlet_for,
)


@pytest.mark.parametrize(
    ("url", "outlet", "kind"),
    [
        ("https://news.detik.com/berita/d-7661204/bawaslu-jakut", "detik", "article"),
        ("https://news.detik.com/berita-jawa-barat/d-7661204/x/amp", "detik", "article"),
        ("https://news.detik.com/foto-news/d-7661000/galeri", "detik", "not_article"),
        ("https://news.detik.com/indeks", "detik", "other"),
        ("https://nasional.kompas.com/read/2024/11/27/20110021/bawaslu", "kompas", "article"),
        ("https://www.kompas.com/video/read/2024/11/27/1/x", "kompas", "not_article"),
        ("https://www.tempo.co/politik/pengamat-nilai-janji-1189234", "tempo", "article"),
        ("https://www.tempo.co/politik", "tempo", "other"),
        ("https://www.liputan6.com/news/read/5801234/logistik", "liputan6", "article"),
        ("https://www.liputan6.com/photo/read/5801234/galeri", "liputan6", "not_article"),
        ("https://news.republika.co.id/berita/smn4k2x81/bkn-sanksi", "republika", "article"),
        ("https://rmol.id/politik/read/2024/10/04/634512/bawaslu", "rmol", "article"),
        ("https://rmol.id/amp/politik/read/2024/10/04/634512/bawaslu", "rmol", "article"),
        ("https://www.rmoljakarta.id/politik/read/2024/10/04/1/x", "rmol", "article"),
        ("https://jateng.antaranews.com/berita/5512/kpu-jateng", "antara", "article"),
        ("http://127.0.0.1:8765/news.detik.com/berita/d-1/x", "detik", "article"),
        ("http://127.0.0.1:8765/berita/4432810/slug", "antara", "article"),
    ],
)
def test_outlet_and_link_kind(url: str, outlet: str, kind: str) -> None:
    found = outlet_for(url)
    assert found is not None and found.name == outlet
    assert classify_link(url) == kind


def test_unknown_hosts_have_no_outlet() -> None:
    assert outlet_for("https://kabarpilkada.example/2024/11/29/x") is None
    assert classify_link("https://kabarpilkada.example/2024/11/29/x") == "other"


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        (
            "https://nasional.kompas.com/read/2024/11/27/20110021/x?page=all&utm_source=wa",
            "https://nasional.kompas.com/read/2024/11/27/20110021/x",
        ),
        (
            "https://rmol.id/amp/politik/read/2024/10/04/634512/x",
            "https://rmol.id/politik/read/2024/10/04/634512/x",
        ),
        (
            "https://news.detik.com/berita/d-7661204/x/amp",
            "https://news.detik.com/berita/d-7661204/x",
        ),
        (
            "https://www.liputan6.com/amp/news/read/5801234/x",
            "https://www.liputan6.com/news/read/5801234/x",
        ),
        # a query that is not presentation stays: it may name a different page
        (
            "https://www.tempo.co/politik/x-1189234?id=2",
            "https://www.tempo.co/politik/x-1189234?id=2",
        ),
    ],
)
def test_article_url_per_outlet(url: str, canonical: str) -> None:
    assert article_url(url) == canonical


def test_local_mirror_urls_stand_for_the_outlet() -> None:
    local = "http://127.0.0.1:8765/news.detik.com/berita/d-1/x?utm_source=y"
    assert logical_url(local) == "https://news.detik.com/berita/d-1/x?utm_source=y"
    assert fetch_url("https://news.detik.com/berita/d-1/x", like=local) == (
        "http://127.0.0.1:8765/news.detik.com/berita/d-1/x"
    )
    # only on local addresses: a public site's first path segment is just a path
    assert (
        logical_url("https://example.org/news.detik.com/x")
        == "https://example.org/news.detik.com/x"
    )
    assert (
        logical_url("http://127.0.0.1:8765/rss/terkini.xml")
        == "http://127.0.0.1:8765/rss/terkini.xml"
    )


@pytest.mark.parametrize(
    ("host", "private"),
    [
        ("127.0.0.1", True), ("localhost", True), ("10.1.2.3", True), ("192.168.0.5", True),
        ("169.254.169.254", True), ("[::1]", True), ("0.0.0.0", True),
        ("www.antaranews.com", False), ("8.8.8.8", False),
    ],
)  # fmt: skip
def test_private_hosts(host: str, private: bool) -> None:
    assert is_private_host(host) is private


def test_entry_points_are_rss_first() -> None:
    feeds_only = entry_points(["antara", "detik"], regional_hosts={"antara": []})
    assert feeds_only == [*by_name("antara").feeds, *by_name("detik").feeds]
    backfill = entry_points(["kompas"], backfill=True)
    assert backfill == [*by_name("kompas").feeds, *by_name("kompas").listings,
                        *by_name("kompas").sitemaps]  # fmt: skip
    search = entry_points(["detik"], keywords=["netralitas ASN"], search_pages=2)
    assert search[-2:] == [
        "https://www.detik.com/search/searchall?query=netralitas+ASN&page=1",
        "https://www.detik.com/search/searchall?query=netralitas+ASN&page=2",
    ]
    with pytest.raises(KeyError, match="unknown source 'koran'"):
        entry_points(["koran"])


def test_every_outlet_has_rss_and_antara_has_regional_hosts() -> None:
    assert len(OUTLETS) >= 6
    assert all(o.feeds for o in OUTLETS.values())
    regional = by_name("antara").regional_hosts
    assert "megapolitan.antaranews.com" in regional and len(regional) >= 3
