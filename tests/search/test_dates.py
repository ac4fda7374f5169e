"""Dates as people write them, and election stages as date filters (`during`)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from pantau.cli import app
from search.api import create_app
from search.query import QuerySyntaxError, SearchQuery, parse_when
from search.sqlite import SqliteBackend
from tests.search.fixtures import MORE

NOW = datetime(2024, 12, 6, 9, 30, tzinfo=UTC)  # 6 Dec 2024 16:30 WIB


def wib(day: int, month: int = 11, hour: int = 0) -> datetime:
    """Midnight (or `hour`) WIB of a 2024 day, in UTC."""
    return datetime(2024, month, day, hour, tzinfo=ZoneInfo("Asia/Jakarta")).astimezone(UTC)


@pytest.mark.parametrize(
    ("text", "since", "until"),
    [
        ("1 Nov 2024", wib(1), wib(2)),
        ("1 November 2024", wib(1), wib(2)),
        ("1 Desember 2024", wib(1, 12), wib(2, 12)),
        ("30/11/2024", wib(30), wib(1, 12)),
        ("November 2024", wib(1), wib(1, 12)),  # a month: all of it as an "until"
        ("kemarin", wib(5, 12), wib(6, 12)),
        ("hari ini", wib(6, 12), wib(7, 12)),
        ("Hari Ini", wib(6, 12), wib(7, 12)),
        ("yesterday", wib(5, 12), wib(6, 12)),
        ("30 Nov 2024 14:00", wib(30, 11, 14), wib(30, 11, 14)),  # a time is taken as given
        ("2024-11-30", wib(30), wib(1, 12)),
    ],
)
def test_human_dates_are_whole_days_in_the_zone(
    text: str, since: datetime, until: datetime
) -> None:
    assert parse_when(text, now=NOW) == since
    assert parse_when(text, now=NOW, whole_day=True) == until


@pytest.mark.parametrize("text", ["7d", "7hari", "7 hari", "7 HARI", "168 jam", "1 minggu", "1w"])
def test_ages_in_either_language_are_exact(text: str) -> None:
    assert parse_when(text, now=NOW) == datetime(2024, 11, 29, 9, 30, tzinfo=UTC)


def test_human_dates_follow_the_zone() -> None:
    assert parse_when("1 Nov 2024", timezone="Asia/Makassar") == datetime(
        2024, 10, 31, 16, tzinfo=UTC
    )
    assert parse_when("1 Nov 2024", timezone="UTC") == datetime(2024, 11, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    ["kampanye", "1 Nov", "30 Feb 2024", "13/13/2024", "sebentar lagi", "99", "7x", "x" * 200],
)
def test_what_is_not_a_date_is_an_indonesian_error_with_help(text: str) -> None:
    with pytest.raises(QuerySyntaxError) as info:
        parse_when(text, now=NOW)
    assert "tidak dapat dibaca sebagai tanggal" in info.value.indonesian
    assert "30 Nov 2024" in info.value.help and "7 hari" in info.value.help


@pytest.mark.parametrize(
    ("params", "since", "until"),
    [
        ({"during": "masa_tenang"}, wib(24), wib(27)),
        ({"during": "pilkada2024:masa_tenang"}, wib(24), wib(27)),
        ({"during": " MASA_TENANG "}, wib(24), wib(27)),
        ({"during": "masa_tenang", "since": "25 Nov 2024"}, wib(25), wib(27)),  # both hold
        ({"during": "masa_tenang", "until": "2024-11-24"}, wib(24), wib(25)),
        (
            {"during": "masa_kampanye", "since": "2024-01-01", "until": "2025-12-31"},
            wib(25, 9),
            wib(24),
        ),
    ],
)
def test_during_is_the_stage_intersected_with_the_dates(
    params: dict[str, str], since: datetime, until: datetime
) -> None:
    query = SearchQuery.from_params(filters={}, **params)
    assert (query.since, query.until) == (since, until)


def test_during_reads_the_stage_days_in_the_zone() -> None:
    query = SearchQuery.from_params(filters={}, during="masa_tenang", timezone="Asia/Jayapura")
    assert query.since == datetime(2024, 11, 23, 15, tzinfo=UTC)  # 24 Nov 00:00 WIT


def test_an_unknown_stage_names_the_known_ones() -> None:
    with pytest.raises(QuerySyntaxError) as info:
        SearchQuery.from_params(filters={}, during="masa_bebas")
    assert "tahapan pemilihan 'masa_bebas' tidak dikenal" in info.value.indonesian
    assert "masa_tenang" in info.value.help and "pilkada2024:masa_tenang" in str(info.value)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture articles (December 2024) plus one in masa tenang."""
    data = tmp_path_factory.mktemp("during")
    index = SqliteBackend(data / "index.sqlite3")
    index.ensure()
    quiet = MORE[0].model_copy(
        update={"article": MORE[0].article.model_copy(update={"published_at": wib(25, 11, 3)})}
    )
    index.upsert([quiet, *MORE[1:]])
    index.close()
    return data


def _cli(data: Path, *args: str) -> Any:
    result = CliRunner().invoke(app, [*args, "--format", "json", "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_cli_search_and_trends_take_during(data_dir: Path) -> None:
    found = _cli(data_dir, "search", "--during", "masa_tenang")
    assert [h["id"] for h in found["hits"]] == [MORE[0].id]
    [series] = _cli(data_dir, "trends", "--during", "masa_tenang")["series"]
    assert series["total"] == 1 and [p["date"] for p in series["points"]] == ["2024-11-25"]
    bad = CliRunner().invoke(app, ["search", "--during", "x", "--data-dir", str(data_dir)])
    assert bad.exit_code != 0 and "unknown election stage" in bad.output


def test_api_search_and_trends_take_during(data_dir: Path) -> None:
    client = TestClient(create_app(SqliteBackend(data_dir / "index.sqlite3")))
    body = client.get("/api/search", params={"during": "masa_tenang"}).json()
    assert [h["id"] for h in body["hits"]] == [MORE[0].id]
    trend = client.get("/api/trends", params={"during": "masa_kampanye"}).json()
    assert trend["series"][0]["total"] == 0
    bad = client.get("/api/search", params={"during": "masa_bebas", "q": "x"})
    assert bad.status_code == 400
    assert bad.json()["pesan"] == "tahapan pemilihan 'masa_bebas' tidak dikenal."
    assert "masa_tenang" in bad.json()["bantuan"]
    params = client.get("/openapi.json").json()["paths"]["/api/trends"]["get"]["parameters"]
    during = next(p for p in params if p["name"] == "during")
    assert "masa_tenang" in during["description"] and "intersection" in during["description"]


def test_api_syntax_errors_carry_the_indonesian_message_and_position(data_dir: Path) -> None:
    client = TestClient(create_app(SqliteBackend(data_dir / "index.sqlite3")))
    body = client.get("/api/search", params={"q": "netral (kampanye"}).json()
    assert body["error"] == "bad_query" and body["detail"]
    assert body["pesan"].startswith("Pada karakter 8: tanda kurung buka (")
    assert "Contoh:" in body["bantuan"]
    limit = client.get("/api/search", params={"limit": "banyak"}).json()
    assert limit["error"] == "bad_request" and limit["pesan"] == "Nilai limit tidak dapat dipakai."
