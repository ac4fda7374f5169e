"""`format=` on /api/search and /api/trends, both engines: every page streamed, in the OpenAPI."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient

from search.api import create_app
from tests.search.fixtures import MORE, open_backend

KINDS = ["sqlite", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)]


@pytest.fixture(params=KINDS)
def client(request: pytest.FixtureRequest, tmp_path: Path, unique: str) -> Iterator[TestClient]:
    es_url = request.getfixturevalue("es_url") if request.param == "elasticsearch" else ""
    with open_backend(request.param, tmp_path, unique, MORE, es_url) as backend:
        yield TestClient(create_app(backend, export_rows=4), raise_server_exceptions=False)


def test_search_format_streams_every_page_not_just_one(client: TestClient) -> None:
    params = {"q": "kampanye OR baliho", "sort": "date", "limit": 1}
    page = client.get("/api/search", params=params).json()
    answer = client.get("/api/search", params={**params, "format": "csv"})
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert answer.headers["content-disposition"].startswith('attachment; filename="pantau-cari-')
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert [r["id"] for r in rows] == [
        h["id"] for h in client.get("/api/search", params={**params, "limit": 50}).json()["hits"]
    ]
    assert len(rows) == page["total"] == int(answer.headers["x-pantau-rows"]) > 1
    assert "x-pantau-notice" not in answer.headers


def test_search_format_json_is_json_lines_and_the_cap_says_so(client: TestClient) -> None:
    answer = client.get("/api/search", params={"format": "json"})
    assert answer.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in answer.text.splitlines()]
    assert len(lines) == 4 + 1  # capped at 4 of 6
    assert answer.headers["x-pantau-total"] == "6"
    assert lines[-1] == {"notice": answer.headers["x-pantau-notice"]}
    assert "4 baris dari 6" in lines[-1]["notice"]


def test_trends_format_xlsx(client: TestClient) -> None:
    answer = client.get("/api/trends", params={"format": "xlsx", "by": "week", "split": "source"})
    assert answer.status_code == 200
    assert answer.headers["content-disposition"].endswith('.xlsx"')
    sheet = list(openpyxl.load_workbook(io.BytesIO(answer.content)).active.values)
    trend = client.get("/api/trends", params={"by": "week", "split": "source"}).json()
    assert list(sheet[0]) == ["date", *(s["name"] for s in trend["series"])]
    assert sum(r[1] for r in sheet[1:]) == trend["series"][0]["total"] == len(MORE)


def test_format_errors_are_400_and_absent_format_answers_json(client: TestClient) -> None:
    assert client.get("/api/search", params={"format": "pdf"}).status_code == 400
    bad = client.get("/api/search", params={"q": '"baliho', "format": "csv"})
    assert bad.status_code == 400 and bad.json()["error"] == "bad_query"
    assert client.get("/api/search").headers["content-type"] == "application/json"


def test_openapi_documents_format_and_the_download_types(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/search", "/api/trends"):
        get = spec["paths"][path]["get"]
        assert "format" in {p["name"] for p in get["parameters"]}
        assert {"text/csv", "application/x-ndjson", "application/json"} <= set(
            get["responses"]["200"]["content"]
        )
