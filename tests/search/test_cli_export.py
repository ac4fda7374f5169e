"""`pantau search --all --output` and `pantau trends --output`: the same export as the web."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from pantau.cli import app
from pantau.config import Settings
from pantau.wiring import build_accounts, build_backend
from search.export import HIT_COLUMNS
from tests.search.fixtures import MORE

runner = CliRunner()


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli-export")
    backend = build_backend(Settings(data_dir=folder))
    backend.upsert(MORE)
    backend.close()
    return folder


def run(data: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = runner.invoke(app, [*args, "--data-dir", str(data)], env=env)
    assert result.exit_code == 0, result.output
    return result.output


def test_search_all_to_xlsx_holds_every_hit(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "semua.xlsx"
    run(data, "search", "--format", "xlsx", "--all", "--limit", "2", "--output", str(out))
    sheet = list(openpyxl.load_workbook(out).active.values)
    assert sheet[0] == HIT_COLUMNS
    assert {r[0] for r in sheet[1:]} == {d.id for d in MORE}  # every page, not --limit
    assert not list(tmp_path.glob("*.part"))


def test_search_all_stops_at_the_cap_and_says_so(data: Path) -> None:
    env = {"PANTAU_EXPORT__MAX_ROWS": "2"}
    result = runner.invoke(
        app, ["search", "--format", "csv", "--all", "--data-dir", str(data)], env=env
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert len(rows) == 1 + 2 + 1
    assert rows[-1][0].startswith("Ekspor dibatasi 2 baris dari 6 berita")


def test_csv_without_all_is_the_first_limit_rows(data: Path) -> None:
    rows = list(
        csv.DictReader(io.StringIO(run(data, "search", "--format", "csv", "--limit", "10")))
    )
    assert list(rows[0]) == list(HIT_COLUMNS)
    assert len(rows) == len(MORE)


def test_trends_to_a_file(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "tren.csv"
    run(data, "trends", "--by", "week", "--split", "source", "--format", "csv", "-o", str(out))
    rows = list(csv.DictReader(out.open()))
    assert sum(int(r["all"]) for r in rows) == len(MORE)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xlsx"], "add --output"),
        (["--all"], "add --format"),
        (["--format", "csv", "--cursor", "abc"], "--cursor pages table and json"),
    ],
)
def test_unusable_combinations_are_refused(data: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["search", *args, "--data-dir", str(data)])
    assert result.exit_code == 2 and message in result.output


def test_cli_exports_are_in_the_audit_log(data: Path, tmp_path: Path) -> None:
    env = {"PANTAU_EXPORT__MAX_ROWS": "2"}
    run(data, "search", "kampanye OR baliho", "--format", "json", "--all", env=env)
    run(data, "trends", "--split", "source", "--format", "csv", "-o", str(tmp_path / "t.csv"))
    accounts = build_accounts(Settings(data_dir=data))
    trend, search = accounts.audit_log(action="export", limit=2)
    accounts.store.close()
    assert (search.actor, search.target) == ("cli", "cli search")
    assert search.detail is not None and search.detail["query"] == {"text": "kampanye OR baliho"}
    assert (search.detail["rows"], search.detail["capped"], search.detail["format"]) == (
        2,
        True,
        "json",
    )
    assert (trend.target, trend.detail and trend.detail["query"]["split"]) == (
        "cli trends",
        "source",
    )
