"""The HTTP API on both backends: answers, OpenAPI, and 400s (never 500s) for bad input."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from search.api import create_app
from search.filters import FACETS
from tests.search.fixtures import MORE, open_backend

KINDS = ["sqlite", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)]


@pytest.fixture(params=KINDS)
def client(request: pytest.FixtureRequest, tmp_path: Path, unique: str) -> Iterator[TestClient]:
    es_url = request.getfixturevalue("es_url") if request.param == "elasticsearch" else ""
    with open_backend(request.param, tmp_path, unique, MORE, es_url) as backend:
        yield TestClient(create_app(backend), raise_server_exceptions=False)


def test_search_returns_hits_facets_and_highlights(client: TestClient) -> None:
    resp = client.get("/api/search", params={"q": "penertiban", "sort": "date", "limit": 2})
    assert resp.status_code == 200
    body = resp.json()
    assert body["total"] == 3
    assert len(body["hits"]) == 2 and body["next_cursor"]
    assert "<mark>" in body["hits"][0]["snippet"]
    assert set(body["facets"]) == {spec.name for spec in FACETS}
    rest = client.get(
        "/api/search",
        params={"q": "penertiban", "sort": "date", "limit": 2, "cursor": body["next_cursor"]},
    ).json()
    assert len(rest["hits"]) == 1 and rest["next_cursor"] is None


def test_search_filters_and_collapse(client: TestClient) -> None:
    params: dict[str, str | list[str]] = {
        "region": "32.01",
        "role": ["official"],
        "collapse": "true",
    }
    body = client.get("/api/search", params=params).json()
    assert body["total"] == 2
    assert len(body["hits"]) == 1
    assert len(body["hits"][0]["also_published_by"]) == 1
    assert client.get("/api/search", params={"since": "36500d"}).json()["total"] == len(MORE)
    assert client.get("/api/search", params={"since": "1d"}).json()["total"] == 0


def test_trends_and_article(client: TestClient) -> None:
    body = client.get("/api/trends", params={"by": "week", "split": "topic", "top": 1}).json()
    assert [s["name"] for s in body["series"]] == ["all", "kampanye"]
    assert body["others"]["name"] == "lainnya" and body["folded"] == 1
    regions = client.get("/api/trends", params={"split": "region", "region": "32"}).json()
    assert [(s["name"], s["label"]) for s in regions["series"][1:]] == [
        ("32.01", "Kabupaten Bogor"),
        ("32.75", "Kota Bekasi"),
    ]
    assert regions["region_level"] == 2
    article_id = MORE[0].id
    got = client.get(f"/api/articles/{article_id}")
    assert got.status_code == 200 and got.json()["id"] == article_id
    assert client.get("/api/articles/" + "0" * 32).status_code == 404
    assert client.get("/api/articles/" + "x" * 5000).status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"q": '"unbalanced'},
        {"q": "*:*"},
        {"q": "x" * 10_000},
        {"q": "camat OR"},
        {"q": "(kampanye OR apk -hoaks"},
        {"q": "kampanye)"},
        {"q": "(" * 1000},
        {"since": "sebentar lagi"},  # "kemarin" is a date now
        {"during": "masa_bebas"},
        {"limit": "0"},
        {"limit": "lots"},
        {"sort": "random"},
        {"cursor": "garbage"},
        {"election_related": "maybe"},
        {"offset": "9995", "limit": "10"},
        {"role": "x" * 3000, "q": '"'},
    ],
)
def test_bad_input_is_a_400_with_a_message(client: TestClient, params: dict[str, str]) -> None:
    resp = client.get("/api/search", params=params)
    assert resp.status_code == 400, resp.text
    body = resp.json()
    assert body["error"] in ("bad_query", "bad_request") and body["detail"]
    assert "Traceback" not in resp.text


@pytest.mark.parametrize(
    "q",
    ['{"script": {"source": "x"}}', "نص ✓ 😀", "'; DROP TABLE articles; --", "\x00\x01", "-"],
)
def test_hostile_queries_never_500(client: TestClient, q: str) -> None:
    for path in ("/api/search", "/api/trends"):
        resp = client.get(path, params={"q": q})
        assert resp.status_code in (200, 400), resp.text


def test_trends_bad_split_is_400(client: TestClient) -> None:
    assert client.get("/api/trends", params={"split": "mood"}).status_code == 400


def test_time_zone_parameter(client: TestClient) -> None:
    assert client.get("/api/trends").json()["timezone"] == "Asia/Jakarta"
    assert client.get("/api/trends", params={"tz": "UTC"}).json()["timezone"] == "UTC"
    for tz in ("Mars/Olympus", "Europe/Berlin", "x" * 100):
        for path in ("/api/trends", "/api/search"):
            resp = client.get(path, params={"tz": tz, "since": "2024-12-01"})
            assert resp.status_code == 400, (path, tz, resp.text)
            assert "time zone" in resp.json()["detail"] or "64" in resp.json()["detail"]


def test_openapi_documents_the_endpoints(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/search", "/api/trends", "/api/articles/{article_id}"} <= set(spec["paths"])
    params = {p["name"] for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    assert {"q", "topic", "entity", "agency", "role", "region", "since", "cursor"} <= params
