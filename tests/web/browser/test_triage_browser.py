"""In a real browser: triage an alert, a concurrent edit, the case file and CSV, a re-check."""

from __future__ import annotations

import csv
import re
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, expect

from pantau.config import AlertSettings
from pantau.wiring import build_alert_store, build_api, build_store
from store.accounts import Accounts
from tests.alerts.site import PAGE, Site
from tests.store.alerting import drafts
from tests.store.fixtures import FAST
from tests.web.browser.conftest import sign_in
from tests.web.conftest import asn_alert_doc, data_dir

ALERT_TITLE = asn_alert_doc().article.title
SITE_TITLE = "Judul berita-lokal"  # tests.store.alerting names its alerts so


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    s = Site()
    yield s
    s.server.shutdown()


@pytest.fixture(scope="module")
def live(
    tmp_path_factory: pytest.TempPathFactory, store_template: Path, site: Site
) -> Iterator[str]:
    """The app on a port, its data dir holding the ASN alert and an alert on `site`'s page
    (trusted for snapshots, as an operator would trust an intranet host)."""
    settings = data_dir(tmp_path_factory.mktemp("live"), store_template)
    alerts = AlertSettings(**{**settings.alerts.model_dump(), "snapshot_trust": [site.netloc]})
    settings = settings.model_copy(update={"alerts": alerts})
    store = build_alert_store(settings)
    url = site.url()
    store.record("berita-lokal", None, url, "contoh", drafts("lokal", "berita-lokal", url=url))
    accounts = Accounts(build_store(settings), hasher=FAST)
    config = uvicorn.Config(
        build_api(settings, accounts), log_level="warning", proxy_headers=False, lifespan="off"
    )
    server = uvicorn.Server(config)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "the server did not start"
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(10)
    accounts.store.close()


def _open_alert(page: Page, title: str) -> None:
    page.goto("/alerts")
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", name="Penanganan")).to_be_visible()


def test_triage_an_alert_end_to_end(page: Page) -> None:
    sign_in(page, "jakut")
    _open_alert(page, ALERT_TITLE)
    page.locator("form.triage select[name=state]").select_option("ditindaklanjuti")
    page.locator("form.triage select[name=outcome]").select_option("temuan")
    page.get_by_label("Penanggung jawab").fill("jakut")
    page.get_by_label("Tenggat").fill("2026-12-20")
    page.get_by_label("Catatan").fill("Diteruskan ke Gakkumdu setelah klarifikasi.")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator("#state")).to_have_text("ditindaklanjuti: temuan")
    expect(page.locator("#assignee")).to_have_text("jakut")
    expect(page.locator("ol.history")).to_contain_text("baru → ditindaklanjuti")
    expect(page.locator("ol.history")).to_contain_text("Diteruskan ke Gakkumdu")
    page.goto("/alerts")
    page.get_by_label("peringatan saya").check()
    page.get_by_role("button", name="Tampilkan").click()
    expect(page.get_by_role("link", name=ALERT_TITLE)).to_be_visible()
    expect(page.locator('a[data-state="ditindaklanjuti"] b')).to_have_text("1")


def test_a_concurrent_edit_is_a_conflict(browser: Browser, live: str) -> None:
    pages = []
    for _ in range(2):
        context = browser.new_context(base_url=live, locale="id-ID")
        pages.append(context.new_page())
    first, second = pages
    for p in pages:
        sign_in(p, "analis")
        _open_alert(p, SITE_TITLE)
    first.locator("form.triage select[name=state]").select_option("ditinjau")
    first.get_by_role("button", name="Simpan").click()
    expect(first.locator("#state")).to_have_text("ditinjau")
    second.locator("form.triage select[name=state]").select_option("bukan_pelanggaran")
    second.get_by_role("button", name="Simpan").click()
    expect(second.get_by_role("alert")).to_contain_text("sudah diubah orang lain")
    expect(second.locator("#state")).to_have_text("ditinjau")  # the first edit stands
    second.reload()
    expect(second.locator("ol.history li")).to_have_count(1)
    for p in pages:
        p.context.close()


def test_download_the_case_file_and_a_csv(page: Page, tmp_path: Path) -> None:
    sign_in(page, "analis")
    _open_alert(page, ALERT_TITLE)
    page.get_by_role("link", name="berkas kasus (cetak)").click()
    expect(page.get_by_role("heading", name="Berkas kasus")).to_be_visible()
    expect(page.locator("table.facts")).to_contain_text(ALERT_TITLE)
    expect(page.locator("table.timeline")).to_be_visible()
    with page.expect_download() as pdf:
        page.get_by_role("link", name="unduh PDF").click()
    assert pdf.value.suggested_filename.startswith("berkas-kasus-")
    pdf.value.save_as(tmp_path / "berkas.pdf")
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "berkas.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert ALERT_TITLE in " ".join(text.split()) and "Riwayat penanganan" in text
    page.goto("/alerts?rule=lokal")
    with page.expect_download() as caught:
        page.get_by_role("link", name="CSV").click()
    path = tmp_path / "feed.csv"
    caught.value.save_as(path)
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    shown = page.locator("article.alert").evaluate_all("cards => cards.map(c => c.dataset.id)")
    assert [r["id"] for r in rows] == shown and len(shown) == 1
    assert rows[0]["title"] == SITE_TITLE


def test_recheck_marks_a_changed_page(page: Page, site: Site) -> None:
    sign_in(page, "analis")
    _open_alert(page, SITE_TITLE)
    page.get_by_role("button", name="Cek ulang halaman sekarang").click()
    expect(page.locator(".snapshot[data-kind=asli]")).to_have_count(1)
    expect(page.locator(".verdict").last).to_have_text("tidak berubah")
    site.body = PAGE.replace("pekan ini", "bulan depan")
    page.get_by_role("button", name="Cek ulang halaman sekarang").click()
    expect(page.locator(".verdict").last).to_have_text("berubah")
    expect(page.locator("pre.diff").last).to_contain_text("bulan depan")
    page.goto("/alerts")
    card = page.locator("article.alert", has=page.get_by_role("link", name=SITE_TITLE))
    expect(card.locator(".page-state")).to_have_text(re.compile("halaman berubah"))
