"""The test PostgreSQL of devkit.services: starts from Debian's binaries, keeps its data."""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from devkit import postgres, services


@pytest.fixture
def state(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path
    services.down(tmp_path)
    shutil.rmtree(postgres.home_for(tmp_path), ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_start_stop_restart_keeps_the_data_on_loopback_only(state: Path):
    port = _free_port()
    services.start(state, services.POSTGRES, port, timeout=60)
    status = services.status(state)[services.POSTGRES]
    assert status.running and status.answering and status.port == port
    with psycopg.connect(postgres.url(port), autocommit=True) as conn:  # the pantau database
        assert conn.execute("SHOW listen_addresses").fetchone() == ("127.0.0.1",)
        assert conn.execute("SHOW unix_socket_directories").fetchone() == ("",)
        conn.execute("CREATE TABLE kept (x int)")
        conn.execute("INSERT INTO kept VALUES (42)")
    services.stop(state, services.POSTGRES)
    assert not services.status(state)[services.POSTGRES].running
    assert not postgres.answers(port)
    services.start(state, services.POSTGRES, port, timeout=60)
    with psycopg.connect(postgres.url(port)) as conn:
        assert conn.execute("SELECT x FROM kept").fetchone() == (42,)
