"""SQLite cursor pages reuse the matching set of the page before, never a stale one."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.query import QuerySyntaxError, SearchQuery
from search.sqlite import SqliteBackend
from tests.search.fixtures import article

DOCS = [article(300 + i, "Rekap suara", f"Rekapitulasi suara {i}.", day=1 + i) for i in range(6)]
QUERY = SearchQuery(text="suara", sort="date", limit=2)


@pytest.fixture
def backend(tmp_path: Path) -> SqliteBackend:
    b = SqliteBackend(tmp_path / "index.sqlite3")
    b.ensure()
    b.upsert(DOCS)
    return b


def _next(b: SqliteBackend, cursor: str | None) -> tuple[list[str], int, str | None]:
    page = b.search(QUERY.model_copy(update={"cursor": cursor}))
    return [h.id for h in page.hits], page.total, page.next_cursor


def test_a_write_between_pages_is_seen(backend: SqliteBackend) -> None:
    _, total, cursor = _next(backend, None)
    assert total == 6
    backend.upsert([article(400, "Suara baru", "Suara.", day=20)])
    _, total, _ = _next(backend, cursor)
    assert total == 7


def test_another_connections_write_is_seen(backend: SqliteBackend, tmp_path: Path) -> None:
    _, _, cursor = _next(backend, None)
    other = SqliteBackend(tmp_path / "index.sqlite3")
    other.ensure()
    other.upsert([article(401, "Suara lain", "Suara.", day=21)])
    other.close()
    _, total, _ = _next(backend, cursor)
    assert total == 7


def test_another_query_in_between_does_not_leak(backend: SqliteBackend) -> None:
    first, _, cursor = _next(backend, None)
    assert backend.search(SearchQuery(text="rekap -suara")).total == 0
    with pytest.raises(QuerySyntaxError):
        backend.search(SearchQuery(text="suara", cursor=cursor))  # cursor of another sort
    second, total, cursor = _next(backend, cursor)
    third, _, _ = _next(backend, cursor)
    assert total == 6 and len(set(first + second + third)) == 6


def test_a_collapsed_page_after_a_plain_search_of_the_same_text(tmp_path: Path) -> None:
    # a plain search leaves a matching set without syndication groups: not reusable
    b = SqliteBackend(tmp_path / "index.sqlite3")
    b.ensure()
    b.upsert(DOCS + [article(500 + i, "Salinan", "Suara.", day=1, origin=305) for i in range(3)])
    collapsed = QUERY.model_copy(update={"collapse": True})
    first = b.search(collapsed)
    assert b.search(QUERY).total == 9
    paged = b.search(collapsed.model_copy(update={"cursor": first.next_cursor}))
    fresh = b.search(collapsed.model_copy(update={"offset": 2}))
    assert [(h.id, h.also_published_by) for h in paged.hits] == [
        (h.id, h.also_published_by) for h in fresh.hits
    ]
    assert sum(len(h.also_published_by) for h in first.hits) == 3


def test_the_same_query_again_is_matched_once_until_a_write(
    backend: SqliteBackend, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reload or another page size reuses the matching set (bm25 of every match is
    the cost of a broad text query at a million articles); any write ends that."""
    from search.sqlite_match import Matcher

    calls: list[SearchQuery] = []
    match = Matcher.match

    def counted(self: Matcher, query: SearchQuery, *, scored: bool) -> object:
        calls.append(query)
        return match(self, query, scored=scored)

    monkeypatch.setattr(Matcher, "match", counted)
    first = backend.search(SearchQuery(text="suara"))
    again = backend.search(SearchQuery(text="suara", limit=3, histogram="day"))
    assert len(calls) == 1 and [h.id for h in again.hits] == [h.id for h in first.hits][:3]
    other = SqliteBackend(tmp_path / "index.sqlite3")
    other.ensure()
    other.upsert([article(402, "Suara lagi", "Suara.", day=22)])
    other.close()
    assert backend.search(SearchQuery(text="suara")).total == 7 and len(calls) == 2


def test_offices_taking_turns_reuse_their_sets_and_counts(
    backend: SqliteBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two offices' searches in turn are each matched and counted once until a write,
    and the counts handed out are copies (a caller changing them changes nothing kept)."""
    from search.sqlite_columns import Columns

    counted: list[int] = []
    count_codes = Columns.count_codes

    def spy(self: Columns, rids: object) -> object:
        counted.append(1)
        return count_codes(self, rids)  # type: ignore[arg-type]

    monkeypatch.setattr(Columns, "count_codes", spy)
    ours = SearchQuery(text="suara", scope=("31",), histogram="day")
    theirs = SearchQuery(text="suara", scope=("32",), histogram="day")
    first = backend.search(ours)
    first.facets["sources"].clear()
    for _ in range(3):
        assert backend.search(ours).facets == backend.search(ours).facets
        backend.search(theirs)
    assert len(counted) == 2 and backend.search(ours).facets["sources"]
    backend.upsert([article(403, "Suara kota", "Suara.", day=23)])
    assert backend.search(ours).total == 7 and len(counted) == 3


def test_a_trend_again_is_counted_once_until_a_write(
    backend: SqliteBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    import search.sqlite_search as sqlite_search
    from search.query import TrendQuery
    from search.sqlite_trends import trend_series as series

    calls: list[int] = []

    def spy(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return series(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite_search, "trend_series", spy)
    weekly = TrendQuery(query=SearchQuery(text="suara"), interval="week", split="source")
    first = backend.trends(weekly)
    assert backend.trends(weekly).series == first.series and len(calls) == 1
    backend.trends(weekly.model_copy(update={"interval": "day"}))
    assert len(calls) == 2
    backend.upsert([article(404, "Suara pekan", "Suara.", day=24)])
    assert backend.trends(weekly).series[0].total == first.series[0].total + 1
    assert len(calls) == 3
