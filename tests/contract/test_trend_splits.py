"""Trend splits on both engines: regions by name at a level, and "lainnya" for every split."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from search.backend import SearchBackend
from search.query import SearchQuery, TrendQuery, TrendResult
from tests.conftest import ES_URL, require_service
from tests.search.fixtures import MORE, open_backend

BOGOR_BEKASI = [("32.01", "Kabupaten Bogor", 3), ("32.75", "Kota Bekasi", 1)]
NOT_BAWASLU = ["2024-12-02", "2024-12-03", "2024-12-09", "2024-12-11"]  # 101, 102, 103, 106
KINDS = ["sqlite", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)]


@pytest.fixture(params=KINDS, scope="module")
def rich(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SearchBackend]:
    """One index per engine for the module: the tests only read."""
    es_url = ""
    if request.param == "elasticsearch":
        require_service("Elasticsearch", ES_URL.split("//", 1)[-1])
        es_url = ES_URL
    folder, unique = tmp_path_factory.mktemp("trends"), uuid.uuid4().hex[:10]
    with open_backend(request.param, folder, unique, MORE, es_url) as b:
        yield b


def shown(result: TrendResult) -> list[tuple[str, str | None, int]]:
    return [(s.name, s.label, s.total) for s in result.series[1:]]


def days(result: TrendResult, which: int | None = None) -> dict[str, int]:
    found = result.others if which is None else result.series[which]
    assert found is not None
    return {p.date: p.count for p in found.points if p.count}


@pytest.mark.parametrize(
    ("query", "level", "expected", "others"),
    [
        # no region filter: provinces; the article without a region is one of the others
        (SearchQuery(), 1, [("32", "Jawa Barat", 4), ("31", "DKI Jakarta", 1)], 1),
        # beneath the region filtered on: its kabupaten/kota
        (
            SearchQuery(regions=["Jawa Barat"]),
            2,
            BOGOR_BEKASI,
            0,
        ),
        # beneath the office's region (the scope) when nothing is filtered on
        (SearchQuery(scope=("32",)), 2, BOGOR_BEKASI, 0),
    ],
)  # fmt: skip
def test_region_split_names_the_regions_at_a_level(
    rich: SearchBackend,
    query: SearchQuery,
    level: int,
    expected: list[tuple[str, str, int]],
    others: int,
) -> None:
    result = rich.trends(TrendQuery(query=query, split="region"))
    assert result.region_level == level
    assert shown(result) == expected
    assert result.others is not None and result.others.total == others
    assert result.folded == 0


@pytest.mark.parametrize(
    ("split", "first", "folded", "others"),
    [
        # one source an article: the others are the rest
        ("source", ("antara", 4), 2, {"2024-12-03": 1, "2024-12-10": 1}),
        # several topics an article: the others hold none of the shown ones (106 has none;
        # the netralitas_asn articles are kampanye too, so they are not among the others)
        ("topic", ("kampanye", 5), 1, {"2024-12-11": 1}),
        ("entity", ("Bawaslu", 2), 4, dict.fromkeys(NOT_BAWASLU, 1)),
        ("region", ("32", 4), 1, {"2024-12-02": 1, "2024-12-11": 1}),
    ],
)  # fmt: skip
def test_the_others_beyond_the_top_are_named_and_counted(
    rich: SearchBackend, split: str, first: tuple[str, int], folded: int, others: dict[str, int]
) -> None:
    result = rich.trends(TrendQuery(split=split, top=1))  # type: ignore[arg-type]
    assert [(s.name, s.total) for s in result.series[1:]] == [first]
    assert result.folded == folded
    assert result.others is not None and result.others.name == "lainnya"
    assert days(result) == others
    assert result.others.total == sum(others.values())
    # same buckets as "all": the chart and the table line up
    assert [p.date for p in result.others.points] == [p.date for p in result.series[0].points]


@pytest.mark.parametrize("split", ["source", "topic", "entity", "region"])
@pytest.mark.parametrize("top", [1, 2, 50])
def test_the_others_are_the_search_that_excludes_the_shown_values(
    rich: SearchBackend, split: str, top: int
) -> None:
    """What the "lainnya" link searches (`-topic:a -topic:b`) finds as many articles as
    the series counts, and no article of "all" is in no series."""
    result = rich.trends(TrendQuery(split=split, top=top))  # type: ignore[arg-type]
    assert result.others is not None
    excluded = " ".join(f'-{split}:"{s.name}"' for s in result.series[1:])
    assert rich.search(SearchQuery(text=excluded)).total == result.others.total
    everything = result.series[0]
    for i, point in enumerate(everything.points):
        held = sum(s.points[i].count for s in result.series[1:]) + result.others.points[i].count
        assert held >= point.count  # an article with two shown topics counts in both
    if split in ("source", "region"):  # one value an article: exactly the rest
        assert sum(s.total for s in result.series[1:]) + result.others.total == everything.total


def test_no_split_has_no_others(rich: SearchBackend) -> None:
    result = rich.trends(TrendQuery())
    assert result.others is None and result.folded == 0 and result.region_level is None
