"""The article, alerts and trends pages, 404s and an engine outage."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest
from fastapi.testclient import TestClient

from alerts.store import AlertStore
from pantau.web import install_error_pages, router
from pipeline.events import EnrichedArticle
from search.api import create_app
from search.backend import BackendError
from search.query import SearchQuery, SearchResult, TrendQuery, TrendResult
from tests.search.fixtures import MORE
from tests.web.conftest import asn_alert_doc, csrf_of


def test_article_page_shows_what_the_pipeline_found(client: TestClient) -> None:
    doc = MORE[3]  # Camat hadiri kampanye calon bupati
    page = client.get(f"/articles/{doc.id}")
    assert page.status_code == 200
    text = page.text
    assert "<h1>Camat hadiri kampanye calon bupati</h1>" in text
    assert "10 Des 2024 09:00 WIB" in text and "Kabupaten Bogor" in text
    assert "<h3>Pejabat</h3>" in text and "Camat Cibinong" in text
    assert "<h3>Lembaga</h3>" in text and 'href="/?entity=Bawaslu"' in text
    assert "Netralitas ASN" in text and "0.90" in text
    assert "Bawaslu menyelidiki.</p>" in text  # the body
    assert 'href="https://www.antara.example/berita/104/artikel-104"' in text


def test_article_page_lists_evidence_quotes_and_paragraphs(client: TestClient) -> None:
    doc = asn_alert_doc()
    text = client.get(f"/articles/{doc.id}").text
    assert '<ul class="evidence"><li>Badan Pengawas Pemilu' in text
    assert "Benny Sabdo" in text and "ASN dilarang terlibat politik praktis" in text
    assert "<h3>Tempat</h3>" in text and "Jakarta Utara" in text
    assert text.count("<p>") >= 4  # one per body paragraph


@pytest.mark.parametrize("article_id", ["0" * 32, "nope", "x" * 5000, "<script>"])
def test_unknown_article_is_a_404_page(client: TestClient, article_id: str) -> None:
    r = client.get(f"/articles/{article_id}")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")
    assert "Berita tidak ditemukan" in r.text and "<script>" not in r.text


def test_alerts_page_lists_the_stored_alert_with_evidence(client: TestClient) -> None:
    doc = asn_alert_doc()
    r = client.get("/alerts")
    assert r.status_code == 200
    text = r.text
    assert "1 peringatan" in text
    assert f'href="/articles/{doc.id}"' in text and doc.article.title in text
    assert "Badan Pengawas Pemilu (Bawaslu) Kota Jakarta Utara memanggil" in text  # evidence
    assert "Bawaslu Kota Jakarta Utara" in text  # an office it is routed to
    assert "kritis" in text and "Netralitas ASN" in text and " WIB" in text
    assert "1 peringatan · 1 salinan" in text
    assert 'Salinan:\n<a href="https://www.kabarjakarta.id/berita/4002/artikel-2"' in text
    assert 'hook: <span class="st-pending">menunggu</span>' in text


def test_alerts_page_filters_by_office_and_status(client: TestClient) -> None:
    text = client.get("/alerts").text
    office = re.search(r'href="(/alerts\?office=[^"]+)"', text)
    assert office is not None
    assert "memanggil" in client.get(office.group(1).replace("&amp;", "&")).text
    other = client.get("/alerts", params={"office": "Bawaslu Kabupaten Nias"}).text
    assert "Belum ada peringatan untuk filter ini" in other
    assert "Belum ada peringatan" in client.get("/alerts", params={"status": "dead"}).text
    assert "memanggil" in client.get("/alerts", params={"status": "pending"}).text
    bad = client.get("/alerts", params={"status": "lost"})
    assert bad.status_code == 400 and "status harus salah satu dari" in bad.text


def test_trends_page_shows_counts_per_day_and_split(client: TestClient) -> None:
    r = client.get("/trends", params={"q": "ditertibkan"})
    assert r.status_code == 200
    rows = dict(
        re.findall(
            r'<time datetime="([\d-]+)">[^<]*</time></td>\s*<td><a [^>]*>(\d+)<',
            r.text,
        )
    )
    assert rows == {"2024-12-02": "1", "2024-12-03": "1", "2024-12-09": "1"}
    # the empty days between: one row
    assert 'datetime="2024-12-04">4 Des</time> – <time datetime="2024-12-08">8 Des</time>' in r.text
    assert "semua" in r.text
    split = client.get("/trends", params={"split": "source", "by": "week"}).text
    assert "Minggu mulai" in split and ">detik</a> <span" in split and ">tribun</a> <span" in split
    topics = client.get("/trends", params={"split": "topic"}).text
    assert "Netralitas ASN" in topics  # series named by topic label
    assert "Tanggal menurut WIB" in r.text
    wit = client.get("/trends", params={"q": "ditertibkan", "tz": "Asia/Jayapura"})
    assert "Tanggal menurut WIT" in wit.text
    assert client.get("/trends", params={"tz": "Mars/Olympus"}).status_code == 400


@pytest.mark.parametrize(
    "params",
    [
        {"by": "month"},
        {"split": "place"},
        {"top": "0"},
        {"q": '"open'},
        {"until": "sebentar lagi"},
        {"during": "x"},
    ],
)
def test_bad_trend_parameters_are_a_400_page(client: TestClient, params: dict[str, str]) -> None:
    r = client.get("/trends", params=params)
    assert r.status_code == 400 and 'class="error"' in r.text
    assert r.headers["content-type"].startswith("text/html")


class DownBackend:
    """An engine that cannot be reached."""

    name = "down"

    def search(self, query: SearchQuery) -> SearchResult:
        raise BackendError("connection refused")

    def trends(self, query: TrendQuery) -> TrendResult:
        raise BackendError("connection refused")

    def get(self, article_id: str) -> EnrichedArticle | None:
        raise BackendError("connection refused")

    def upsert(self, docs: Sequence[EnrichedArticle]) -> int:
        raise BackendError("connection refused")


def test_engine_outage_is_a_503_page(tmp_path) -> None:
    app = create_app(DownBackend())  # type: ignore[arg-type]
    app.include_router(router(AlertStore(tmp_path / "alerts.sqlite3")))
    client = TestClient(app, raise_server_exceptions=False)
    for url in ("/?q=bawaslu", "/trends", "/articles/" + "0" * 32):
        r = client.get(url)
        assert r.status_code == 503, url
        assert "tidak dapat dihubungi" in r.text and "connection refused" not in r.text
    assert client.get("/alerts").status_code == 200  # the alert store is separate


class CrashingBackend(DownBackend):
    """An engine whose client has a bug."""

    name = "crashing"

    def search(self, query: SearchQuery) -> SearchResult:
        raise RuntimeError("secret internals: KeyError in the client")


def test_crash_is_an_html_page_for_people_and_json_for_the_api(tmp_path) -> None:
    app = create_app(CrashingBackend())  # type: ignore[arg-type]
    app.include_router(router(AlertStore(tmp_path / "alerts.sqlite3")))
    install_error_pages(app)
    client = TestClient(app, raise_server_exceptions=False)
    page = client.get("/?q=bawaslu")
    assert page.status_code == 500
    assert page.headers["content-type"].startswith("text/html")
    assert "Terjadi kesalahan" in page.text and "secret internals" not in page.text
    api = client.get("/api/search", params={"q": "bawaslu"})
    assert api.status_code == 500 and api.json()["error"] == "internal"
    assert "secret internals" not in api.text


def test_unknown_paths_are_an_html_404_outside_the_api(client: TestClient) -> None:
    page = client.get("/tidak-ada")
    assert page.status_code == 404 and "Halaman tidak ditemukan" in page.text
    assert page.headers["content-type"].startswith("text/html")
    assert client.get("/api/tidak-ada").headers["content-type"] == "application/json"
    assert client.get("/api/articles/" + "0" * 32).json()["error"] == "not_found"
    token = csrf_of(client.get("/"))
    assert client.post("/alerts", data={"csrf_token": token}).status_code == 405
