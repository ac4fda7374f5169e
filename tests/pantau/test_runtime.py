"""Every entry point closes what its Runtime opened (bus, stages, dispatcher, backend)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from pantau.cli import app
from pantau.clikit import settings_with
from pantau.runtime import Runtime

runner = CliRunner()
pytestmark = pytest.mark.usefixtures("one_nlp")


@pytest.fixture
def runtimes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Runtime]]:
    """The runtimes entered meanwhile; on teardown, each must be fully closed."""
    made: list[Runtime] = []
    opening = Runtime.open

    def recording(self: Runtime) -> Runtime:
        if self not in made:
            made.append(self)
        return opening(self)

    monkeypatch.setattr(Runtime, "open", recording)
    yield made
    assert made, "the entry point made no Runtime"
    for runtime in made:
        assert runtime.closed
        backend = getattr(runtime, "_backend", None)
        if backend is not None and backend.name == "sqlite":
            with pytest.raises(sqlite3.ProgrammingError, match="closed"):
                backend._db.execute("SELECT 1")
    assert not [t for t in threading.enumerate() if t.name.startswith("pantau-")]


def _boom(*args: object, **kw: object) -> None:
    raise RuntimeError("boom")


def test_demo_closes_everything_when_the_crawl_fails(
    runtimes: list[Runtime], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pantau.demo import run_demo

    monkeypatch.setattr("pantau.demo.crawl", _boom)
    with pytest.raises(RuntimeError, match="boom"):
        run_demo(settings_with(tmp_path), Console(file=None, quiet=True))


def test_crawl_closes_everything_when_the_crawl_fails(
    runtimes: list[Runtime], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("crawlers.run.crawl", _boom)
    args = ["crawl", "http://127.0.0.1:9/rss.xml", "--data-dir", str(tmp_path)]
    result = runner.invoke(app, args)
    assert isinstance(result.exception, RuntimeError)


@pytest.mark.parametrize("fails", [False, True])
def test_ingest_closes_everything_on_success_and_failure(
    runtimes: list[Runtime], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fails: bool
) -> None:
    from pantau.ingest import ingest_files

    note = tmp_path / "catatan.txt"
    note.write_text("Bawaslu awasi kampanye\n\nBawaslu Kota Bogor mengawasi kampanye.\n")
    if fails:
        monkeypatch.setattr("pantau.ingest._read", _boom)
    settings = settings_with(tmp_path / "data")
    if fails:
        with pytest.raises(RuntimeError, match="boom"):
            ingest_files(settings, [note], url=None, source=None)
    else:
        assert ingest_files(settings, [note], url=None, source=None).indexed == 1


def test_serve_closes_the_backend_when_the_server_stops(
    runtimes: list[Runtime], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("uvicorn.run", _boom)
    result = runner.invoke(app, ["serve", "--data-dir", str(tmp_path)])
    assert isinstance(result.exception, RuntimeError)


@pytest.mark.kafka
def test_alert_worker_stops_its_dispatcher_and_closes_the_bus(
    runtimes: list[Runtime], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kafka_bootstrap: str
) -> None:
    monkeypatch.setenv("PANTAU_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PANTAU_KAFKA__BOOTSTRAP", kafka_bootstrap)
    monkeypatch.setattr("pantau.commands.stream._run", _boom)
    result = runner.invoke(app, ["worker", "alert", "--metrics-port", "0"])
    assert isinstance(result.exception, RuntimeError)
    [runtime] = runtimes
    assert runtime.stages.dispatcher is not None  # it ran one, and it is stopped now


def test_workers_index_into_elasticsearch_unless_the_backend_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pantau.commands.stream import worker_settings

    monkeypatch.setenv("PANTAU_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("PANTAU_BACKEND", raising=False)
    assert (worker_settings().bus, worker_settings().backend) == ("kafka", "elasticsearch")
    monkeypatch.setenv("PANTAU_BACKEND", "sqlite")
    assert (worker_settings().bus, worker_settings().backend) == ("kafka", "sqlite")
