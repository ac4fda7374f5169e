"""One election calendar (PANTAU_CALENDAR) for search, alert rules, the form and reports."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from alerts.matching import evaluate
from alerts.rules import Rule, RulesError, load_rules
from pantau.cli import app
from pantau.config import ReportSettings, Settings
from pantau.wiring import SetupError, build_api, install_calendar
from search.query import SearchQuery
from store.accounts import Accounts
from tests.conftest import enriched, raw_article
from tests.web.conftest import BASE, sign_in

OWN = """
elections:
  - key: uji2024
    name: Pemilihan Uji 2024
    source: kalender uji
    stages:
      - {key: hari_uji, label: Hari uji, start: 2024-12-10, end: 2024-12-10}
      - {key: masa_tenang, label: Masa tenang uji, start: 2024-12-02, end: 2024-12-03}
"""


@pytest.fixture
def own_calendar(tmp_path: Path) -> Path:
    path = tmp_path / "kalender.yaml"
    path.write_text(OWN)
    return path


@pytest.fixture
def custom(settings: Settings, accounts: Accounts, own_calendar: Path) -> TestClient:
    """The web app of a data dir whose settings name their own calendar, signed in."""
    app_ = build_api(settings.model_copy(update={"calendar": own_calendar}), accounts)
    client = TestClient(app_, base_url=BASE, raise_server_exceptions=False)
    assert sign_in(client, "admin").status_code == 303
    return client


def test_search_and_the_form_read_the_configured_calendar(custom: TestClient) -> None:
    found = custom.get("/api/search", params={"during": "hari_uji", "collapse": "false"})
    assert found.status_code == 200, found.text
    days = {h["published_at"][:10] for h in found.json()["hits"]}
    assert days == {"2024-12-10"}  # the fixture's Bogor camat story and its copy
    page = custom.get("/", params={"during": "uji2024:hari_uji"})
    assert page.status_code == 200
    assert '<option value="uji2024:hari_uji" selected>Hari uji (10 Des 2024)</option>' in page.text
    assert "pilkada2024" not in page.text  # the bundled election is not offered
    assert "during=masa_tenang" in page.text  # a shortcut to a stage this calendar has
    assert "during=masa_kampanye" not in page.text  # none to one it lacks


def test_reports_read_the_configured_calendar(custom: TestClient) -> None:
    answer = custom.get(
        "/api/reports/daily", params={"office": "Bawaslu Kota Jakarta Utara", "date": "2024-12-10"}
    )
    assert answer.status_code == 200, answer.text
    assert [s["label"] for s in answer.json()["stages"]] == ["Hari uji"]


def test_a_rule_during_a_stage_of_the_configured_calendar(tmp_path: Path, own_calendar: Path):
    install_calendar(Settings(data_dir=tmp_path, calendar=own_calendar))
    rule = Rule(id="uji", topics=["kampanye"], during=["hari_uji"])
    at = datetime(2024, 12, 10, 3, tzinfo=UTC)  # 10:00 WIB
    doc = enriched(raw_article(1, published_at=at), topics={"kampanye": 0.9})
    assert evaluate(rule, doc) is not None
    later = enriched(raw_article(2, published_at=at.replace(day=11)), topics={"kampanye": 0.9})
    assert evaluate(rule, later) is None
    # the built-in quiet-period rule follows the calendar's masa_tenang (2-3 Dec here)
    quiet = next(r for r in load_rules(None).rules if r.during)
    tenang = enriched(raw_article(3, published_at=at.replace(day=2)), topics={"kampanye": 0.9})
    assert evaluate(quiet, tenang) is not None
    assert SearchQuery.from_params("", filters={}, during="hari_uji").since == datetime(
        2024, 12, 9, 17, tzinfo=UTC
    )


def test_a_calendar_without_masa_tenang_names_the_built_in_rule(tmp_path: Path) -> None:
    path = tmp_path / "kalender.yaml"
    path.write_text(OWN.split("      - {key: masa_tenang")[0])
    install_calendar(Settings(data_dir=tmp_path, calendar=path))
    with pytest.raises(RulesError, match=r"kampanye_masa_tenang.*masa_tenang"):
        load_rules(None)
    assert load_rules(None, default_rule=False).rules == []


def test_the_old_reports_setting_still_names_the_calendar(tmp_path: Path, own_calendar: Path):
    old = Settings(data_dir=tmp_path, reports=ReportSettings(calendar=own_calendar))
    assert install_calendar(old).stage("hari_uji").election == "uji2024"
    both = old.model_copy(update={"calendar": tmp_path / "lain.yaml"})
    assert both.calendar_file == tmp_path / "lain.yaml"  # the new name wins


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("elections: [", "not valid YAML"),
        (OWN.replace("2024-12-10, end: 2024-12-10", "2024-12-10, end: 2024-12-01"), "before"),
        (OWN.replace("key: hari_uji", "key: Hari Uji"), "elections.0.stages.0.key"),
    ],
)
def test_a_malformed_calendar_stops_the_cli_naming_file_and_problem(
    tmp_path: Path, cli_runner: CliRunner, text: str, problem: str
) -> None:
    path = tmp_path / "kalender.yaml"
    path.write_text(text)
    with pytest.raises(SetupError, match=r"kalender\.yaml"):
        install_calendar(Settings(data_dir=tmp_path, calendar=path))
    env = {"PANTAU_CALENDAR": str(path), "PANTAU_DATA_DIR": str(tmp_path)}
    result = cli_runner.invoke(app, ["search", "netralitas"], env=env)
    assert result.exit_code == 2
    message = " ".join(result.output.split())
    assert "kalender.yaml" in message and problem in message
    assert "PANTAU_CALENDAR" in message  # what to fix


def test_a_stored_rule_whose_stage_left_the_calendar_is_ignored_not_fatal(
    settings: Settings, own_calendar: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from pantau.wiring import build_alert_store

    install_calendar(settings.model_copy(update={"calendar": own_calendar}))
    store = build_alert_store(settings)
    try:
        store.put_rule(Rule(id="uji-hari", topics=["kampanye"], during=["hari_uji"]))
        store.put_rule(Rule(id="uji-kata", keywords="baliho"))
        install_calendar(settings)  # the bundled calendar has no hari_uji
        assert [r.id for r in store.stored_rules()] == ["uji-kata"]
    finally:
        store.close()
    assert "'uji-hari' ignored" in caplog.text and "hari_uji" in caplog.text


def test_the_calendar_file_is_read_once_while_it_stays_the_same(
    tmp_path: Path, own_calendar: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`pantau serve` installs the calendar in the CLI's callback and in `build_api`."""
    from search.calendar import Calendar

    reads: list[Path] = []
    load = Calendar.load

    def counted(path: Path) -> Calendar:
        reads.append(path)
        return load(path)

    monkeypatch.setattr(Calendar, "load", counted)
    settings = Settings(data_dir=tmp_path, calendar=own_calendar)
    first = install_calendar(settings)
    assert install_calendar(settings) is first and len(reads) == 1
    own_calendar.write_text(own_calendar.read_text() + "\n# diubah\n")  # edited: read again
    assert install_calendar(settings).stage("hari_uji") and len(reads) == 2
