"""`pantau status` shows the workers even when the operational store cannot be read."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from pantau.cli import app


def test_status_survives_a_damaged_store(tmp_path: Path) -> None:
    (tmp_path / "store.sqlite3").write_bytes(b"not a database at all" * 100)
    env = {"PANTAU_DATA_DIR": str(tmp_path), "COLUMNS": "200"}
    result = CliRunner().invoke(app, ["status", "--target", "127.0.0.1:1"], env=env)
    assert result.exit_code == 3, result.output  # the worker is down: 3, not a crash
    assert "down" in result.output
    assert "operational store cannot be read" in result.output
