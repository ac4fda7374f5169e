"""Event contracts: stable ids, UTC times, versioned decoding with readable reasons."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from pipeline.events import (
    EnrichedArticle,
    EventError,
    RawArticle,
    article_id,
    canonical_url,
    decode,
)
from tests.conftest import enriched, raw_article


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://WWW.AntaraNews.com/berita/1/a-b/", "https://www.antaranews.com/berita/1/a-b"),
        (
            "https://www.antaranews.com/berita/1/a?utm_source=x&utm_medium=y",
            "https://www.antaranews.com/berita/1/a",
        ),
        (
            "https://www.antaranews.com/berita/1/a?page=2#komentar",
            "https://www.antaranews.com/berita/1/a?page=2",
        ),
        ("https://www.antaranews.com:443/berita/1/a", "https://www.antaranews.com/berita/1/a"),
        ("http://127.0.0.1:8080/berita/1/a", "http://127.0.0.1:8080/berita/1/a"),
    ],
)
def test_canonical_url_normalises(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_article_id_is_stable_across_tracking_variants() -> None:
    a = article_id("https://www.antaranews.com/berita/42/x?utm_campaign=rss")
    b = article_id("https://WWW.antaranews.com/berita/42/x/")
    c = article_id("https://megapolitan.antaranews.com/berita/42/x")
    assert a == b
    assert a != c
    assert len(a) == 32


def test_relative_url_is_rejected() -> None:
    with pytest.raises(ValueError, match="not an absolute URL"):
        canonical_url("/berita/1/a")


def test_published_at_is_converted_to_utc() -> None:
    wib = timezone(timedelta(hours=7))
    art = raw_article(published_at=datetime(2024, 11, 28, 14, 30, tzinfo=wib))
    assert art.published_at is not None
    assert art.published_at.utcoffset() == timedelta(0)
    assert art.published_at.hour == 7


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone"):
        raw_article(published_at=datetime(2024, 11, 28, 14, 30))


def test_round_trip_through_bytes() -> None:
    doc = enriched(raw_article(), topics={"netralitas_asn": 0.9}, entities=[("Bawaslu", "ORG")])
    back = decode(EnrichedArticle, doc.to_bytes())
    assert back == doc
    assert back.article.paragraphs == [doc.article.body]


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"\xff\xfe not utf8", "not UTF-8"),
        (b"{not json", "invalid JSON"),
        (b"[1, 2]", "expected a JSON object"),
        (json.dumps({"schema_version": "2.0", "id": "x"}).encode(), "unknown schema_version '2.0'"),
        (json.dumps({"id": "x"}).encode(), "unknown schema_version ''"),
        (json.dumps({"schema_version": "1.3", "id": "x"}).encode(), "failed validation"),
    ],
)
def test_decode_reports_reason(payload: bytes, reason: str) -> None:
    with pytest.raises(EventError) as info:
        decode(RawArticle, payload)
    assert reason in info.value.reason


def test_decode_accepts_newer_minor() -> None:
    data = json.loads(raw_article().to_bytes())
    data["schema_version"] = "1.7"
    assert decode(RawArticle, json.dumps(data).encode()).schema_version == "1.7"


def test_field_from_a_newer_minor_is_ignored() -> None:
    data = json.loads(raw_article().to_bytes())
    data["schema_version"] = "1.9"
    data["surprise"] = True
    event = decode(RawArticle, json.dumps(data).encode())
    assert not hasattr(event, "surprise")
    assert event.id == raw_article().id


def test_extractor_is_additive_in_1_3() -> None:
    # a 1.2 producer sends no extractor; a 1.3 one says which path read the page
    old = json.loads(raw_article().to_bytes())
    old.pop("extractor")
    old["schema_version"] = "1.2"
    assert decode(RawArticle, json.dumps(old).encode()).extractor is None
    new = raw_article().model_copy(update={"extractor": "rules:antara/older"})
    assert decode(RawArticle, new.to_bytes()).extractor == "rules:antara/older"
