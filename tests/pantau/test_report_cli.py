"""`pantau report` on the demo's data (the sample site through the embedded pipeline)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from typer.testing import CliRunner

from pantau.cli import app

runner = CliRunner()
OFFICE = "Bawaslu Provinsi DKI Jakarta"


def test_weekly_report_of_the_demo_agrees_with_search(demo_dir: Path, tmp_path: Path) -> None:
    args = ["report", "weekly", "--office", OFFICE, "--date", "2024-11-27", "--out", str(tmp_path)]
    result = runner.invoke(app, [*args, "--format", "json", "--format", "pdf",
                                 "--data-dir", str(demo_dir)])  # fmt: skip
    assert result.exit_code == 0, result.output
    stem = tmp_path / "laporan-mingguan-bawaslu-provinsi-dki-jakarta-2024-11-25"
    report = json.loads(stem.with_suffix(".json").read_text())
    search = runner.invoke(app, ["search", "", "--region", "31", "--format", "json",
                                 "--since", "2024-11-25T00:00:00+07:00",
                                 "--until", "2024-12-02T00:00:00+07:00",
                                 "--data-dir", str(demo_dir)])  # fmt: skip
    assert report["current"]["articles"] == json.loads(search.output)["total"] > 0
    assert report["alerts"] and all(a["evidence"] for a in report["alerts"])
    assert {"masa_tenang", "pemungutan_suara"} <= {s["key"] for s in report["stages"]}
    assert any(p["role"] == "official" and p["title"] for p in report["people"])
    text = subprocess.run(["pdftotext", str(stem.with_suffix(".pdf")), "-"],
                          capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert "LAPORAN MINGGUAN" in text and report["alerts"][0]["title"][:30] in text
    assert f"{report['current']['articles']} berita" in result.output


def test_unknown_office_is_a_clear_error(demo_dir: Path) -> None:
    result = runner.invoke(app, ["report", "daily", "--office", "Bawaslu Jakut",
                                 "--data-dir", str(demo_dir)])  # fmt: skip
    assert result.exit_code == 2 and "tidak dikenal" in result.output


def test_deliver_without_subscriptions_sends_nothing(demo_dir: Path) -> None:
    result = runner.invoke(app, ["report", "deliver", "--data-dir", str(demo_dir)])
    assert result.exit_code == 0 and result.output == ""
