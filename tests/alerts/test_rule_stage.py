"""Rules that apply only in an election stage: campaigning in masa tenang is critical."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from alerts.matching import evaluate
from alerts.rules import QUIET_PERIOD_RULE, Rule, RulesError, load_rules, rules_from_data
from alerts.stage import AlertStage
from alerts.store import AlertStore
from pantau.cli import app
from pipeline.events import EnrichedArticle
from tests.alerts.conftest import ASN_BODY, ASN_TITLE, story
from tests.conftest import enriched, raw_article

QUIET = Rule(id="tenang", topics=["kampanye"], during=["masa_tenang"])
CAMPAIGN_TITLE = "Paslon nomor urut 2 tetap berkampanye di pasar saat masa tenang"
CAMPAIGN_BODY = (
    "Pasangan calon wali kota nomor urut 2 menggelar kampanye tatap muka di Pasar Koja, "
    "Jakarta Utara, pada Senin pagi. Tim pemenangan membagikan kaus dan stiker kepada "
    "pedagang.\n\nBawaslu Jakarta Utara menyatakan kampanye dilarang selama masa tenang "
    "dan akan memanggil tim kampanye paslon tersebut. Alat peraga kampanye yang dipasang "
    "di pasar juga ditertibkan petugas."
)


def _at(published: datetime | None, crawled: datetime | None = None) -> EnrichedArticle:
    raw = raw_article(1).model_copy(update={"published_at": published})
    if crawled:
        raw = raw.model_copy(update={"crawled_at": crawled})
    return enriched(raw, topics={"kampanye": 0.9})


@pytest.mark.parametrize(
    ("published", "fires"),
    [
        (datetime(2024, 11, 25, 3, 0, tzinfo=UTC), True),  # 25 Nov 10:00 WIB
        (datetime(2024, 11, 23, 17, 30, tzinfo=UTC), True),  # 24 Nov 00:30 WIB: first day
        (datetime(2024, 11, 23, 16, 30, tzinfo=UTC), False),  # 23 Nov 23:30 WIB: campaign
        (datetime(2024, 11, 26, 17, 0, tzinfo=UTC), False),  # 27 Nov 00:00 WIB: voting day
    ],
)
def test_a_stage_rule_fires_only_in_its_days(published: datetime, fires: bool) -> None:
    assert (evaluate(QUIET, _at(published)) is not None) is fires


def test_the_stage_days_are_read_in_the_rules_zone() -> None:
    doc = _at(datetime(2024, 11, 23, 17, 30, tzinfo=UTC))  # 24 Nov in WIB, 23 Nov in UTC
    assert evaluate(QUIET, doc) is not None
    assert evaluate(QUIET.model_copy(update={"timezone": "UTC"}), doc) is None


def test_without_a_published_time_the_crawl_time_counts() -> None:
    assert evaluate(QUIET, _at(None, crawled=datetime(2024, 11, 25, tzinfo=UTC))) is not None
    assert evaluate(QUIET, _at(None, crawled=datetime(2024, 12, 25, tzinfo=UTC))) is None


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({"during": ["masa_bebas"]}, "unknown election stage 'masa_bebas'; known: "),
        ({"during": ["masa_tenang"], "timezone": "Mars/Olympus"}, "unknown time zone"),
    ],
)
def test_unknown_stages_and_zones_are_refused_at_load(
    tmp_path: Path, rule: dict[str, Any], message: str
) -> None:
    with pytest.raises(RulesError, match=message) as info:
        rules_from_data({"rules": [{"id": "x", "topics": ["kampanye"], **rule}]})
    if "stage" in message:
        assert "pilkada2024:masa_tenang" in str(info.value)  # the keys one may use
    path = tmp_path / "rules.yaml"
    path.write_text("rules:\n  - {id: x, topics: [kampanye], during: [masa_bebas]}\n")
    with pytest.raises(RulesError, match=f"rules file {path}"):
        load_rules(path)


def test_a_qualified_stage_key_loads_from_yaml(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text("rules:\n  - {id: x, topics: [kampanye], during: [pilkada2024:masa_tenang]}\n")
    rule = next(r for r in load_rules(path).rules if r.id == "x")
    assert evaluate(rule, _at(datetime(2024, 11, 25, 3, tzinfo=UTC))) is not None


def test_the_built_in_rule_can_be_switched_off_or_replaced() -> None:
    assert QUIET_PERIOD_RULE in rules_from_data({}).rules
    assert rules_from_data({}, default_rule=False).rules == []
    mine = {"rules": [{"id": QUIET_PERIOD_RULE.id, "topics": ["apk"], "during": ["masa_tenang"]}]}
    [replaced] = [r for r in rules_from_data(mine).rules if r.id == QUIET_PERIOD_RULE.id]
    assert replaced.topics == ["apk"]


def _campaign(n: int, published: datetime, enrich_stage: Any) -> EnrichedArticle:
    raw = story(n, CAMPAIGN_TITLE, CAMPAIGN_BODY).model_copy(update={"published_at": published})
    [doc] = enrich_stage.process([raw])
    return doc  # type: ignore[no-any-return]


def test_campaigning_reported_in_masa_tenang_is_a_critical_alert(
    tmp_path: Path, enrich_stage: Any
) -> None:
    """The real NLP reads the story; the built-in rule fires on it in masa tenang only,
    and the other built-in rule goes on as before."""
    stage = AlertStage(rules_from_data({}), AlertStore(tmp_path / "alerts.sqlite3"))
    quiet = _campaign(1, datetime(2024, 11, 25, 2, 0, tzinfo=UTC), enrich_stage)
    later = _campaign(2, datetime(2024, 12, 2, 2, 0, tzinfo=UTC), enrich_stage)
    [asn] = enrich_stage.process(
        [
            story(3, ASN_TITLE, ASN_BODY).model_copy(
                update={"published_at": quiet.article.published_at}
            )
        ]
    )
    assert {t.id for t in quiet.topics} & {"kampanye", "apk"}
    alerts = stage.process([quiet, later, asn])
    fired = {(a.article_id, a.rule_id): a.severity for a in alerts}
    assert fired[(quiet.id, QUIET_PERIOD_RULE.id)] == "critical"
    assert (later.id, QUIET_PERIOD_RULE.id) not in fired
    assert fired[(asn.id, "netralitas_asn")] == "critical"
    assert (asn.id, QUIET_PERIOD_RULE.id) not in fired  # not about campaigning


def test_alerts_test_takes_a_publication_time_for_stage_rules(tmp_path: Path) -> None:
    article = tmp_path / "kampanye.txt"
    article.write_text(f"{CAMPAIGN_TITLE}\n{CAMPAIGN_BODY}")
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules: []\n")
    args = ["alerts", "test", str(rules), str(article)]
    quiet = CliRunner().invoke(app, [*args, "--published", "25 Nov 2024 10:00"])
    assert quiet.exit_code == 0, quiet.output
    assert "+ kampanye_masa_tenang (critical) fires on topics" in quiet.output
    later = CliRunner().invoke(app, [*args, "--published", "2 Des 2024"])
    assert "- kampanye_masa_tenang: does not fire (not during masa_tenang)" in later.output
    data = ["--data-dir", str(tmp_path / "data"), "--rules", str(rules)]
    listed = CliRunner().invoke(app, ["alerts", "rules", *data])
    assert "during masa_tenang (Asia/Jakarta)" in " ".join(listed.output.split())
