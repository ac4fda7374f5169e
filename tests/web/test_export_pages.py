"""Downloads from the search and trends pages and the API: signed in, in scope, capped
with a notice the page shows first."""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape

import openpyxl
from fastapi.testclient import TestClient

from pantau.config import ExportSettings, Settings
from pantau.web.downloads import offer
from pantau.wiring import build_api
from search.export import cap_notice
from store.accounts import Accounts
from tests.web.conftest import BASE, sign_in
from tests.web.test_scope import EVERYTHING, JAKARTA_UTARA, JAWA_BARAT


def links(page: str) -> dict[str, str]:
    found = re.findall(r'<a class="download" href="([^"]+)" download>(\w+)</a>', page)
    return {label: unescape(href) for href, label in found}


def csv_ids(answer: object) -> list[str]:
    text = answer.text  # type: ignore[attr-defined]
    return [r["id"] for r in csv.DictReader(io.StringIO(text)) if r["id"]]


def test_search_page_offers_the_whole_query_in_three_formats(client: TestClient) -> None:
    page = client.get("/", params={"topic": "kampanye", "sort": "date"})
    offered = links(page.text)
    assert set(offered) == {"CSV", "JSON", "XLSX"}
    assert offered["CSV"] == "/export?topic=kampanye&sort=date&format=csv"
    total = int(re.search(r"(\d+) berita cocok", page.text).group(1))  # type: ignore[union-attr]
    answer = client.get(offered["CSV"])
    assert answer.status_code == 200
    assert re.fullmatch(
        r'attachment; filename="pantau-cari-\d{8}-\d{4}\.csv"',
        answer.headers["content-disposition"],
    )
    assert len(csv_ids(answer)) == total > 1
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(offered["XLSX"]).content)).active
    assert sheet.max_row == total + 1
    lines = client.get(offered["JSON"]).text.splitlines()
    assert len(lines) == total and json.loads(lines[0])["topics"]


def test_links_start_from_the_first_hit() -> None:
    params = [("q", "camat"), ("cursor", "abc"), ("format", "csv")]
    offered = offer("/", params, total=5, max_rows=10)
    assert offered["links"][0] == ("CSV", "/export?q=camat&format=csv")
    assert offered["note"] is None
    assert offer("/", params, total=11, max_rows=10)["note"] == cap_notice(11, 10)


def test_trends_page_offers_its_table(client: TestClient) -> None:
    page = client.get("/trends", params={"q": "kampanye", "split": "source"})
    offered = links(page.text)
    assert offered["CSV"] == "/trends/export?q=kampanye&split=source&format=csv"
    rows = list(csv.reader(io.StringIO(client.get(offered["CSV"]).text)))
    assert rows[0][:2] == ["date", "all"] and len(rows[0]) > 2
    assert client.get(offered["XLSX"]).headers["content-disposition"].endswith('.xlsx"')


def test_exports_stay_inside_the_office_scope(anonymous: TestClient) -> None:
    """The download is read through the scoped backend, like the page: a DKI user's file
    holds no article outside DKI Jakarta, whatever the query asks."""
    expected = {"dki": JAKARTA_UTARA, "jabar": JAWA_BARAT, "analis": EVERYTHING}
    for username, visible in expected.items():
        sign_in(anonymous, username)
        for params in ({}, {"region": "32"}, {"q": "region:32 OR region:31"}):
            got = set(csv_ids(anonymous.get("/export", params={**params, "format": "csv"})))
            assert got <= visible, (username, params)
            api = anonymous.get("/api/search", params={**params, "format": "json"})
            assert {json.loads(line)["id"] for line in api.text.splitlines()} == got
        assert set(csv_ids(anonymous.get("/export?format=csv"))) == visible, username
        rows = csv.DictReader(io.StringIO(anonymous.get("/export?format=csv").text))
        if username == "dki":
            assert all(r["region_code"].startswith("31") for r in rows)


def test_downloads_need_sign_in(anonymous: TestClient) -> None:
    page = anonymous.get("/export?format=csv", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login?next=")
    assert anonymous.get("/trends/export?format=csv", follow_redirects=False).status_code == 303
    assert anonymous.get("/api/search?format=csv").status_code == 401


def test_bad_format_or_query_is_an_indonesian_page(client: TestClient) -> None:
    wrong = client.get("/export?format=pdf")
    assert wrong.status_code == 400 and "Pilih format unduhan CSV, JSON atau XLSX." in wrong.text
    bad = client.get("/export", params={"q": '"baliho', "format": "csv"})
    assert bad.status_code == 400 and "tidak pernah ditutup" in unescape(bad.text)
    assert client.get("/trends/export", params={"by": "year"}).status_code == 400


def test_the_page_says_before_the_download_when_the_cap_bites(
    settings: Settings, accounts: Accounts
) -> None:
    capped = settings.model_copy(update={"export": ExportSettings(max_rows=3)})
    client = TestClient(build_api(capped, accounts), base_url=BASE)
    sign_in(client, "analis")
    page = client.get("/", params={"sort": "date"}).text
    note = f"Ekspor dibatasi 3 baris dari {len(EVERYTHING)} berita yang cocok."
    assert note in page
    answer = client.get(links(page)["CSV"])
    assert answer.headers["x-pantau-notice"].startswith(note)
    assert len(csv_ids(answer)) == 3 + 1  # the rows, then the notice in the first column
    assert csv_ids(answer)[-1].startswith(note)
    assert "Ekspor dibatasi" not in client.get("/", params={"source": "detik"}).text  # 1 hit


def test_every_download_is_in_the_audit_log(
    settings: Settings, accounts: Accounts, anonymous: TestClient
) -> None:
    """Who, which format and query, how many rows, capped or not: pages and API alike."""
    sign_in(anonymous, "dki")
    page = anonymous.get("/export", params={"q": "bawaslu", "format": "csv", "sort": "date"})
    api = anonymous.get("/api/search", params={"topic": "kampanye", "format": "json"})
    table = anonymous.get("/trends/export", params={"split": "source", "format": "xlsx"})
    assert page.status_code == api.status_code == table.status_code == 200
    trend, search_api, search_page = accounts.audit_log(action="export")
    assert {e.actor for e in (trend, search_api, search_page)} == {"dki"}
    assert search_page.target == "GET /export" and search_page.ip
    assert search_page.detail == {
        "format": "csv",
        "query": {"text": "bawaslu", "sort": "date"},
        "rows": len(csv_ids(page)),
        "total": int(page.headers["x-pantau-total"]),
        "capped": False,
        "complete": True,
    }
    assert search_api.target == "GET /api/search"
    assert search_api.detail is not None and search_api.detail["query"] == {"topics": ["kampanye"]}
    assert search_api.detail["rows"] == len(api.text.splitlines())
    assert trend.target == "GET /trends/export" and trend.detail is not None
    assert trend.detail["format"] == "xlsx" and trend.detail["query"]["split"] == "source"
    capped = settings.model_copy(update={"export": ExportSettings(max_rows=2)})
    client = TestClient(build_api(capped, accounts), base_url=BASE)
    sign_in(client, "analis")
    client.get("/export", params={"format": "csv"})
    (last, *_) = accounts.audit_log(action="export")
    assert last.actor == "analis" and last.detail is not None
    assert (last.detail["rows"], last.detail["capped"]) == (2, True)
    assert last.detail["total"] == len(EVERYTHING)
