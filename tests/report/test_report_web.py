"""The Laporan page and /api/reports on the fixed data set."""

from __future__ import annotations

import html
import re
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient

from pantau.config import Settings
from pantau.wiring import build_accounts, build_api
from store.accounts import Accounts
from tests.report.fixtures import OFFICE
from tests.store.fixtures import FAST
from tests.web.conftest import BASE, PASSWORD, sign_in

QUERY = urlencode({"office": OFFICE, "kind": "daily", "date": "2024-11-25"})


@pytest.fixture(scope="module")
def accounts(settings: Settings) -> Accounts:
    """An administrator, and staff of Jakarta Utara's province and of Jawa Barat."""
    made = build_accounts(settings, hasher=FAST)
    for name, role, office in (
        ("admin", "admin", None),
        ("dki", "staff", "31"),
        ("jabar", "staff", "32"),
    ):
        if made.get_user(name) is None:
            made.add_user(name, PASSWORD, role, office, actor="test")
    return made


def signed_in(settings: Settings, accounts: Accounts, username: str) -> TestClient:
    client = TestClient(build_api(settings, accounts), base_url=BASE, raise_server_exceptions=False)
    assert sign_in(client, username).status_code == 303
    return client


@pytest.fixture(scope="module")
def client(settings: Settings, accounts: Accounts) -> TestClient:
    return signed_in(settings, accounts, "admin")


def test_staff_read_only_the_reports_of_their_region(settings, accounts):
    jabar = signed_in(settings, accounts, "jabar")
    assert jabar.get(f"/laporan?{QUERY}").status_code == 403
    assert jabar.get(f"/laporan.pdf?{QUERY}").status_code == 403
    assert jabar.get(f"/api/reports/daily?{QUERY}").status_code == 403
    form = jabar.get("/laporan").text
    assert f'<option value="{OFFICE}">' not in form and "Jawa Barat" in form
    dki = signed_in(settings, accounts, "dki")  # the province reads its cities' reports
    assert dki.get(f"/api/reports/daily?{QUERY}").status_code == 200


def test_empty_form_lists_the_offices(client):
    page = client.get("/laporan")
    assert page.status_code == 200
    assert "Laporan kantor" in page.text and f'<option value="{OFFICE}">' in page.text
    assert '<a href="/laporan">Laporan</a>' in page.text


def test_report_page_shows_the_report_body_and_a_pdf_link(client):
    page = client.get(f"/laporan?{QUERY}")
    assert page.status_code == 200
    for section in ('id="ringkasan"', 'id="grafik"', 'id="peringatan"', 'id="berita-utama"'):
        assert section in page.text
    assert "<script" not in page.text and page.text.count("<svg") == 3
    # nothing inline that a CSP without 'unsafe-inline' would block
    assert "<style" not in page.text and "style=" not in page.text
    assert f'href="/laporan.pdf?{QUERY.replace("&", "&amp;")}"' in page.text
    # bars link to the matching search on this site, and it finds the bar's articles
    bar = re.search(r'xlink:href="(/\?topic=netralitas_asn&amp;since=2024-11-25T[^"]+)"', page.text)
    assert bar is not None
    hits = client.get(html.unescape(bar.group(1)))
    assert "3 berita cocok" in hits.text
    css = client.get("/static/report.css")
    assert css.status_code == 200 and ".report" in css.text


def test_pdf_download(client):
    pdf = client.get(f"/laporan.pdf?{QUERY}")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-type"] == "application/pdf"
    assert (
        "laporan-harian-bawaslu-kota-jakarta-utara-2024-11-25.pdf"
        in pdf.headers["content-disposition"]
    )


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"office": "Bawaslu Jakut"}, "tidak dikenal"),
        ({"office": OFFICE, "date": "25-11-2024"}, "tidak dapat dibaca"),
        ({"office": OFFICE, "kind": "bulanan"}, "harian atau mingguan"),
    ],
)
def test_bad_input_is_a_message_on_the_page(client, params, message):
    for path in ("/laporan", "/laporan.pdf"):
        page = client.get(f"{path}?{urlencode(params)}")
        assert page.status_code == 400 and message in page.text
        assert "text/html" in page.headers["content-type"]


def test_api_json_html_and_pdf(client):
    data = client.get(f"/api/reports/daily?{QUERY}").json()
    assert data["current"]["articles"] == 6 and data["office"]["zone_name"] == "WIB"
    assert data["stages"][0]["key"] == "masa_tenang"
    doc = client.get(f"/api/reports/daily?{QUERY}&format=html").text
    assert doc.startswith("<!doctype html>") and "Kliping berita harian" in doc
    assert '<link rel="stylesheet" href="/static/report.css">' in doc
    assert "<style" not in doc and "style=" not in doc
    pdf = client.get(f"/api/reports/weekly?{QUERY}&format=pdf")
    assert pdf.content.startswith(b"%PDF")
    assert (
        "laporan-mingguan-bawaslu-kota-jakarta-utara-2024-11-25.pdf"
        in pdf.headers["content-disposition"]
    )


def test_api_refuses_an_unknown_office_and_kind(client):
    bad = client.get("/api/reports/daily?office=Bawaslu%20Jakut")
    assert bad.status_code == 400 and "tidak dikenal" in bad.json()["detail"]
    assert client.get(f"/api/reports/monthly?office={OFFICE}").status_code == 400
    assert "/api/reports/{kind}" in client.get("/openapi.json").json()["paths"]


def test_trends_page_draws_the_chart_whose_bars_open_their_search(client):
    params = urlencode(
        {"region": "31.72", "split": "source", "since": "2024-11-19", "until": "2024-11-27"}
    )
    page = client.get(f"/trends?{params}")
    assert page.status_code == 200 and page.text.count("<svg") == 1
    assert "<script" not in page.text and "Masa tenang" in page.text
    # seven outlets, five series from the engine: the other two are named, not dropped
    assert ">lainnya</text>" in page.text
    kompas = r'xlink:href="(/\?region=31.72&amp;source=kompas&amp;since=2024-11-25&amp;[^"]+)"'
    bar = re.search(kompas, page.text)
    assert bar is not None
    assert "2 berita cocok" in client.get(html.unescape(bar.group(1))).text
    weekly = client.get(f"/trends?{params}&by=week&split=topic")
    assert 'class="band"' in weekly.text and "Netralitas ASN" in weekly.text


def test_engine_down_is_a_503_page_and_json(settings, accounts):
    from search.api import get_backend
    from search.backend import BackendError

    class Down:
        def __getattr__(self, name: str):
            def fail(*args, **kwargs):
                raise BackendError("connection refused")

            return fail

    app = build_api(settings, accounts)
    app.dependency_overrides[get_backend] = Down
    client = TestClient(app, base_url=BASE, raise_server_exceptions=False)
    assert sign_in(client, "admin").status_code == 303
    for path in ("/laporan", "/laporan.pdf"):
        page = client.get(f"{path}?{QUERY}")
        assert page.status_code == 503 and "tidak dapat dihubungi" in page.text
        assert "connection refused" not in page.text
    api = client.get(f"/api/reports/daily?{QUERY}")
    assert api.status_code == 503 and api.json()["error"] == "unavailable"
