"""`pantau alerts`: test a rules file on an article, list the feed, deliver pending."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from alerts.stage import AlertStage
from pantau.cli import app
from pantau.config import AlertSettings, Settings
from pantau.wiring import build_alert_rules, build_alert_store
from tests.alerts.conftest import ASN_BODY, ASN_TITLE, Receiver, story
from tests.conftest import enriched

runner = CliRunner()

RULES = """
channels:
  hook: {type: webhook, url: "%s", secret: rahasia}
offices:
  Bawaslu Kota Jakarta Utara: [hook]
rules:
  - id: camat_dua_jari
    keywords: camat "dua jari"
    severity: info
"""


@pytest.fixture
def rules_file(tmp_path: Path, receiver: Receiver) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(RULES % receiver.url)
    return path


def test_alerts_test_shows_fired_rules_routing_and_evidence(
    tmp_path: Path, rules_file: Path
) -> None:
    article = tmp_path / "asn.txt"
    article.write_text(f"{ASN_TITLE}\n{ASN_BODY}")
    result = runner.invoke(app, ["alerts", "test", str(rules_file), str(article)])
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "+ netralitas_asn (critical) fires on topics" in out
    assert "+ camat_dua_jari (info) fires on keywords" in out
    assert "offices: Bawaslu Kota Jakarta Utara, Bawaslu Provinsi DKI Jakarta" in out
    assert "> Camat tersebut kedapatan berfoto bersama pasangan calon" in out
    assert "2 of 3 rules fire" in out


def test_alerts_test_reports_a_bad_rules_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - id: x\n    channels: [nope]\n    topics: [a]\n")
    result = runner.invoke(app, ["alerts", "test", str(bad), str(bad)])
    assert result.exit_code == 2
    assert "unknown channel 'nope'" in result.output


def test_list_and_deliver_from_the_store(
    tmp_path: Path, rules_file: Path, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PANTAU_ALERTS__RULES_FILE", str(rules_file))
    data = tmp_path / "data"
    settings = Settings(data_dir=data, alerts=AlertSettings(rules_file=rules_file))
    stage = AlertStage(build_alert_rules(settings), build_alert_store(settings))
    stage.process([enriched(story(1, ASN_TITLE, ASN_BODY), topics={"netralitas_asn": 0.9})])

    listed = runner.invoke(app, ["alerts", "list", "--data-dir", str(data)])
    assert listed.exit_code == 0, listed.output
    assert "-> hook: pending, 0 attempts" in listed.output
    assert "2 alerts (0 copies suppressed)" in listed.output  # the default rule and camat

    sent = runner.invoke(app, ["alerts", "deliver", "--data-dir", str(data)])
    assert sent.exit_code == 0, sent.output
    assert "delivered 2" in sent.output
    assert len(receiver.received) == 2

    args = ["--rule", "netralitas_asn", "--status", "delivered", "--format", "json"]
    as_json = runner.invoke(app, ["alerts", "list", *args, "--data-dir", str(data)])
    [item] = json.loads(as_json.output)
    assert item["rule_id"] == "netralitas_asn"
    assert item["deliveries"][0]["status"] == "delivered"
    assert item["offices"][0] == "Bawaslu Kota Jakarta Utara"


def test_rules_can_be_stored_listed_and_removed(tmp_path: Path, rules_file: Path) -> None:
    data = ["--data-dir", str(tmp_path / "data"), "--rules", str(rules_file)]
    rule = tmp_path / "one.yaml"
    rule.write_text("id: serangan_fajar\nkeywords: '\"serangan fajar\"'\nchannels: [hook]\n")
    added = runner.invoke(app, ["alerts", "rules", "--add", str(rule), *data])
    assert added.exit_code == 0, added.output
    assert "serangan_fajar (stored): serangan_fajar; all of keywords" in added.output
    assert "netralitas_asn: Netralitas ASN; all of topics; critical" in added.output
    removed = runner.invoke(app, ["alerts", "rules", "--remove", "serangan_fajar", *data])
    assert "serangan_fajar" not in removed.output
    again = runner.invoke(app, ["alerts", "rules", "--remove", "serangan_fajar", *data])
    assert again.exit_code == 2 and "no stored rule" in again.output
