"""In a real browser: save a search, see its new hits grow and reset, mail it, make a rule;
another user cannot see or open it."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, expect

from pantau.config import Settings
from pantau.wiring import build_api, build_backend, build_store
from store.accounts import Accounts
from tests.store.fixtures import FAST
from tests.web.browser.conftest import Watched, sign_in
from tests.web.conftest import data_dir
from tests.web.test_pantauan import fresh


@pytest.fixture(scope="module")
def served(
    tmp_path_factory: pytest.TempPathFactory, store_template: Path
) -> Iterator[tuple[str, Settings]]:
    """The app on a port, and its settings (the test indexes articles while it runs)."""
    settings = data_dir(tmp_path_factory.mktemp("live"), store_template)
    accounts = Accounts(build_store(settings), hasher=FAST)
    config = uvicorn.Config(
        build_api(settings, accounts), log_level="warning", proxy_headers=False, lifespan="off"
    )
    server = uvicorn.Server(config)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "the server did not start"
    yield f"http://127.0.0.1:{sock.getsockname()[1]}", settings
    server.should_exit = True
    thread.join(10)
    accounts.store.close()


@pytest.fixture(scope="module")
def live(served: tuple[str, Settings]) -> str:
    return served[0]


def baru(page: Page, name: str) -> str:
    row = page.locator("tr", has=page.get_by_role("link", name=name, exact=True))
    return row.locator(".baru").inner_text()


def test_save_new_hits_open_mail_rule_and_privacy(
    page: Page, browser: Browser, served: tuple[str, Settings], watched: Watched
):
    url, settings = served
    sign_in(page, "jakut", path="/?q=penertiban+baliho&topic=kampanye")
    page.get_by_label("Simpan sebagai pantauan").fill("APK Koja")
    page.get_by_role("button", name="Simpan", exact=True).click()
    expect(page).to_have_url(re.compile(r"/pantauan\?ok=disimpan$"))
    expect(page.get_by_role("status")).to_have_text("Pencarian disimpan sebagai pantauan.")
    expect(page.locator(".chip", has_text="kata kunci: penertiban baliho")).to_be_visible()
    assert baru(page, "APK Koja") == "0"

    backend = build_backend(settings)  # articles arrive while the page is open
    backend.upsert(
        [fresh(950, "Penertiban baliho di Koja"), fresh(951, "Baliho Bekasi", region="32.75")]
    )
    backend.close()
    page.reload()
    assert baru(page, "APK Koja") == "1"  # Bekasi lies outside Jakarta Utara

    page.get_by_role("link", name="APK Koja", exact=True).click()
    expect(page.get_by_label("Kata kunci")).to_have_value("penertiban baliho")
    expect(page.locator(".hit h2", has_text="Penertiban baliho di Koja")).to_be_visible()
    page.get_by_role("navigation").get_by_role("link", name="Pantauan").click()
    assert baru(page, "APK Koja") == "0"  # opened: seen

    page.get_by_label("Surel").fill("p2h@jakut.example")
    page.get_by_role("button", name="Simpan surel").click()
    expect(page.get_by_role("status")).to_have_text("Langganan surel harian disimpan.")
    page.get_by_role("button", name="Jadikan aturan").click()
    expect(page.get_by_role("status")).to_have_text("Aturan peringatan dibuat untuk kantor Anda.")
    saved_id = re.search(r"pantauan-(\d+)", page.content())
    assert saved_id and page.get_by_text(f"pantauan-{saved_id.group(1)}").is_visible()
    page.set_viewport_size({"width": 390, "height": 800})  # a phone: the table scrolls
    box = page.locator(".pantauan-box").bounding_box()
    assert box is not None and box["x"] + box["width"] <= 390

    other = browser.new_context(base_url=url, locale="id-ID").new_page()
    sign_in(other, "analis", path="/pantauan")
    expect(other.get_by_text("Belum ada pantauan.")).to_be_visible()
    answer = other.goto(f"/pantauan/{saved_id.group(1)}")
    assert answer is not None and answer.status == 404
    expect(other.get_by_text("Pantauan tidak ditemukan")).to_be_visible()
    other.context.close()
    assert watched.errors == [] and watched.foreign == []
