"""Search contract: the same cases on SqliteBackend and on the real Elasticsearch."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipeline.events import EnrichedArticle
from search.backend import SearchBackend
from search.query import QuerySyntaxError, SearchQuery, Sort, TrendQuery, parse_when
from tests.conftest import enriched, raw_article
from tests.search.fixtures import MORE, open_backend

DOCS = [
    enriched(
        raw_article(
            1,
            title="Bawaslu panggil camat yang tidak netral",
            body="Bawaslu Jakarta Utara memanggil seorang camat terkait netralitas ASN "
            "setelah foto kampanye beredar.",
            published_at=datetime(2024, 11, 1, 2, 0, tzinfo=UTC),
        ),
        topics={"netralitas_asn": 0.9, "kampanye": 0.4},
        entities=[("Bawaslu", "ORG"), ("Jakarta Utara", "GPE")],
    ),
    enriched(
        raw_article(
            2,
            title="KPU DKI tetapkan daftar pemilih tetap",
            body="Komisi Pemilihan Umum menetapkan DPT untuk Pilkada Jakarta.",
            published_at=datetime(2024, 11, 10, 2, 0, tzinfo=UTC),
            source="detik",
            host="news.detik.com",
        ),
        topics={"daftar_pemilih": 0.8},
        entities=[("KPU", "ORG")],
    ),
    enriched(
        raw_article(
            3,
            title="Politik uang jelang pencoblosan",
            body="Bawaslu menerima laporan dugaan politik uang di Jakarta Timur.",
            published_at=datetime(2024, 11, 20, 2, 0, tzinfo=UTC),
        ),
        topics={"politik_uang": 0.7},
        entities=[("Bawaslu", "ORG")],
    ),
    enriched(
        raw_article(
            4,
            title="Harga cabai naik di pasar",
            body="Pedagang pasar mengeluhkan harga cabai yang naik.",
            published_at=datetime(2024, 11, 21, 2, 0, tzinfo=UTC),
        ),
        election_related=False,
    ),
]


KINDS = ["sqlite", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)]


def _open(request: pytest.FixtureRequest, tmp_path: Path, unique: str, docs: list[EnrichedArticle]):
    es_url = request.getfixturevalue("es_url") if request.param == "elasticsearch" else ""
    return open_backend(request.param, tmp_path, unique, docs, es_url)


@pytest.fixture(params=KINDS)
def backend(request: pytest.FixtureRequest, tmp_path: Path, unique: str) -> Iterator[SearchBackend]:
    with _open(request, tmp_path, unique, DOCS) as b:
        yield b


@pytest.fixture(params=KINDS)
def rich(request: pytest.FixtureRequest, tmp_path: Path, unique: str) -> Iterator[SearchBackend]:
    """The December articles: stemming trio, roles, regions, a syndicated pair."""
    with _open(request, tmp_path, unique, MORE) as b:
        yield b


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
        "netralitas_asn": 1,
        "kampanye": 1,
        "politik_uang": 1,
    }
    assert {f.value: f.count for f in result.facets["entities"]}["Bawaslu"] == 2


def test_hits_carry_snippet_topics_and_get_returns_event(backend: SearchBackend) -> None:
    hit = backend.search(SearchQuery(text="camat")).hits[0]
    assert "camat" in hit.snippet.lower()
    assert hit.topics[0] == "netralitas_asn"
    assert backend.get(hit.id) == DOCS[0]
    assert backend.get("0" * 32) is None


def ids_of(backend: SearchBackend, **kw: object) -> set[str]:
    return set(ids(backend, limit=100, **kw))


M = {n: MORE[n - 101].id for n in range(101, 107)}


@pytest.mark.parametrize("text", ["penertiban", "ditertibkan", "menertibkan", "tertib"])
def test_indonesian_forms_of_one_root_meet(rich: SearchBackend, text: str) -> None:
    assert ids_of(rich, text=text) == {M[101], M[102], M[103]}


def test_highlights_mark_every_form_in_title_and_body(rich: SearchBackend) -> None:
    hits = {h.id: h for h in rich.search(SearchQuery(text="penertiban")).hits}
    assert "<mark>ditertibkan</mark>" in hits[M[102]].title_highlight
    assert "<mark>ditertibkan</mark>" in hits[M[102]].snippet
    assert "<mark>Penertiban</mark>" in hits[M[101]].snippet
    assert "<mark>menertibkan</mark>" in hits[M[103]].title_highlight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("baliho OR spanduk", {102, 103}),
        ("baliho OR spanduk -pohon", {102}),
        ("spand*", {103}),
        ("kampa* bupati", {104, 105}),
        ('"calon bupati"', {103, 104, 105}),
        ('"bupati calon"', set()),
        ("title:camat", {104, 105}),
        ("title:kampanye", {104, 105}),
        ("source:detik", {102}),
        ("source:DETIK OR source:tribun", {102, 105}),
        ("-source:antara", {102, 105}),
        ('entity:"satpol pp"', {101}),
        ("topic:netralitas_asn", {104, 105}),
        ("region:32", {102, 103, 104, 105}),
        ("region:32.01 -calon", set()),
        ('region:"Kota Bekasi"', {102}),
        # an article with no region is in no region, so "not in 32" keeps it
        ("-region:32", {101, 106}),
        ("-region:32.01 -harga", {101, 102}),
        ("camat OR source:detik", {101, 102, 104, 105}),  # Kecamatan -> camat
    ],
)
def test_query_syntax(rich: SearchBackend, text: str, expected: set[int]) -> None:
    assert ids_of(rich, text=text) == {M[n] for n in expected}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(baliho OR spanduk) -pohon", {102}),
        ("(baliho OR spanduk) (pohon OR bekasi)", {102, 103}),
        ('ditertibkan (baliho OR "calon bupati")', {102, 103}),
        ("(camat hadir) OR baliho", {102, 104, 105}),
        ("kampanye -(camat hadir)", {101}),
        ("-(baliho OR spanduk OR kampanye OR camat)", {106}),
        ("-(-baliho -spanduk)", {102, 103}),
        ("-(-harga)", {106}),
        ("(source:detik OR source:tribun) (baliho OR camat)", {102, 105}),
        ("spanduk OR (camat -source:tribun)", {101, 103, 104}),
        ("region:32 -(region:32.01 spanduk)", {102, 104, 105}),
        ("((((kampanye)))) (bupati OR (calon (pohon OR hadir)))", {104, 105}),
    ],
)
def test_parentheses_group(rich: SearchBackend, text: str, expected: set[int]) -> None:
    assert ids_of(rich, text=text) == {M[n] for n in expected}


def test_deepest_nesting_allowed_works(rich: SearchBackend) -> None:
    from search.syntax import MAX_DEPTH

    text = "bupati"
    for level in range(MAX_DEPTH):  # alternating AND / OR: every level a real bool query
        text = f"(kampanye -{text})" if level % 2 else f"(baliho OR {text})"
    assert ids_of(rich, text=text) == {M[104], M[105]}


def test_excluded_groups_are_not_highlighted(rich: SearchBackend) -> None:
    hits = rich.search(SearchQuery(text="(calon OR baliho) -(pohon spanduk) -lurah")).hits
    assert {h.id for h in hits} == {M[102], M[104], M[105]}
    assert all("<mark>" in h.title_highlight for h in hits)
    snippet = rich.search(SearchQuery(text="pasar -(beras cabai)")).hits[0].snippet
    assert "<mark>pasar</mark>" in snippet and "<mark>beras" not in snippet


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"roles": ["candidate"]}, {103}),
        ({"roles": ["official"]}, {104, 105}),
        ({"agencies": ["satpol pp"]}, {101}),
        ({"entities": ["Bawaslu", "Camat Cibinong"]}, {104, 105}),
        ({"regions": ["32.01"]}, {103, 104, 105}),
        ({"regions": ["Jakarta Utara", "32.75"]}, {101, 102}),
        ({"topics": ["kampanye"], "sources": ["antara"]}, {101, 103, 104}),
        ({"election_related": False}, {106}),
    ],
)
def test_filters_on_entities_roles_regions(
    rich: SearchBackend, filters: dict[str, object], expected: set[int]
) -> None:
    assert ids_of(rich, **filters) == {M[n] for n in expected}


def test_relative_dates() -> None:
    now = datetime(2024, 12, 12, 0, 0, tzinfo=UTC)
    assert parse_when("2d", now=now) == datetime(2024, 12, 10, tzinfo=UTC)
    assert parse_when("24h", now=now) == datetime(2024, 12, 11, tzinfo=UTC)
    assert parse_when("1w", now=now) == datetime(2024, 12, 5, tzinfo=UTC)


def test_relative_date_filter(rich: SearchBackend) -> None:
    since = parse_when("3d", now=datetime(2024, 12, 12, tzinfo=UTC))
    assert ids_of(rich, since=since) == {M[103], M[104], M[105], M[106]}


def test_facets_for_agencies_and_regions(rich: SearchBackend) -> None:
    facets = rich.search(SearchQuery(text="kampanye")).facets
    assert {f.value: f.count for f in facets["agencies"]} == {
        "Bawaslu": 2,
        "Satpol PP": 1,
    }
    regions = {f.value: (f.count, f.label) for f in facets["regions"]}
    assert regions == {  # a region counts its articles and those beneath it, as its link finds
        "32": (2, "Jawa Barat"),
        "32.01": (2, "Kabupaten Bogor"),
        "31": (1, "DKI Jakarta"),
        "31.72": (1, "Jakarta Utara"),
    }
    assert [f.value for f in facets["sources"]] == ["antara", "tribun"]


def test_syndicated_copies_collapse_into_one_hit(rich: SearchBackend) -> None:
    # "camat hadir", not "camat": the stem of Kecamatan is camat too
    plain = rich.search(SearchQuery(text="camat hadir"))
    assert {h.id for h in plain.hits} == {M[104], M[105]}
    folded = rich.search(SearchQuery(text="camat hadir", collapse=True, sort="date"))
    assert [h.id for h in folded.hits] == [M[105]]
    assert [(a.id, a.source) for a in folded.hits[0].also_published_by] == [(M[104], "antara")]


@pytest.mark.parametrize("sort", ["relevance", "date"])
@pytest.mark.parametrize("collapse", [False, True])
def test_cursor_walks_every_hit_once(rich: SearchBackend, sort: Sort, collapse: bool) -> None:
    full = ids(
        rich, text="kampanye OR beras OR baliho OR spanduk", sort=sort, collapse=collapse, limit=100
    )
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        page = rich.search(
            SearchQuery(
                text="kampanye OR beras OR baliho OR spanduk",
                sort=sort,
                collapse=collapse,
                limit=2,
                cursor=cursor,
            )
        )
        seen += [h.id for h in page.hits]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert seen == full
    assert len(full) == (5 if collapse else 6)


@pytest.fixture(params=KINDS)
def ties(request: pytest.FixtureRequest, tmp_path: Path, unique: str) -> Iterator[SearchBackend]:
    """Forty identical articles: ranking and dates tie, only the id orders them."""
    from tests.search.fixtures import article

    docs = [article(200 + i, "Rekap suara", "Rekapitulasi suara di kecamatan.") for i in range(40)]
    with _open(request, tmp_path, unique, docs) as b:
        yield b


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_deep_paging_with_ties_is_exact(ties: SearchBackend, sort: Sort) -> None:
    seen: list[str] = []
    cursor = None
    while True:
        page = ties.search(SearchQuery(text="suara", sort=sort, limit=7, cursor=cursor))
        seen += [h.id for h in page.hits]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 40
    assert seen == sorted(seen)


def test_cursor_of_another_query_is_refused(rich: SearchBackend) -> None:
    page = rich.search(SearchQuery(text="kampanye", limit=1))
    assert page.next_cursor
    with pytest.raises(QuerySyntaxError, match="another query"):
        rich.search(SearchQuery(text="camat", limit=1, cursor=page.next_cursor))
    with pytest.raises(QuerySyntaxError, match="invalid cursor"):
        rich.search(SearchQuery(text="kampanye", limit=1, cursor="not-a-cursor"))


def test_trends_per_day_split_by_source(rich: SearchBackend) -> None:
    result = rich.trends(TrendQuery(query=SearchQuery(topics=["kampanye"]), split="source"))
    everything = result.series[0]
    assert everything.name == "all" and everything.total == 5
    assert everything.points[0].date == "2024-12-02"
    assert len(everything.points) == 9  # 2..10 December, empty days included
    by_day = {p.date: p.count for p in everything.points}
    assert by_day["2024-12-10"] == 2 and by_day["2024-12-05"] == 0
    assert [(s.name, s.total) for s in result.series[1:]] == [
        ("antara", 3),
        ("detik", 1),
        ("tribun", 1),
    ]


@pytest.mark.parametrize(
    ("split", "first"), [("topic", ("kampanye", 5)), ("entity", ("Bawaslu", 2))]
)
def test_trends_per_week_split(rich: SearchBackend, split: str, first: tuple[str, int]) -> None:
    result = rich.trends(TrendQuery(interval="week", split=split, top=2))  # type: ignore[arg-type]
    assert [p.date for p in result.series[0].points] == ["2024-12-02", "2024-12-09"]
    assert [p.count for p in result.series[0].points] == [2, 4]
    assert (result.series[1].name, result.series[1].total) == first
    assert len(result.series) == 3


def test_reindex_keeps_every_article_searchable(rich: SearchBackend) -> None:
    before = ids(rich, text="penertiban", sort="date")
    assert rich.reindex() == len(MORE)
    assert rich.count() == len(MORE)
    assert ids(rich, text="penertiban", sort="date") == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"unbalanced', "unbalanced quote"),
        ("*:*", "unknown field"),
        ("https://antaranews.com", "unknown field"),
        ("OR camat", "OR needs a word"),
        ("camat OR", "OR needs a word"),
        ("camat OR -lurah", "cannot be part of an OR"),
        ("(kampanye OR apk -hoaks", "the \\( at character 1 is never closed"),
        ("kampanye OR apk) -hoaks", "the \\) at character 16 has no"),
        ("(" * 1000, "nest too deep"),
        ("-(camat -lurah) OR kampanye", "cannot be part of an OR"),
        ("a*", "at least 2 letters"),
        ("*", "at least 2 letters"),
        ("title:", "needs a value"),
        ("x" * 10_000, "limit is"),
        (" ".join(f"w{i}" for i in range(100)), "too many terms"),
    ],
)
def test_syntax_errors_say_what_is_wrong(backend: SearchBackend, text: str, message: str) -> None:
    with pytest.raises(QuerySyntaxError, match=message):
        backend.search(SearchQuery(text=text))


@pytest.mark.parametrize(
    "text",
    [
        '{"script": {"source": "ctx._source"}}',
        "a" * 300,
        "نص ✓ 😀",
        "-",
        "\\x00 \\u0000 ( ) [ ] { } ~ ^ / \\ < > ;",
        "Bawaslu AND NOT camat || lurah &&",
        "'; DROP TABLE articles; --",
        '"" "" ""',
        "NEAR(camat lurah) camat*",
    ],
)
def test_hostile_text_gives_a_sane_result(backend: SearchBackend, text: str) -> None:
    result = backend.search(SearchQuery(text=text))
    assert result.total >= 0
    assert backend.count() == 4


# 20:30 UTC is 03:30 WIB the next day: the day a Bawaslu office counts it on
NIGHT = [
    enriched(
        raw_article(
            n,
            title=f"Bawaslu awasi kampanye malam {n}",
            body="Pengawas memantau kampanye malam hari.",
            published_at=datetime(2024, 12, day, hour, 30, tzinfo=UTC),
        ),
        topics={"kampanye": 0.8},
    )
    for n, day, hour in [(301, 1, 20), (302, 2, 2), (303, 2, 16), (304, 8, 17)]
]


@pytest.fixture(params=KINDS)
def night(request: pytest.FixtureRequest, tmp_path: Path, unique: str) -> Iterator[SearchBackend]:
    with _open(request, tmp_path, unique, NIGHT) as b:
        yield b


def _days(backend: SearchBackend, **kw: object) -> dict[str, int]:
    result = backend.trends(TrendQuery(**kw))  # type: ignore[arg-type]
    assert result.timezone == kw.get("timezone", "Asia/Jakarta")
    return {p.date: p.count for p in result.series[0].points if p.count}


def test_trend_days_are_wib_days_unless_told(night: SearchBackend) -> None:
    assert _days(night) == {"2024-12-02": 3, "2024-12-09": 1}
    assert _days(night, timezone="UTC") == {"2024-12-01": 1, "2024-12-02": 2, "2024-12-08": 1}
    # WIT (UTC+9): 16:30 UTC is already 01:30 the next day
    wit = _days(night, timezone="Asia/Jayapura")
    assert wit == {"2024-12-02": 2, "2024-12-03": 1, "2024-12-09": 1}
    # weeks start on the local Monday: 8 Dec 17:30 UTC is Monday 9 Dec in WIB
    assert _days(night, interval="week") == {"2024-12-02": 3, "2024-12-09": 1}
    assert _days(night, interval="week", timezone="UTC") == {"2024-11-25": 1, "2024-12-02": 3}


def test_dates_without_offset_are_read_in_wib(night: SearchBackend) -> None:
    # since 2 December WIB starts at 1 December 17:00 UTC: the 20:30 UTC article is in
    assert parse_when("2024-12-02") == datetime(2024, 12, 1, 17, tzinfo=UTC)
    assert parse_when("2024-12-02", timezone="UTC") == datetime(2024, 12, 2, tzinfo=UTC)
    assert parse_when("2024-12-02T10:00+00:00") == datetime(2024, 12, 2, 10, tzinfo=UTC)
    wib = SearchQuery(since=parse_when("2024-12-02"), until=parse_when("2024-12-03"))
    assert night.search(wib).total == 3
    utc = SearchQuery(
        since=parse_when("2024-12-02", timezone="UTC"),
        until=parse_when("2024-12-03", timezone="UTC"),
    )
    assert night.search(utc).total == 2  # 1 Dec 20:30 UTC is out


@pytest.mark.parametrize(
    ("zone", "message"),
    [
        ("Mars/Olympus", "unknown time zone"),
        ("../../etc/passwd", "unknown time zone"),
        ("Europe/Berlin", "daylight saving"),
    ],
)
def test_bad_time_zones_are_clear_errors(zone: str, message: str) -> None:
    with pytest.raises(QuerySyntaxError, match=message):
        parse_when("2024-12-02", timezone=zone)
    with pytest.raises(ValueError, match=message):
        TrendQuery(timezone=zone)


@pytest.mark.parametrize(
    ("scope", "filters", "expected"),
    [
        (("31",), {}, {101}),  # a province sees its cities
        (("32.01",), {}, {103, 104, 105}),
        (("32",), {"regions": ["31.72"]}, set()),  # a region filter cannot widen the scope
        (("32.7",), {}, set()),  # a prefix is a whole code, not a string prefix of 32.75
        ((), {}, set()),  # no office: nothing
        (("31", "32.75"), {"text": "baliho OR penertiban"}, {101, 102}),
    ],
)
def test_scope_limits_hits_to_the_offices_regions(
    rich: SearchBackend, scope: tuple[str, ...], filters: dict[str, object], expected: set[int]
) -> None:
    assert ids_of(rich, scope=scope, **filters) == {M[n] for n in expected}


def test_scope_limits_facets_and_trends(rich: SearchBackend) -> None:
    facets = rich.search(SearchQuery(scope=("32",))).facets
    # the province counts its own articles and its kabupaten/kota's (a facet counts an
    # article for its region and that region's parents); nothing outside 32 shows
    assert {f.value for f in facets["regions"]} == {"32", "32.01", "32.75"}
    trend = rich.trends(TrendQuery(query=SearchQuery(scope=("32.75",))))
    assert trend.series[0].total == 1
