"""The same report from Elasticsearch as from SQLite: it reads only through SearchQuery."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from pantau.report.service import make_report
from tests.report.fixtures import ITEMS, OFFICE, doc
from tests.search.fixtures import open_backend

NOW = datetime(2024, 12, 2, tzinfo=UTC)


def _data(report: Any) -> dict[str, Any]:
    data: dict[str, Any] = report.model_dump(mode="json")
    for story in data["stories"]:
        story.pop("snippet")  # each engine's highlighter cuts its own passage
    return data


@pytest.mark.elasticsearch
@pytest.mark.parametrize(
    ("office", "kind", "day"),
    [
        (OFFICE, "daily", date(2024, 11, 25)),
        ("Bawaslu Provinsi DKI Jakarta", "weekly", date(2024, 11, 20)),
    ],
)
def test_elasticsearch_gives_the_same_report(
    backend, store, es_url, tmp_path, unique, office, kind, day
):
    with open_backend("elasticsearch", tmp_path, unique, [doc(i) for i in ITEMS], es_url) as es:
        on_es = make_report(es, store, office, kind, day, now=NOW)
    on_sqlite = make_report(backend, store, office, kind, day, now=NOW)
    assert on_es.current.articles > 0
    assert _data(on_es) == _data(on_sqlite)
