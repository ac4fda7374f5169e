"""Filter semantics, one way on both engines: whole days, case, regions, honest facets."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from pipeline.events import EnrichedArticle, Region
from search.backend import SearchBackend
from search.filters import BY_NAME
from search.query import SearchQuery
from tests.conftest import ES_URL, enriched, raw_article, require_service
from tests.search.fixtures import open_backend

KINDS = ["sqlite", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)]
DKI = Region(code="31", name="DKI Jakarta", level="provinsi")
JAKUT = Region(code="31.72", name="Jakarta Utara", level="kota")
KAB_BOGOR = Region(code="32.01", name="Bogor", level="kabupaten")


def _doc(n: int, source: str, at: datetime, region: Region | None, **kw: Any) -> EnrichedArticle:
    doc = enriched(raw_article(n, source=source, published_at=at, title=f"Berita {n}"), **kw)
    return doc.model_copy(update={"region": region})


A = _doc(1, "antara", datetime(2024, 11, 30, 16, 0, tzinfo=UTC), JAKUT,  # 23:00 WIB, 30 Nov
         topics={"netralitas_asn": 0.9}, entities=[("Bawaslu", "ORG")])  # fmt: skip
B = _doc(2, "detik", datetime(2024, 11, 30, 17, 30, tzinfo=UTC), DKI)  # 00:30 WIB, 1 Dec
C = _doc(3, "antara", datetime(2024, 11, 29, 3, 0, tzinfo=UTC), KAB_BOGOR,
         topics={"kampanye": 0.8}, entities=[("KPU", "ORG")])  # fmt: skip
D = _doc(4, "tempo", datetime(2024, 11, 28, 3, 0, tzinfo=UTC), None)
DOCS = [A, B, C, D]
NAMES = {A.id: "A", B.id: "B", C.id: "C", D.id: "D"}


@pytest.fixture(params=KINDS, scope="module")
def backend(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SearchBackend]:
    es_url = ""
    if request.param == "elasticsearch":  # module-scoped: the service check done here
        require_service("Elasticsearch", ES_URL.split("//", 1)[-1])
        es_url = ES_URL
    tmp = tmp_path_factory.mktemp("semantics")
    with open_backend(request.param, tmp, f"semantics-{tmp.name}", DOCS, es_url) as b:
        yield b


def found(backend: SearchBackend, text: str = "", **params: Any) -> str:
    """The letters of the articles a user's parameters find, as the CLI/API/form read them."""
    since, until, tz = params.pop("since", None), params.pop("until", None), params.pop("tz", None)
    query = SearchQuery.from_params(
        text, filters=params, since=since, until=until, timezone=tz or "Asia/Jakarta", limit=50
    )
    return "".join(sorted(NAMES[h.id] for h in backend.search(query).hits))


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"until": "2024-11-30"}, "ACD"),  # the whole of 30 November (WIB), not its midnight
        ({"since": "2024-11-30", "until": "2024-11-30"}, "A"),
        ({"until": "2024-11-30", "tz": "UTC"}, "ABCD"),
        ({"until": "2024-11-30T23:00:00"}, "CD"),  # a time is taken as given
    ],
)
def test_a_date_only_until_covers_the_whole_day(
    backend: SearchBackend, params: dict[str, Any], expected: str
) -> None:
    assert found(backend, **params) == expected


@pytest.mark.parametrize(
    ("text", "params", "expected"),
    [
        ("", {"source": ["ANTARA"]}, "AC"),
        ("", {"source": ["Antara", "DETIK"]}, "ABC"),
        ("", {"topic": ["NETRALITAS_ASN"]}, "A"),
        ("", {"entity": ["bawaslu"]}, "A"),
        ("", {"agency": ["kpu"]}, "C"),
        ("source:ANTARA topic:Kampanye", {}, "C"),
    ],
)
def test_source_topic_entity_and_agency_ignore_case(
    backend: SearchBackend, text: str, params: dict[str, Any], expected: str
) -> None:
    assert found(backend, text, **params) == expected


@pytest.mark.parametrize(
    ("text", "params", "expected"),
    [
        ("", {"region": ["31"]}, "AB"),
        ("", {"region": ["DKI Jakarta"]}, "AB"),  # by name, with the cities beneath
        ("", {"region": ["dki jakarta"]}, "AB"),
        ("", {"region": ["Jakarta Utara"]}, "A"),
        ("", {"region": ["Kabupaten Bogor"]}, "C"),
        ("", {"region": ["Bogor"]}, "C"),  # the kabupaten or the kota
        ("", {"region": ["Jawa Barat"]}, "C"),
        ('region:"DKI Jakarta"', {}, "AB"),
        ("-region:31", {}, "CD"),
    ],
)
def test_a_region_by_name_or_code_includes_what_lies_beneath(
    backend: SearchBackend, text: str, params: dict[str, Any], expected: str
) -> None:
    assert found(backend, text, **params) == expected


def test_every_facet_count_is_what_its_link_finds(backend: SearchBackend) -> None:
    facets = backend.search(SearchQuery(limit=1)).facets
    assert {f.value: f.count for f in facets["regions"]} == {"31": 2, "31.72": 1, "32": 1,
                                                            "32.01": 1}  # fmt: skip
    for name, counts in facets.items():
        param = BY_NAME[name].param
        for facet in counts:
            total = backend.search(SearchQuery.from_params(filters={param: [facet.value]})).total
            assert total == facet.count, (name, facet.value)


def test_region_facets_are_named(backend: SearchBackend) -> None:
    labels = {f.value: f.label for f in backend.search(SearchQuery()).facets["regions"]}
    assert labels == {"31": "DKI Jakarta", "31.72": "Jakarta Utara", "32": "Jawa Barat",
                      "32.01": "Kabupaten Bogor"}  # fmt: skip
