"""Search contract: the same cases on SqliteBackend and on the real Elasticsearch."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from search.backend import SearchBackend
from search.query import SearchQuery
from tests.conftest import enriched, raw_article

DOCS = [
    enriched(
        raw_article(1, title="Bawaslu panggil camat yang tidak netral",
                    body="Bawaslu Jakarta Utara memanggil seorang camat terkait netralitas ASN "
                         "setelah foto kampanye beredar.",
                    published_at=datetime(2024, 11, 1, 2, 0, tzinfo=UTC)),
        topics={"netralitas_asn": 0.9, "kampanye": 0.4},
        entities=[("Bawaslu", "ORG"), ("Jakarta Utara", "GPE")],
    ),
    enriched(
        raw_article(2, title="KPU DKI tetapkan daftar pemilih tetap",
                    body="Komisi Pemilihan Umum menetapkan DPT untuk Pilkada Jakarta.",
                    published_at=datetime(2024, 11, 10, 2, 0, tzinfo=UTC), source="detik",
                    host="news.detik.com"),
        topics={"daftar_pemilih": 0.8},
        entities=[("KPU", "ORG")],
    ),
    enriched(
        raw_article(3, title="Politik uang jelang pencoblosan",
                    body="Bawaslu menerima laporan dugaan politik uang di Jakarta Timur.",
                    published_at=datetime(2024, 11, 20, 2, 0, tzinfo=UTC)),
        topics={"politik_uang": 0.7},
        entities=[("Bawaslu", "ORG")],
    ),
    enriched(
        raw_article(4, title="Harga cabai naik di pasar",
                    body="Pedagang pasar mengeluhkan harga cabai yang naik.",
                    published_at=datetime(2024, 11, 21, 2, 0, tzinfo=UTC)),
        election_related=False,
    ),
]


@pytest.fixture(params=["sqlite", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)])
def backend(request: pytest.FixtureRequest, tmp_path: Path, unique: str) -> Iterator[SearchBackend]:
    if request.param == "sqlite":
        from search.sqlite import SqliteBackend

        b: SearchBackend = SqliteBackend(tmp_path / "index.sqlite3")
    else:
        from search.elastic import ElasticsearchBackend

        url = request.getfixturevalue("es_url")
        b = ElasticsearchBackend(url, alias=f"test-{unique}", refresh=True)
    b.ensure()
    b.upsert(DOCS)
    yield b
    if request.param == "elasticsearch":
        from search.elastic import ElasticsearchBackend

        assert isinstance(b, ElasticsearchBackend)
        b.es.indices.delete(index=b.index)
    b.close()


def ids(backend: SearchBackend, **kw: object) -> list[str]:
    return [h.id for h in backend.search(SearchQuery(**kw)).hits]  # type: ignore[arg-type]


def test_upsert_is_idempotent(backend: SearchBackend) -> None:
    assert backend.count() == 4
    backend.upsert(DOCS[:2])
    assert backend.count() == 4


def test_words_are_anded(backend: SearchBackend) -> None:
    assert ids(backend, text="Bawaslu camat") == [DOCS[0].id]


def test_phrase_and_exclusion(backend: SearchBackend) -> None:
    assert ids(backend, text='"politik uang"') == [DOCS[2].id]
    assert ids(backend, text="Bawaslu -camat") == [DOCS[2].id]


def test_title_weighs_more_than_body(backend: SearchBackend) -> None:
    assert ids(backend, text="Bawaslu") == [DOCS[0].id, DOCS[2].id]


def test_filters(backend: SearchBackend) -> None:
    assert ids(backend, topics=["netralitas_asn"]) == [DOCS[0].id]
    assert ids(backend, sources=["detik"]) == [DOCS[1].id]
    since = datetime(2024, 11, 15, tzinfo=UTC)
    assert set(ids(backend, since=since)) == {DOCS[2].id, DOCS[3].id}
    assert ids(backend, until=datetime(2024, 11, 5, tzinfo=UTC)) == [DOCS[0].id]
    assert DOCS[3].id not in ids(backend, election_related=True)


def test_sort_by_date_and_paging(backend: SearchBackend) -> None:
    by_date = ids(backend, sort="date", limit=10)
    assert by_date == [DOCS[3].id, DOCS[2].id, DOCS[1].id, DOCS[0].id]
    assert ids(backend, sort="date", limit=2, offset=2) == by_date[2:]


def test_facets_count_the_matching_set(backend: SearchBackend) -> None:
    result = backend.search(SearchQuery(text="Bawaslu"))
    assert result.total == 2
    assert {f.value: f.count for f in result.facets["sources"]} == {"antara": 2}
    assert {f.value: f.count for f in result.facets["topics"]} == {
        "netralitas_asn": 1, "kampanye": 1, "politik_uang": 1,
    }
    assert {f.value: f.count for f in result.facets["entities"]}["Bawaslu"] == 2


def test_hits_carry_snippet_topics_and_get_returns_event(backend: SearchBackend) -> None:
    hit = backend.search(SearchQuery(text="camat")).hits[0]
    assert "camat" in hit.snippet.lower()
    assert hit.topics[0] == "netralitas_asn"
    assert backend.get(hit.id) == DOCS[0]
    assert backend.get("0" * 32) is None


@pytest.mark.parametrize("text", ['"unbalanced', "*:*", '{"script": "x"}', "a" * 300, "نص ✓ 😀", "-"])
def test_hostile_text_gives_a_sane_result(backend: SearchBackend, text: str) -> None:
    result = backend.search(SearchQuery(text=text))
    assert result.total >= 0
