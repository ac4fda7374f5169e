"""Shared fixtures: event factories and the real services (which must be up in CI)."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from pipeline.events import EnrichedArticle, Entity, RawArticle, Region, TopicHit, article_id

KAFKA = os.environ.get("PANTAU_TEST_KAFKA", "127.0.0.1:9092")
ES_URL = os.environ.get("PANTAU_TEST_ES", "http://127.0.0.1:9200")


def raw_article(
    n: int = 1,
    *,
    title: str = "Bawaslu awasi netralitas ASN jelang Pilkada",
    body: str = "Badan Pengawas Pemilu mengingatkan aparatur sipil negara agar tetap netral.",
    source: str = "antara",
    published_at: datetime | None = None,
    host: str = "www.antaranews.com",
) -> RawArticle:
    url = f"https://{host}/berita/{4000 + n}/artikel-{n}"
    return RawArticle(
        id=article_id(url),
        url=url,
        source=source,
        host=host,
        title=title,
        body=body,
        published_at=published_at or datetime(2024, 11, 20, 3, 0, tzinfo=UTC),
    )


def enriched(
    raw: RawArticle,
    *,
    topics: dict[str, float] | None = None,
    entities: list[tuple[str, str]] | None = None,
    election_related: bool = True,
) -> EnrichedArticle:
    return EnrichedArticle(
        id=raw.id,
        article=raw,
        topics=[
            TopicHit(id=t, score=s, evidence=[raw.body[:80]]) for t, s in (topics or {}).items()
        ],
        entities=[
            Entity(text=c, label=label, canonical=c, start=0, end=len(c))
            for c, label in (entities or [])
        ],
        region=Region(code="31.72", name="Jakarta Utara", level="kota"),
        election_related=election_related,
        nlp_version="test",
    )


def _reachable(hostport: str) -> bool:
    host, _, port = hostport.rpartition(":")
    try:
        with socket.create_connection((host, int(port)), timeout=2):
            return True
    except OSError:
        return False


def require_service(name: str, hostport: str) -> None:
    """Fail (never skip) when a real service is missing; skipping is allowed only off CI
    and only when PANTAU_ALLOW_SKIP=1 says so explicitly."""
    if _reachable(hostport):
        return
    message = f"{name} is not answering on {hostport}: run `pantau services up` (or bash .ci/run)"
    if os.environ.get("PANTAU_ALLOW_SKIP") == "1" and os.environ.get("CI") != "true":
        pytest.skip(message)
    pytest.fail(message)


@pytest.fixture
def kafka_bootstrap() -> str:
    require_service("Kafka", KAFKA)
    return KAFKA


@pytest.fixture
def es_url() -> str:
    require_service("Elasticsearch", ES_URL.split("//", 1)[-1])
    return ES_URL


@pytest.fixture
def unique() -> Iterator[str]:
    yield uuid.uuid4().hex[:10]


@pytest.fixture(autouse=True)
def _bundled_calendar() -> Iterator[None]:
    """Every test starts and ends with the bundled election calendar: a test that installs
    its own (PANTAU_CALENDAR through `build_api` or the CLI) must not leak it."""
    from search.calendar import install

    install(None)
    yield
    install(None)
