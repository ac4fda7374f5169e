"""Fixtures for CLI and API tests: one demo run shared by the module that asks for it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pantau.cli import app

runner = CliRunner()


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("demo")
    result = runner.invoke(app, ["demo", "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    assert "Example search" in result.output
    assert "netralitas_asn" in result.output
    return data


@pytest.fixture(scope="session")
def shared_nlp() -> Any:
    from nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture
def one_nlp(monkeypatch: pytest.MonkeyPatch, shared_nlp: Any) -> None:
    """The real NLP pipeline, loaded once for the tests that start many runtimes."""
    monkeypatch.setattr("nlp.pipeline.load_pipeline", lambda path=None: shared_nlp)
