"""The case file as a PDF (read back with pdftotext), its office scope, and a PDF that
fetches nothing the document does not carry itself."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from alerts.evidence import Evidence
from alerts.fetch import PageFetcher
from pantau.config import Settings
from pantau.report.render import html_to_pdf
from pantau.wiring import build_alert_store
from tests.alerts.site import Site
from tests.web.conftest import BASE, asn_alert_doc, csrf_of, sign_in


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    s = Site()
    yield s
    s.server.shutdown()


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "berkas.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def _alert_id(client: TestClient) -> str:
    found = client.get("/api/alerts").json()["alerts"]
    assert len(found) == 1
    return str(found[0]["id"])


def test_case_file_pdf_holds_story_snapshot_and_history(
    client: TestClient, settings: Settings, site: Site, tmp_path: Path
) -> None:
    aid = _alert_id(client)
    store = build_alert_store(settings)
    evidence = Evidence(store.db, PageFetcher(timeout=5, trusted=[site.netloc]))
    sha = evidence.take(aid, site.url()).sha256
    store.close()
    form = {"csrf_token": csrf_of(client.get(f"/alerts/{aid}")), "version": "1"}
    note = {**form, "state": "ditinjau", "note": "diperiksa staf hukum"}
    assert client.post(f"/alerts/{aid}/triage", data=note).status_code == 200
    for path, label in ((f"/alerts/{aid}", "berkas kasus (PDF)"), (f"/alerts/{aid}/berkas", "PDF")):
        assert f'href="/alerts/{aid}/berkas.pdf"' in client.get(path).text, label

    answer = client.get(f"/alerts/{aid}/berkas.pdf")
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/pdf"
    disposition = answer.headers["content-disposition"]
    assert disposition == f'attachment; filename="berkas-kasus-{aid}.pdf"'
    text = pdf_text(answer.content, tmp_path)
    words = " ".join(text.split())
    assert asn_alert_doc().article.title in words
    assert sha in "".join(text.split())  # a long hash may wrap in its table cell
    assert "baru → ditinjau" in words and "diperiksa staf hukum" in words
    assert "admin" in words


def test_another_office_gets_404_and_no_pdf(client: TestClient) -> None:
    aid = _alert_id(client)
    other = TestClient(client.app, base_url=BASE, raise_server_exceptions=False)
    answer = other.get(f"/alerts/{aid}/berkas.pdf", follow_redirects=False)
    assert answer.status_code in (303, 401) and b"%PDF" not in answer.content
    assert sign_in(other, "jabar").status_code == 303
    answer = other.get(f"/alerts/{aid}/berkas.pdf")
    assert answer.status_code == 404 and "tidak ditemukan" in answer.text
    assert other.get("/alerts/tidak-ada/berkas.pdf").status_code == 404


def test_pdf_fetches_neither_network_nor_files(site: Site, tmp_path: Path) -> None:
    leak = tmp_path / "leak.css"
    leak.write_text('body::before { content: "BOCOR-BERKAS"; }')
    hits = site.hits
    html = (
        f'<html><head><link rel="stylesheet" href="{site.url("/gaya.css")}">'
        f'<link rel="stylesheet" href="{leak.as_uri()}">'
        f'<style>@import url("{site.url("/impor.css")}");</style></head>'
        f'<body><p>Isi berkas</p><img src="{site.url("/foto.png")}">'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></body></html>'
    )
    text = pdf_text(html_to_pdf(html, base_url=site.url("/")), tmp_path)
    assert "Isi berkas" in text and "BOCOR-BERKAS" not in text
    assert site.hits == hits
