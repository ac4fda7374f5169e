"""Real-browser fixtures: `pantau serve`'s app on a port, driven by Debian's Chromium.

Playwright for Python with `executable_path=/usr/bin/chromium` (scripts/test installs
the Debian package; a browser is never downloaded). Playwright's sync API keeps an event
loop in this thread while it runs, so it lives for this package's tests only (module
scope), not for the session as pytest-playwright's fixtures would. A failed test leaves
a screenshot in test-artifacts/.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

from pantau.wiring import build_api, build_store
from store.accounts import Accounts
from tests.store.fixtures import FAST
from tests.web.conftest import PASSWORD, data_dir

CHROMIUM = os.environ.get("PANTAU_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    report = yield
    if report.when == "call":
        item.stash[FAILED] = report.failed
    return report


FAILED = pytest.StashKey[bool]()


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory, store_template: Path) -> Iterator[str]:
    """The whole app (build_api) served by uvicorn on a free loopback port."""
    folder = tmp_path_factory.mktemp("live")
    settings = data_dir(folder, store_template)
    accounts = Accounts(build_store(settings), hasher=FAST)
    config = uvicorn.Config(
        build_api(settings, accounts), log_level="warning", proxy_headers=False, lifespan="off"
    )
    server = uvicorn.Server(config)
    # IPPROTO_TCP named: asyncio then sets TCP_NODELAY (else ~40 ms per keep-alive answer)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
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


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        message = f"{CHROMIUM} is missing: apt-get install -y chromium (scripts/test does)"
        if os.environ.get("PANTAU_ALLOW_SKIP") == "1" and os.environ.get("CI") != "true":
            pytest.skip(message)
        pytest.fail(message)
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


class Watched:
    """What a page did that a person would not see: console errors (CSP violations among
    them) and responses from anywhere but this server (a request the CSP blocks gets none)."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.errors: list[str] = []
        self.foreign: list[str] = []

    def console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def request(self, url: str) -> None:
        if not url.startswith((self.origin, "data:", "blob:")):
            self.foreign.append(url)


@pytest.fixture
def watched(live: str) -> Watched:
    return Watched(live)


@pytest.fixture
def page(
    browser: Browser, live: str, watched: Watched, request: pytest.FixtureRequest
) -> Iterator[Page]:
    """A fresh browser profile (no cookies) per test; a screenshot if the test fails."""
    context = browser.new_context(base_url=live, locale="id-ID")
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    opened.on("console", watched.console)
    opened.on("requestfinished", lambda r: watched.request(r.url))
    yield opened
    if request.node.stash.get(FAILED, False):
        ARTIFACTS.mkdir(exist_ok=True)
        opened.screenshot(path=ARTIFACTS / f"{request.node.name}.png", full_page=True)
    context.close()


def sign_in(page: Page, username: str, password: str = PASSWORD, path: str = "/") -> None:
    page.goto(path)
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()
