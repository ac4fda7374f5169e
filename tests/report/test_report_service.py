"""The compose file runs scheduled report delivery as a service of its own."""

from __future__ import annotations

from pathlib import Path

import yaml
from typer.testing import CliRunner

from pantau.cli import app

COMPOSE = Path(__file__).resolve().parents[2] / "docker-compose.yml"


def test_compose_runs_report_delivery_on_the_shared_store() -> None:
    services = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))["services"]
    reports = services["reports"]
    assert reports["command"] == ["report", "deliver", "--watch", "60"]
    assert reports["environment"] == services["web"]["environment"]  # same image and settings
    assert "@postgres:5432/" in reports["environment"]["PANTAU_STORE__URL"]
    assert "postgres" in reports["depends_on"]
    # the command is one the CLI knows, with the options given
    answer = CliRunner().invoke(app, [*reports["command"], "--help"])
    assert answer.exit_code == 0 and "--watch" in answer.output
