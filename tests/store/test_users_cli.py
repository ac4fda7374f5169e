"""`pantau users` and `pantau db`: accounts from the command line, clean errors."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pantau.cli import app
from pantau.config import Settings
from pantau.wiring import build_accounts
from store import migrate

runner = CliRunner()
PASSWORD = "kata-sandi-rahasia-1"


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("PANTAU_STORE__URL", raising=False)
    return tmp_path / "data"


def _run(data: Path, *args: str, stdin: str | None = None):
    return runner.invoke(app, ["users", *args, "--data-dir", str(data)], input=stdin)


def _shown(output: str) -> str:
    found = re.search(r"\(shown once\): (\S+)", output)
    assert found, output
    return found.group(1)


def test_add_list_and_sign_in(data: Path):
    made = _run(data, "add", "admin1", "--role", "admin", "--generate")
    assert made.exit_code == 0, made.output
    password = _shown(made.output)
    typed = _run(
        data,
        "add",
        "Dewi",
        "--role",
        "staff",
        "--office",
        "31.72",
        stdin=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert typed.exit_code == 0, typed.output
    assert PASSWORD not in typed.output  # the prompt does not echo
    listed = _run(data, "list", "--format", "json")
    users = {u["username"]: u for u in json.loads(listed.output)}
    assert users["dewi"]["office_id"] == "31.72" and users["admin1"]["role"] == "admin"
    assert "password" not in listed.output
    accounts = build_accounts(Settings(data_dir=data))
    assert accounts.authenticate("admin1", password) is not None
    assert accounts.authenticate("dewi", PASSWORD) is not None
    assert {e.actor for e in accounts.audit_log(action="user.add")} == {"cli"}
    assert (data / "store.sqlite3").stat().st_mode & 0o777 == 0o600  # hashes are private too


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "x", "--role", "admin", "--generate"], "username"),
        (["add", "budi", "--role", "staff", "--generate"], "need an office"),
        (["add", "budi", "--role", "staff", "--office", "99", "--generate"], "no office '99'"),
        (["disable", "nobody"], "no user 'nobody'"),
        (["token", "nobody", "t"], "no user 'nobody'"),
        (["offices", "--under", "99"], "no office '99'"),
    ],
)
def test_mistakes_get_one_clear_line(data: Path, args: list[str], message: str):
    result = _run(data, *args)
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_disable_reset_and_tokens(data: Path):
    _run(data, "add", "siti", "--role", "analyst", "--generate")
    accounts = build_accounts(Settings(data_dir=data))
    assert _run(data, "disable", "siti").exit_code == 0
    assert accounts.get_user("siti").disabled  # type: ignore[union-attr]
    assert _run(data, "enable", "siti").exit_code == 0
    reset = _run(data, "reset", "siti", "--generate")
    assert reset.exit_code == 0, reset.output
    assert accounts.authenticate("siti", _shown(reset.output)) is not None
    made = _run(data, "token", "siti", "ekspor")
    token = _shown(made.output)
    assert accounts.token_user(token).username == "siti"  # type: ignore[union-attr]
    assert _run(data, "token", "siti", "ekspor", "--revoke").exit_code == 0
    assert accounts.token_user(token) is None
    assert _run(data, "token", "siti", "ekspor", "--revoke").exit_code == 2
    duplicate = _run(data, "add", "siti", "--role", "analyst", "--generate")
    assert duplicate.exit_code == 2 and "already exists" in duplicate.output


def test_offices_list_the_hierarchy(data: Path):
    result = _run(data, "offices", "--under", "31")
    assert result.exit_code == 0
    assert "31.72    WIB   Bawaslu Kota Jakarta Utara" in result.output
    assert "Bali" not in result.output


def test_db_upgrade_and_status(data: Path):
    up = runner.invoke(app, ["db", "upgrade", "--data-dir", str(data)])
    head = migrate.head()
    assert up.exit_code == 0 and f"upgraded to {head}" in up.output
    again = runner.invoke(app, ["db", "upgrade", "--data-dir", str(data)])
    assert f"already at {head}" in again.output
    status = runner.invoke(app, ["db", "status", "--data-dir", str(data)])
    assert status.exit_code == 0 and f"at {head}, newest {head}" in status.output


def test_a_truncated_store_gives_a_clean_message(data: Path):
    assert _run(data, "add", "siti", "--role", "analyst", "--generate").exit_code == 0
    path = data / "store.sqlite3"
    with sqlite3.connect(path) as db:  # everything into the main file, then cut it short
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path.write_bytes(path.read_bytes()[:8192])
    result = _run(data, "list")
    assert result.exit_code == 2
    assert "operational store" in result.output and "store.sqlite3" in result.output
    assert "Traceback" not in result.output


def test_lockout_limits_come_from_the_settings(data: Path):
    from argon2 import PasswordHasher

    from pantau.config import AccountSettings
    from store.accounts import Locked

    settings = Settings(
        data_dir=data, accounts=AccountSettings(max_failures=2, lock_minutes=1, idle_minutes=5)
    )
    accounts = build_accounts(settings, hasher=PasswordHasher(time_cost=1, memory_cost=8192))
    assert (accounts.policy.lock_seconds, accounts.policy.idle_seconds) == (60, 300)
    accounts.add_user("siti", PASSWORD, "analyst")
    assert accounts.authenticate("siti", "salah-salah-salah") is None
    assert accounts.authenticate("siti", "salah-salah-salah") is None
    with pytest.raises(Locked):
        accounts.authenticate("siti", PASSWORD)
