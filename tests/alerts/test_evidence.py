"""Evidence snapshots: the page kept as fetched, verified, re-checked (changed, removed)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import update
from typer.testing import CliRunner

from alerts.evidence import Evidence
from alerts.fetch import PageFetcher
from alerts.store import AlertStore
from pantau.cli import app
from store.tables import snapshot
from tests.store.alerting import drafts

PAGE = (
    "<html><head><title>Camat diduga tidak netral</title></head><body><article>"
    "<h1>Camat diduga tidak netral</h1>"
    "<p>Bawaslu Kota Jakarta Utara memanggil seorang camat yang diduga berfoto bersama "
    "pasangan calon sambil mengacungkan dua jari.</p>"
    "<p>Ketua Bawaslu mengatakan klarifikasi dilakukan pekan ini di kantor Bawaslu.</p>"
    "</article></body></html>"
)


class Site:
    """A news page the test edits and removes (served on loopback, trusted)."""

    def __init__(self) -> None:
        self.body: str | None = PAGE
        self.hits = 0
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.hits += 1
                if site.body is None:
                    self.send_error(404)
                    return
                data = site.body.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.netloc = f"127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path: str = "/berita/camat") -> str:
        return f"http://{self.netloc}{path}"


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    yield s
    s.server.shutdown()


@pytest.fixture
def store(tmp_path: Path, site: Site) -> Iterator[AlertStore]:
    made = AlertStore(tmp_path / "store.sqlite3")
    made.evidence = Evidence(made.db, PageFetcher(timeout=5, trusted=[site.netloc]))
    yield made
    made.close()


def _alert(store: AlertStore, url: str) -> str:
    return store.record("a1", None, url, "contoh", drafts("r", "a1", url=url)).new[0].id


def test_the_original_is_kept_as_fetched_and_verifies(store: AlertStore, site: Site) -> None:
    aid = _alert(store, site.url())
    assert store.evidence.take_pending() == 1
    assert store.evidence.take_pending() == 0  # once per alert
    [snap] = store.evidence.of(aid)
    found = store.evidence.body(snap.id)
    assert found is not None and found[1] == PAGE.encode()
    assert snap.status == 200 and snap.headers["content-type"].startswith("text/html")
    assert "mengacungkan dua jari" in snap.text and snap.size == len(PAGE.encode())
    assert [ok for _, ok in store.evidence.verify(aid)] == [True]
    with store.db.write() as conn:  # someone edits the stored bytes
        conn.execute(update(snapshot).values(body=b"<html>lain</html>"))
    assert [ok for _, ok in store.evidence.verify(aid)] == [False]


def test_recheck_marks_a_changed_then_a_removed_page(store: AlertStore, site: Site) -> None:
    aid = _alert(store, site.url())
    store.evidence.take_for(aid)
    same = store.evidence.recheck(aid)
    assert same is not None and same.verdict == "sama"
    site.body = PAGE.replace("pekan ini", "bulan depan")
    changed = store.evidence.recheck(aid)
    assert changed is not None and changed.verdict == "berubah" and changed.diff
    assert "-" in changed.diff and "+" in changed.diff and "bulan depan" in changed.diff
    item = store.get(aid)
    assert item is not None and item.triage.page_state == "berubah"
    site.body = None
    gone = store.evidence.recheck(aid)
    assert gone is not None and gone.verdict == "dihapus"
    item = store.get(aid)
    assert item is not None and item.triage.page_state == "dihapus"
    assert [s.kind for s in store.evidence.of(aid)] == ["asli", "cek", "cek", "cek"]


def test_a_private_address_is_refused_unless_trusted(tmp_path: Path, site: Site) -> None:
    fetched = PageFetcher(timeout=5).fetch(site.url())
    assert fetched.status is None and fetched.error and "privat" in fetched.error
    assert site.hits == 0
    assert PageFetcher(timeout=5).fetch("file:///etc/passwd").error


def test_verify_cli(tmp_path: Path, site: Site) -> None:
    store = AlertStore(tmp_path / "store.sqlite3")
    store.evidence = Evidence(store.db, PageFetcher(timeout=5, trusted=[site.netloc]))
    aid = _alert(store, site.url())
    store.evidence.take_for(aid)
    store.close()
    runner = CliRunner()
    ok = runner.invoke(app, ["alerts", "verify", aid, "--data-dir", str(tmp_path)])
    assert ok.exit_code == 0, ok.output
    assert "ok" in ok.output
