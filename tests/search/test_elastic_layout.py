"""Elasticsearch index layout 2 (sorted by date, slimmer `_source`) and the way from 1."""

from __future__ import annotations

import copy
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from elasticsearch import helpers

from search.elastic import ElasticsearchBackend
from search.elastic_query import ANALYSIS, LAYOUT, MAPPINGS, stored_event, to_document
from search.query import SearchQuery
from search.sqlite import SqliteBackend
from tests.search.fixtures import MORE, open_backend


def test_a_document_holds_its_event_once_and_gives_it_back_whole() -> None:
    for doc in MORE:
        document = to_document(doc)
        assert "title" not in document["doc"]["article"]
        assert "body" not in document["doc"]["article"]
        assert stored_event(document) == doc
        # layout 1 kept the whole event in `doc`: read the same
        assert stored_event({**document, "doc": doc.model_dump(mode="json")}) == doc


@pytest.fixture
def old(es_url: str, unique: str) -> Iterator[ElasticsearchBackend]:
    """An alias serving an index made as layout 1 made them: no `_meta`, whole `_source`,
    unsorted, the whole event in `doc`."""
    alias = f"test-layout-{unique}"
    backend = ElasticsearchBackend(es_url, alias=alias, refresh=True)
    mappings = {k: v for k, v in copy.deepcopy(MAPPINGS).items() if k not in {"_meta", "_source"}}
    settings = {"number_of_shards": 1, "number_of_replicas": 0, "analysis": ANALYSIS}
    backend.es.indices.create(index=f"{alias}-v1", settings=settings, mappings=mappings)
    backend.es.indices.put_alias(index=f"{alias}-v1", name=alias)
    whole = ({**to_document(d), "doc": d.model_dump(mode="json")} for d in MORE)
    actions = ({"_index": alias, "_id": d["id"], "_source": d} for d in whole)
    helpers.bulk(backend.es, actions, refresh="wait_for")
    try:
        yield backend
    finally:
        backend.es.indices.delete(index=f"{alias}-v*")
        backend.close()


def _source(backend: ElasticsearchBackend, doc_id: str) -> dict[str, Any]:
    found: dict[str, Any] = backend.es.get(index=backend.alias, id=doc_id)["_source"]
    return found


@pytest.mark.elasticsearch
def test_an_old_layout_keeps_serving_says_what_to_do_and_reindex_moves_it(
    old: ElasticsearchBackend, caplog: pytest.LogCaptureFixture
) -> None:
    newest = SearchQuery(sort="date", limit=50, facet_size=0)
    with caplog.at_level(logging.WARNING, logger="search.elastic"):
        old.ensure()
    assert old.layout() == 1
    assert "pantau reindex" in caplog.text and f"layout {LAYOUT}" in caplog.text
    assert not old.es.indices.exists(index=f"{old.alias}-v2")  # nothing made beside it
    before = old.search(newest)
    assert before.total == len(MORE)
    events = {d.id: old.get(d.id) for d in MORE}
    assert events == {d.id: d for d in MORE}

    seen: list[int] = []
    old.reindex(batch=4, counted=seen.append)  # what `pantau reindex` shows as progress
    assert sum(seen) == len(MORE) and len(seen) > 1
    assert old.current_index() == f"{old.alias}-v2" and old.layout() == LAYOUT
    assert old.outdated() is None
    settings = old.es.indices.get_settings(index=old.index)[old.index]["settings"]["index"]
    assert settings["sort"]["field"] == ["published_at", "id"]
    assert "refresh_interval" not in settings  # the copy's bulk setting is undone
    source = _source(old, MORE[0].id)
    assert "body_stems" not in source and "title_stems" not in source
    assert "body" not in source["doc"]["article"] and source["body"] == MORE[0].article.body
    assert {d.id: old.get(d.id) for d in MORE} == events
    after = old.search(newest)
    assert [h.id for h in after.hits] == [h.id for h in before.hits]
    assert after.hits == before.hits
    stems = old.search(SearchQuery(text="menertibkan", facet_size=0))
    assert stems.total == 3  # the stems are still indexed, only not stored


@pytest.mark.elasticsearch
def test_a_new_index_is_made_with_this_layout(es_url: str, unique: str) -> None:
    backend = ElasticsearchBackend(es_url, alias=f"test-layout-{unique}", refresh=True)
    try:
        backend.ensure()
        backend.upsert(MORE)
        assert backend.layout() == LAYOUT and backend.outdated() is None
        dated = [d for d in MORE if d.article.published_at]
        hits = backend.search(SearchQuery(sort="date", limit=50, facet_size=0)).hits
        assert [h.id for h in hits][: len(dated)] == [
            d.id
            for d in sorted(dated, key=lambda d: (-d.article.published_at.timestamp(), d.id))  # type: ignore[union-attr]
        ]
    finally:
        backend.es.indices.delete(index=f"{backend.alias}-v*")
        backend.close()


def test_sqlite_reindex_reports_progress(tmp_path: Path) -> None:
    with open_backend("sqlite", tmp_path, "progress", MORE) as sqlite:
        assert isinstance(sqlite, SqliteBackend)
        seen: list[int] = []
        assert sqlite.reindex(batch=4, counted=seen.append) == len(MORE) == sum(seen)
        assert len(seen) > 1
