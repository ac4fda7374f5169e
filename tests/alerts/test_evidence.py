"""Evidence snapshots: the page kept as fetched, verified, re-checked (changed, removed)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import update
from typer.testing import CliRunner

from alerts.evidence import Evidence
from alerts.fetch import PageFetcher
from alerts.store import AlertStore
from pantau.cli import app
from store.tables import snapshot
from tests.alerts.site import PAGE, Site
from tests.store.alerting import drafts


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


def test_the_dispatcher_takes_snapshots_and_rechecks_on_schedule(
    store: AlertStore, site: Site
) -> None:
    from alerts.delivery import Dispatcher
    from alerts.rules import RuleSet

    aid = _alert(store, site.url())
    daily = Dispatcher(store, RuleSet(), recheck_after=86400)
    daily.evidence_round()
    daily.evidence_round()  # nothing new, nothing a day old
    assert [s.kind for s in store.evidence.of(aid)] == ["asli"]
    assert (daily.stats["snapshots"], daily.stats["rechecks"]) == (1, 0)
    site.body = PAGE.replace("dua jari", "tiga jari")
    Dispatcher(store, RuleSet(), recheck_after=0.0).evidence_round()  # everything is due
    item = store.get(aid)
    assert item is not None and item.triage.page_state == "berubah"
    off = Dispatcher(store, RuleSet())  # snapshots off: no fetch at all
    hits = site.hits
    off.evidence_round()
    assert site.hits == hits
