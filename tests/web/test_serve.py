"""`pantau serve`: refused on the network without accounts; a local admin on loopback."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pantau.cli import app as cli
from pantau.config import Settings, WebSettings
from pantau.web.serving import prepare
from pantau.wiring import SetupError, build_store
from store.accounts import Accounts
from tests.store.fixtures import FAST


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[tuple[Settings, Accounts]]:
    settings = Settings(data_dir=tmp_path)
    accounts = Accounts(build_store(settings), hasher=FAST)
    yield settings, accounts
    accounts.store.close()


@pytest.mark.parametrize("host", ["0.0.0.0", "10.1.2.3", "::"])
def test_serving_the_network_without_accounts_is_refused(
    tmp_path: Path, host: str, cli_runner: CliRunner
) -> None:
    r = cli_runner.invoke(cli, ["serve", "--host", host, "--data-dir", str(tmp_path)])
    assert r.exit_code == 2
    text = " ".join(r.output.split())
    assert "without accounts" in text and "pantau users add" in text and "127.0.0.1" in text


def test_loopback_creates_a_local_admin_once_and_shows_the_password(fresh) -> None:
    settings, accounts = fresh
    said: list[str] = []
    prepare(settings, "127.0.0.1", accounts, said.append)
    [message] = said
    password = re.search(r"password (\S+)", message)
    assert password and "only this once" in message
    user = accounts.authenticate("admin", password.group(1))
    assert user is not None and user.role == "admin"
    prepare(settings, "localhost", accounts, said.append)
    assert len(said) == 1 and accounts.count_users() == 1


def test_the_network_needs_the_host_names_people_use(fresh) -> None:
    settings, accounts = fresh
    accounts.add_user("kepala", "kata-sandi-panjang", "admin", actor="test")
    with pytest.raises(SetupError, match="PANTAU_WEB__ALLOWED_HOSTS"):
        prepare(settings, "0.0.0.0", accounts, print)
    named = settings.model_copy(update={"web": WebSettings(allowed_hosts=["pantau.example"])})
    assert prepare(named, "0.0.0.0", accounts, print) is named
    by_address = prepare(settings, "10.1.2.3", accounts, print)
    assert by_address.web.allowed_hosts == ["10.1.2.3"]
