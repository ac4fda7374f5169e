"""SQLite relevance is scored once per text and kept: other filters, scopes and pages reuse
it, a write rescores only what it changed, and every answer equals a fresh index's."""

from __future__ import annotations

from pathlib import Path

import pytest

import search.sqlite_scores as scores_module
from search.query import SearchQuery
from search.sqlite import SqliteBackend
from tests.search.fixtures import article

REGIONS = ("31.72", "32.75", "32.01")
DOCS = [
    article(
        500 + i,
        f"Bawaslu kota {i}" if i % 3 else f"Rapat {i}",
        "Bawaslu mengawasi kampanye. " * (1 + i % 4) + "Warga datang. " * (i % 5),
        source=("antara", "kompas")[i % 2],
        day=1 + i % 20,
        region=REGIONS[i % 3],
    )
    for i in range(40)
]
TEXT = SearchQuery(text="bawaslu", limit=50)
VARIANTS = [
    TEXT,
    TEXT.model_copy(update={"scope": ("31",)}),
    TEXT.model_copy(update={"sources": ["kompas"]}),
    TEXT.model_copy(update={"limit": 3}),
    SearchQuery(text="bawaslu -region:32", limit=50),
]


@pytest.fixture
def backend(tmp_path: Path) -> SqliteBackend:
    b = SqliteBackend(tmp_path / "index.sqlite3")
    b.ensure()
    b.upsert(DOCS)
    return b


def ranked(b: SqliteBackend, query: SearchQuery) -> tuple[int, list[tuple[str, float]]]:
    found = b.search(query)
    return found.total, [(h.id, round(h.score, 9)) for h in found.hits]


def fresh(b: SqliteBackend, query: SearchQuery) -> tuple[int, list[tuple[str, float]]]:
    """The answer of a new connection to the same file (nothing kept)."""
    other = SqliteBackend(b.path)
    other.ensure()
    try:
        return ranked(other, query)
    finally:
        other.close()


def computed(b: SqliteBackend) -> int:
    return b._search.scores.computed


def test_other_scopes_filters_and_pages_reuse_the_scores(backend: SqliteBackend) -> None:
    total, _ = ranked(backend, TEXT)
    assert computed(backend) == total > 20
    for query in VARIANTS:
        assert ranked(backend, query) == fresh(backend, query)
    assert computed(backend) == total  # nothing scored twice


def test_a_narrowed_search_scores_only_its_own_matches(
    backend: SqliteBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scores_module, "FEW", 2)
    scoped = VARIANTS[1]
    total, _ = ranked(backend, scoped)
    assert computed(backend) == total < len(DOCS)
    whole, _ = ranked(backend, TEXT)  # the rest: most of the matches, so all at once
    assert computed(backend) == total + whole
    for query in (TEXT, scoped):
        assert ranked(backend, query) == fresh(backend, query)


def test_a_write_rescores_only_the_articles_it_changed(
    backend: SqliteBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scores_module, "DRIFT", 0.5)
    total, _ = ranked(backend, TEXT)
    writer = SqliteBackend(backend.path)  # another connection, as a worker writes
    writer.ensure()
    writer.upsert([article(600, "Bawaslu baru", "Bawaslu Bawaslu Bawaslu.", day=25)])
    gone = article(501, "Rapat ganti", "Tidak ada lagi.", source="kompas", region="32.75")
    assert gone.id == DOCS[1].id
    writer.upsert([gone])
    writer.close()
    after, hits = ranked(backend, TEXT)
    assert after == total  # one more, one fewer
    assert computed(backend) == total + 1  # only the new article was scored
    ids = [h for h, _ in hits]
    assert DOCS[1].id not in ids and hits[0][0] == article(600, "x", "y").id


def test_past_the_drift_the_text_is_scored_afresh(backend: SqliteBackend) -> None:
    total, _ = ranked(backend, TEXT)
    backend.upsert([article(700 + i, "Bawaslu", "Bawaslu hadir.", day=3) for i in range(2)])
    after = ranked(backend, TEXT)  # 2 of 42 changed: past 2 %
    assert computed(backend) == total + after[0]
    assert after == fresh(backend, TEXT)


def test_a_reindex_drops_what_was_kept(backend: SqliteBackend) -> None:
    ranked(backend, TEXT)
    backend.reindex()
    assert ranked(backend, TEXT) == fresh(backend, TEXT)


def test_the_least_recently_used_text_goes_first(backend: SqliteBackend) -> None:
    backend._search.scores.budget = 40  # matches kept in all
    ranked(backend, TEXT)
    ranked(backend, SearchQuery(text="kampanye"))  # 40 matches: bawaslu's go
    spent = computed(backend)
    ranked(backend, SearchQuery(text="kampanye", sort="date"))  # matches kept, no bm25
    ranked(backend, SearchQuery(text="kampanye", scope=("31",)))
    assert computed(backend) == spent
    ranked(backend, VARIANTS[1])  # another query than before: bawaslu scored again
    assert computed(backend) > spent
