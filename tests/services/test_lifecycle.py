"""devkit.services without starting anything: state files, port clashes, errors people read."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from devkit import services


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]


def test_status_of_a_fresh_state_dir_is_stopped(tmp_path: Path) -> None:
    statuses = services.status(tmp_path)
    assert set(statuses) == {"kafka", "elasticsearch", "postgres"}
    assert not any(s.running or s.answering or s.pid for s in statuses.values())


def test_down_with_nothing_running_is_a_no_op(tmp_path: Path) -> None:
    services.down(tmp_path)
    services.down(tmp_path)
    assert not any(s.running for s in services.status(tmp_path).values())


def test_a_pid_file_naming_another_program_is_neither_trusted_nor_killed(tmp_path: Path) -> None:
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "kafka.pid").write_text(f"{os.getpid()}\n")
    assert services.status(tmp_path)["kafka"].running is False
    services.down(tmp_path)  # must not SIGTERM this test process
    assert not (tmp_path / "run" / "kafka.pid").exists()


def test_down_kills_a_service_that_ignores_sigterm(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stubborn = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)"
    # The extra argument makes the command line look like the broker's.
    process = subprocess.Popen([sys.executable, "-c", stubborn, "kafka.Kafka"])
    try:
        time.sleep(0.5)  # let it install the handler
        (tmp_path / "run").mkdir()
        (tmp_path / "run" / "kafka.pid").write_text(f"{process.pid}\n")
        assert services.status(tmp_path)["kafka"].running is True
        monkeypatch.setattr(services, "STOP_GRACE_SECONDS", 1.0)
        services.down(tmp_path)
        assert process.wait(timeout=5) == -signal.SIGKILL
    finally:
        process.kill()
        process.wait()


def test_up_names_the_port_another_process_holds(tmp_path: Path, busy_port: int) -> None:
    with pytest.raises(services.ServicesError, match=f"port {busy_port} is in use"):
        services.up(tmp_path, kafka_port=busy_port, es_port=busy_port + 2, timeout=1)


def test_build_without_java_says_to_install_a_jdk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("shutil.which", lambda _: None)
    with pytest.raises(services.ServicesError, match="java not found: install a JDK 17"):
        services.build(tmp_path)


@pytest.mark.parametrize(
    ("template", "values"),
    [
        ("kafka-server.properties", {"port": 1, "controller_port": 2, "log_dirs": "/d"}),
        (
            "elasticsearch.properties",
            {"home": "/h", "data": "/d", "logs": "/l", "http_port": 1, "transport_port": 2},
        ),
    ],
)
def test_config_templates_leave_no_placeholder(
    tmp_path: Path, template: str, values: dict[str, object]
) -> None:
    target = tmp_path / template
    services._render(template, target, **values)
    assert "$" not in target.read_text()


def test_kafka_cluster_id_has_kafkas_uuid_shape() -> None:
    cluster_id = services._kafka_cluster_id()
    assert re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_-]{21}", cluster_id)


def test_main_status_exits_3_when_services_are_down(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert services.main(["status", "--dir", str(tmp_path)]) == 3
    assert "kafka" in capsys.readouterr().out


def test_cli_status_lists_the_three_services(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from pantau.cli import app

    result = CliRunner().invoke(app, ["services", "status", "--dir", str(tmp_path)])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert [line.split()[:2] for line in lines] == [
        ["kafka", "stopped"],
        ["elasticsearch", "stopped"],
        ["postgres", "stopped"],
    ]
