"""Search histogram contract: the same buckets from SqliteBackend and the real Elasticsearch."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from pipeline.events import EnrichedArticle
from search.backend import SearchBackend
from search.histogram import next_bucket
from search.query import SearchQuery, parse_when
from tests.conftest import ES_URL, enriched, raw_article, require_service
from tests.search.fixtures import open_backend


def _doc(n: int, when: datetime | None, text: str, topic: str | None) -> EnrichedArticle:
    raw = raw_article(n, title=f"Berita {text} {n}", body=f"Warga membahas {text} hari ini.")
    raw = raw.model_copy(update={"published_at": when})
    return enriched(raw, topics={topic: 0.8} if topic else None)


DOCS = [
    _doc(401, datetime(2024, 1, 15, 10, tzinfo=UTC), "kampanye", "kampanye"),
    # Sunday 31 March in UTC, Monday 1 April in WIB: another day, week and month
    _doc(402, datetime(2024, 3, 31, 18, tzinfo=UTC), "kampanye", "kampanye"),
    _doc(403, datetime(2024, 4, 2, 3, tzinfo=UTC), "kampanye", None),
    _doc(404, datetime(2024, 4, 2, 5, tzinfo=UTC), "banjir", None),
    _doc(405, datetime(2025, 2, 10, tzinfo=UTC), "kampanye", "kampanye"),
    _doc(406, None, "kampanye", "kampanye"),  # no date: a hit, in no bucket
]
KINDS = ["sqlite", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)]


@pytest.fixture(scope="module", params=KINDS)
def dated(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SearchBackend]:
    """One index per engine for the module: the tests only read."""
    es_url = ""
    if request.param == "elasticsearch":
        require_service("Elasticsearch", ES_URL.split("//", 1)[-1])
        es_url = ES_URL
    folder = tmp_path_factory.mktemp("histogram")
    with open_backend(request.param, folder, uuid.uuid4().hex[:10], DOCS, es_url) as b:
        yield b


def _query(zone: str = "Asia/Jakarta", since: str = "", until: str = "", **kw: object):
    return SearchQuery(
        since=parse_when(since, timezone=zone) if since else None,
        until=parse_when(until, timezone=zone, whole_day=True) if until else None,
        timezone=zone,
        **kw,  # type: ignore[arg-type]
    )


def _buckets(backend: SearchBackend, query: SearchQuery) -> tuple[str, dict[str, int]]:
    found = backend.search(query).histogram
    assert found is not None and found.timezone == query.timezone
    dates = [b.date for b in found.buckets]
    assert dates == sorted(dates)  # oldest first, each bucket once
    return found.interval, {b.date: b.count for b in found.buckets}


def _ends(buckets: dict[str, int]) -> tuple[str, str, int]:
    """First and last bucket, and how many."""
    keys = sorted(buckets)
    return keys[0], keys[-1], len(keys)


def test_no_histogram_unless_asked(dated: SearchBackend) -> None:
    assert dated.search(SearchQuery()).histogram is None


def test_days_are_the_query_zones_days_and_empty_days_show(dated: SearchBackend) -> None:
    days = {"since": "2024-03-31", "until": "2024-04-02", "histogram": "auto"}
    wib = {"2024-03-31": 0, "2024-04-01": 1, "2024-04-02": 2}
    assert _buckets(dated, _query(**days)) == ("day", wib)  # type: ignore[arg-type]
    utc = {"2024-03-31": 1, "2024-04-01": 0, "2024-04-02": 2}
    assert _buckets(dated, _query("UTC", **days)) == ("day", utc)  # type: ignore[arg-type]


def test_weeks_start_on_the_local_monday(dated: SearchBackend) -> None:
    weeks = {"since": "2024-03-25", "until": "2024-04-14", "histogram": "week"}
    wib = {"2024-03-25": 0, "2024-04-01": 3, "2024-04-08": 0}
    assert _buckets(dated, _query(**weeks)) == ("week", wib)  # type: ignore[arg-type]
    utc = {"2024-03-25": 1, "2024-04-01": 2, "2024-04-08": 0}
    assert _buckets(dated, _query("UTC", **weeks)) == ("week", utc)  # type: ignore[arg-type]


def test_auto_takes_months_over_a_year_of_found_days(dated: SearchBackend) -> None:
    interval, months = _buckets(dated, _query(histogram="auto"))
    assert interval == "month"
    assert _ends(months) == ("2024-01-01", "2025-02-01", 14)
    assert {m: n for m, n in months.items() if n} == {
        "2024-01-01": 1,
        "2024-04-01": 3,
        "2025-02-01": 1,
    }
    _, utc = _buckets(dated, _query("UTC", histogram="auto"))
    assert {m: n for m, n in utc.items() if n} == {
        "2024-01-01": 1,
        "2024-03-01": 1,
        "2024-04-01": 2,
        "2025-02-01": 1,
    }


def test_auto_takes_weeks_for_half_a_year_and_clips_far_bounds(dated: SearchBackend) -> None:
    interval, weeks = _buckets(
        dated, _query(since="2024-01-01", until="2024-06-30", histogram="auto")
    )
    assert interval == "week"
    assert _ends(weeks) == ("2024-01-01", "2024-06-24", 26)
    assert sum(weeks.values()) == 4
    # since 1990: 35 years of empty months would say nothing; the found days bound it
    _, months = _buckets(dated, _query(since="1990-01-01", histogram="month"))
    assert _ends(months) == ("2024-01-01", "2025-02-01", 14)


def test_histogram_counts_the_filtered_set(dated: SearchBackend) -> None:
    query = _query(text="kampanye", topics=["kampanye"], histogram="month")
    result = dated.search(query)
    assert result.total == 4  # the article without a date is a hit, in no bucket
    assert result.histogram is not None
    assert {b.date: b.count for b in result.histogram.buckets if b.count} == {
        "2024-01-01": 1,
        "2024-04-01": 1,
        "2025-02-01": 1,
    }
    nothing = _query(text="tidakada", since="2024-04-01", until="2024-04-02", histogram="auto")
    assert _buckets(dated, nothing) == ("day", {"2024-04-01": 0, "2024-04-02": 0})
    assert _buckets(dated, _query(text="tidakada", histogram="auto")) == ("day", {})


@pytest.mark.parametrize("zone", ["Asia/Jakarta", "Asia/Jayapura", "UTC"])
def test_a_buckets_span_finds_its_count(dated: SearchBackend, zone: str) -> None:
    """What a bar's link asks (its bucket's local midnights) finds as many as it counts."""
    found = dated.search(_query(zone, histogram="month")).histogram
    assert found is not None
    for bucket in found.buckets:
        start = date.fromisoformat(bucket.date)
        since, until = (
            datetime(d.year, d.month, d.day, tzinfo=ZoneInfo(zone))
            for d in (start, next_bucket(start, "month"))
        )
        assert dated.search(SearchQuery(since=since, until=until)).total == bucket.count


def test_paging_on_without_the_histogram_keeps_the_cursor(dated: SearchBackend) -> None:
    first = dated.search(SearchQuery(sort="date", limit=2, histogram="auto"))
    assert first.next_cursor is not None
    nxt = SearchQuery(sort="date", limit=2, cursor=first.next_cursor)
    assert len(dated.search(nxt).hits) == 2
