"""`during` (an election stage) filters alike on both engines, its days in the query's zone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from search.backend import SearchBackend
from search.query import SearchQuery, TrendQuery
from tests.conftest import ES_URL, enriched, raw_article, require_service
from tests.search.fixtures import open_backend

KINDS = ["sqlite", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)]
AT = {
    "K": datetime(2024, 11, 23, 16, 30, tzinfo=UTC),  # 23 Nov 23:30 WIB: masa kampanye
    "T": datetime(2024, 11, 23, 17, 30, tzinfo=UTC),  # 24 Nov 00:30 WIB, 23 Nov in UTC
    "U": datetime(2024, 11, 26, 16, 30, tzinfo=UTC),  # 26 Nov 23:30 WIB: masa tenang
    "V": datetime(2024, 11, 26, 18, 0, tzinfo=UTC),  # 27 Nov 01:00 WIB: voting, 26 Nov UTC
}
DOCS = {k: enriched(raw_article(n, published_at=at)) for n, (k, at) in enumerate(AT.items())}
NAMES = {d.id: k for k, d in DOCS.items()}


@pytest.fixture(params=KINDS, scope="module")
def backend(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SearchBackend]:
    es_url = ""
    if request.param == "elasticsearch":
        require_service("Elasticsearch", ES_URL.split("//", 1)[-1])
        es_url = ES_URL
    tmp = tmp_path_factory.mktemp("during")
    with open_backend(request.param, tmp, f"during-{tmp.name}", list(DOCS.values()), es_url) as b:
        yield b


def found(backend: SearchBackend, **params: Any) -> str:
    query = SearchQuery.from_params(filters={}, limit=50, **params)
    return "".join(sorted(NAMES[h.id] for h in backend.search(query).hits))


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"during": "masa_tenang"}, "TU"),
        ({"during": "pilkada2024:masa_tenang"}, "TU"),
        ({"during": "masa_tenang", "timezone": "UTC"}, "UV"),  # the stage's days in UTC
        ({"during": "masa_kampanye"}, "K"),
        ({"during": "pemungutan_suara"}, "V"),
        ({"during": "masa_tenang", "since": "2024-11-25"}, "U"),  # both hold
        ({"during": "masa_tenang", "until": "24 Nov 2024"}, "T"),
        ({"during": "masa_tenang", "since": "2024-11-28"}, ""),  # nothing in both
    ],
)
def test_during_is_the_stage_in_the_zone_and_the_dates(
    backend: SearchBackend, params: dict[str, Any], expected: str
) -> None:
    assert found(backend, **params) == expected


def test_trends_of_a_stage_count_its_days(backend: SearchBackend) -> None:
    query = SearchQuery.from_params(filters={}, during="masa_tenang")
    [series] = backend.trends(TrendQuery(query=query)).series
    assert series.total == 2
    assert {p.date for p in series.points if p.count} == {"2024-11-24", "2024-11-26"}
