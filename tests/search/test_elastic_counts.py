"""Elasticsearch counts facets and the histogram in a request of their own: its errors show."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from search.backend import BackendError
from search.query import SearchQuery
from tests.search.fixtures import MORE, open_backend

pytestmark = pytest.mark.elasticsearch


def test_a_refused_count_request_is_a_clear_error(
    es_url: str, tmp_path: Path, unique: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_backend("elasticsearch", tmp_path, unique, MORE, es_url) as backend:
        fine = backend.search(SearchQuery(histogram="day"))
        assert fine.total == len(MORE) and fine.facets["sources"] and fine.histogram

        def broken(size: int) -> dict[str, Any]:
            return {"sources": {"terms": {"field": "source", "size": -1}}}

        monkeypatch.setattr("search.elastic.facet_aggs", broken)
        with pytest.raises(BackendError, match="query refused by Elasticsearch"):
            backend.search(SearchQuery())
        assert backend.search(SearchQuery(facet_size=0)).total == len(MORE)  # hits alone
