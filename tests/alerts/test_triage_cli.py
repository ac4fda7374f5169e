"""`pantau alerts triage`: a change from the terminal, and a stale version refused."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from pantau.cli import app
from pantau.config import Settings
from pantau.wiring import build_alert_store, build_store
from store.accounts import Accounts
from tests.store.alerting import drafts
from tests.store.fixtures import FAST


def test_triage_from_the_cli(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    accounts = Accounts(build_store(settings), hasher=FAST)
    accounts.add_user("budi", "kata-sandi-rahasia-1", "analyst")
    alerts = build_alert_store(settings, accounts.store)
    aid = alerts.record("a1", None, "https://contoh.id/a1", "contoh", drafts("r", "a1")).new[0].id
    accounts.store.close()
    runner = CliRunner()
    base = ["alerts", "triage", aid, "--by", "budi", "--data-dir", str(tmp_path)]
    done = runner.invoke(app, [*base, "--state", "ditindaklanjuti", "--outcome", "diteruskan"])
    assert done.exit_code == 0, done.output
    assert "ditindaklanjuti (diteruskan)" in done.output and "version 2" in done.output
    stale = runner.invoke(app, [*base, "--state", "duplikat", "--version", "1"])
    assert stale.exit_code == 2 and "diubah orang lain" in stale.output
    bad = runner.invoke(app, [*base, "--state", "ditindaklanjuti"])
    assert bad.exit_code == 2 and "temuan atau diteruskan" in bad.output
