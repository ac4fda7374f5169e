"""Elasticsearch's scan: a point in time read in slices side by side, merged in order."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import search.elastic_scan
from pipeline.events import EnrichedArticle
from search.elastic import ElasticsearchBackend
from search.query import SearchQuery
from search.scan import chained
from tests.search.fixtures import article, open_backend

pytestmark = pytest.mark.elasticsearch

WORDS = ("kampanye", "camat", "baliho", "netralitas")


def _articles() -> list[EnrichedArticle]:
    """Forty articles: many on the same hour (ties broken by id), several undated, and
    texts that score differently."""
    docs = []
    for n in range(40):
        text = " ".join(WORDS[: 1 + n % 4]) + f" berita {n}"
        doc = article(300 + n, f"Judul {WORDS[n % 4]} {n}", text, day=1 + n % 5, hour=n % 3)
        if n % 9 == 0:
            undated = doc.article.model_copy(update={"published_at": None})
            doc = doc.model_copy(update={"article": undated})
        docs.append(doc)
    return docs


@pytest.fixture
def es(es_url: str, tmp_path: Path, unique: str) -> Iterator[ElasticsearchBackend]:
    with open_backend("elasticsearch", tmp_path, unique, _articles(), es_url) as b:
        assert isinstance(b, ElasticsearchBackend)
        yield b


def _ids(pages: Iterator[list]) -> list[str]:  # type: ignore[type-arg]
    return [h.id for page in pages for h in page]


@pytest.mark.parametrize(
    "query",
    [
        SearchQuery(sort="date", limit=3, facet_size=0),
        SearchQuery(text="kampanye", limit=3, facet_size=0),  # relevance, then date, then id
        SearchQuery(text="camat OR baliho", sort="date", limit=4, facet_size=0),
    ],
)
def test_slices_merge_into_the_order_of_one_chain(
    es: ElasticsearchBackend, query: SearchQuery
) -> None:
    one = chained(es.search, query, 1000)
    both = es.scan(query, 1000)
    assert both.total == one.total > 2 * query.limit
    assert _ids(both.pages) == _ids(one.pages)


def test_a_cap_ends_the_scan_and_frees_the_readers(es: ElasticsearchBackend) -> None:
    query = SearchQuery(sort="date", limit=3, facet_size=0)
    capped = es.scan(query, 7)
    pages = list(capped.pages)
    assert [len(p) for p in pages] == [3, 3, 1] and capped.total == 40
    assert _ids(iter(pages)) == _ids(chained(es.search, query, 7).pages)
    _readers_gone()


def test_a_download_left_early_stops_the_readers(es: ElasticsearchBackend) -> None:
    pages = es.scan(SearchQuery(sort="date", limit=2, facet_size=0), 1000).pages
    next(pages)
    pages.close()  # the client went away
    _readers_gone()


def test_an_engine_error_mid_scan_reaches_the_reader(
    es: ElasticsearchBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A slice whose request fails hands its error to the merge: the export ends
    incomplete with the cause instead of a file silently short."""
    calls: list[int] = []
    real = es._call

    def failing(fn: object, **kwargs: object) -> object:
        if "slice" in kwargs:
            calls.append(1)
            if len(calls) > 2:
                from search.backend import BackendError

                raise BackendError("Elasticsearch went away")
        return real(fn, **kwargs)

    monkeypatch.setattr(es, "_call", failing)
    scan = es.scan(SearchQuery(sort="date", limit=2, facet_size=0), 1000)
    with pytest.raises(Exception, match="went away"):
        _ids(scan.pages)
    _readers_gone()


def test_a_scan_reads_ahead_only_a_few_pages(
    es: ElasticsearchBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Memory stays flat: a reader waits once AHEAD pages are unread."""
    asked: list[int] = []
    real = es._call

    def counting(fn: object, **kwargs: object) -> object:
        if "slice" in kwargs:
            asked.append(1)
        return real(fn, **kwargs)

    monkeypatch.setattr(es, "_call", counting)
    pages = es.scan(SearchQuery(sort="date", limit=1, facet_size=0), 1000).pages
    next(pages)
    threading.Event().wait(0.5)  # give the readers time to run ahead as far as they may
    ahead = search.elastic_scan.AHEAD
    assert len(asked) <= search.elastic_scan.SLICES * (ahead + 2) < 40
    pages.close()
    _readers_gone()


def _readers_gone() -> None:
    for thread in threading.enumerate():
        if thread.name.startswith("pantau-scan-"):
            thread.join(timeout=5)
            assert not thread.is_alive()


def test_a_scan_never_read_starts_no_readers_and_idle_readers_give_up(
    es: ElasticsearchBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A download that never began (the client left before the first byte) leaves no
    thread behind; one whose reader stopped reading lets its readers go after IDLE."""
    query = SearchQuery(sort="date", limit=1, facet_size=0)
    es.scan(query, 1000)  # built, never read
    assert not [t for t in threading.enumerate() if t.name.startswith("pantau-scan-")]
    monkeypatch.setattr(search.elastic_scan, "IDLE", 0.4)
    pages = es.scan(query, 1000).pages
    next(pages)  # then nobody reads on
    _readers_gone()  # each gave up once its queue stayed full for IDLE
    pages.close()


def test_a_query_matching_nothing_scans_to_an_empty_end(es: ElasticsearchBackend) -> None:
    nothing = es.scan(SearchQuery(text="tidakadasamasekali", limit=2, facet_size=0), 1000)
    assert nothing.total == 0 and list(nothing.pages) == []
    _readers_gone()
