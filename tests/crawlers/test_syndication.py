"""Syndicated copies: grouped by fingerprint, the earliest publisher is the origin."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from crawlers.state import CrawlState
from crawlers.syndication import SyndicationIndex
from pipeline.events import RawArticle, article_id
from pipeline.fingerprint import simhash

TEXT = (
    "Bawaslu Kabupaten Garut menemukan alat peraga kampanye yang dipasang di pohon dan "
    "tiang listrik di sepanjang jalan provinsi. Petugas bersama Satpol PP menertibkan "
    "ratusan spanduk pada Selasa malam dan meminta tim kampanye memasang ulang di lokasi "
    "yang diizinkan oleh KPU. Pelanggaran berulang akan dilaporkan kepada KPU Garut."
)


def story(url: str, source: str, day: int, text: str = TEXT) -> RawArticle:
    return RawArticle(
        id=article_id(url), url=url, source=source, host=url.split("/")[2], title="APK",
        body=text, published_at=datetime(2024, 11, day, 3, 0, tzinfo=UTC),
        fingerprint=simhash(text),
    )  # fmt: skip


ORIGIN = story("https://jabar.antaranews.com/berita/1/apk-garut", "antara", 10)
COPY = story("https://news.detik.com/berita/d-2/apk-garut", "detik", 11, TEXT + " Sumber: ANTARA")
FLOOD = "Banjir merendam ratusan rumah di Bandung selatan setelah hujan deras semalam."
OTHER = story("https://news.detik.com/berita/d-3/banjir", "detik", 11, FLOOD)


def test_copy_points_at_the_earlier_origin() -> None:
    index = SyndicationIndex(CrawlState())
    assert index.add(ORIGIN) is None
    copy = index.add(COPY)
    assert copy is not None
    assert (copy.article_id, copy.origin_id, copy.origin_source) == (COPY.id, ORIGIN.id, "antara")
    assert index.add(OTHER) is None
    assert index.group(COPY.id) == [ORIGIN.id, COPY.id]


def test_earlier_article_crawled_later_takes_over_as_origin() -> None:
    index = SyndicationIndex(CrawlState())
    assert index.add(COPY) is None
    relation = index.add(ORIGIN)
    assert relation is not None
    assert (relation.article_id, relation.origin_id) == (COPY.id, ORIGIN.id)
    assert index.group(COPY.id)[0] == ORIGIN.id


def test_groups_survive_across_runs_in_the_state_dir(tmp_path: Path) -> None:
    with CrawlState.in_dir(tmp_path) as state:
        SyndicationIndex(state).add(ORIGIN)
    with CrawlState.in_dir(tmp_path) as state:
        copy = SyndicationIndex(state).add(COPY)
    assert copy is not None and copy.origin_url == ORIGIN.url


def test_seen_urls_per_source(tmp_path: Path) -> None:
    with CrawlState.in_dir(tmp_path) as state:
        state.mark_article(ORIGIN)
        state.mark_article(COPY)
        state.mark("https://news.detik.com/berita/d-9/hilang", "detik", "http_404")
    with CrawlState.in_dir(tmp_path) as state:
        assert state.seen_urls(["antara"]) == {ORIGIN.url}
        assert len(state.seen_urls()) == 3
        assert state.counts() == {"antara": 1, "detik": 2}
