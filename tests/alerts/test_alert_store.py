"""The store: syndication groups, dedupe by (rule, group), the delivery outbox."""

from __future__ import annotations

from pathlib import Path

import pytest

from alerts.channels.webhook import WebhookChannel
from alerts.grouping import Grouping, hamming
from alerts.rules import RuleSet, rules_from_data
from alerts.stage import AlertStage
from alerts.store import AlertStore
from pipeline.events import EnrichedArticle, RawArticle
from pipeline.fingerprint import simhash
from tests.alerts.conftest import ASN_BODY, ASN_COPY_BODY, OTHER_BODY, PASSING_BODY
from tests.conftest import enriched, raw_article


def _asn(n: int, body: str = ASN_BODY, fingerprint: str | None = "auto") -> EnrichedArticle:
    raw = raw_article(n, body=body)
    fp = simhash(body) if fingerprint == "auto" else fingerprint
    raw = RawArticle.model_validate({**raw.model_dump(), "fingerprint": fp})
    return enriched(raw, topics={"netralitas_asn": 0.9})


def _stage(tmp_path: Path, rules: RuleSet | None = None) -> AlertStage:
    rules = rules or rules_from_data(
        {
            "channels": {"hook": WebhookChannel(url="http://127.0.0.1:9/").model_dump()},
            "offices": {"Bawaslu Kota Jakarta Utara": ["hook"]},
        }
    )
    return AlertStage(rules, AlertStore(tmp_path / "alerts.sqlite3"))


def test_copies_are_a_few_bits_apart_and_other_stories_far() -> None:
    asn = simhash(ASN_BODY)
    assert hamming(asn, simhash(ASN_COPY_BODY)) <= Grouping().max_distance
    for other in (OTHER_BODY, PASSING_BODY):
        assert hamming(asn, simhash(other)) > 2 * Grouping().max_distance - 4


def test_grouping_joins_the_nearest_recent_story() -> None:
    g = Grouping(max_distance=3)
    recent = [("g1", "ffff0000ffff0000"), ("g2", "ffff0000ffff0003")]
    assert g.assign("a", "ffff0000ffff0001", recent) == "g1"
    assert g.assign("a", "0000ffff0000ffff", recent) == "0000ffff0000ffff"
    assert g.assign("a", None, recent) == "id:a"


def test_one_alert_per_rule_and_story_however_many_copies(tmp_path: Path) -> None:
    stage = _stage(tmp_path)
    first = stage.process([_asn(1)])
    assert len(first) == 1
    alert = first[0]
    assert alert.office == "Bawaslu Kota Jakarta Utara"
    assert stage.process([_asn(2, ASN_COPY_BODY)]) == []  # syndicated copy
    assert stage.process([_asn(1)]) == [alert]  # redelivery: same event, nothing new
    feed = stage.store.feed()
    assert len(feed) == 1
    assert feed[0].offices == ["Bawaslu Kota Jakarta Utara", "Bawaslu Provinsi DKI Jakarta"]
    assert [c["article_id"] for c in feed[0].copies] == [_asn(2).id]
    assert [(d.channel, d.status) for d in feed[0].deliveries] == [("hook", "pending")]
    assert stage.store.counts()["pending"] == 1


def test_a_different_story_alerts_again(tmp_path: Path) -> None:
    stage = _stage(tmp_path)
    assert len(stage.process([_asn(1), _asn(3, OTHER_BODY)])) == 2


def test_without_fingerprint_an_article_still_alerts_once(tmp_path: Path) -> None:
    stage = _stage(tmp_path)
    assert len(stage.process([_asn(1, fingerprint=None)])) == 1
    assert stage.process([_asn(1, fingerprint=None)])[0].group == f"id:{_asn(1).id}"
    assert stage.store.counts()["alerts"] == 1


def test_claims_are_leased_failures_back_off_and_dead_letters_requeue(tmp_path: Path) -> None:
    stage = _stage(tmp_path)
    stage.process([_asn(1)])
    store = stage.store
    due = store.claim_due(lease=60)
    assert len(due) == 1
    assert store.claim_due() == []  # leased: a second sender skips it
    store.failed([due[0].delivery.id], "HTTP 503", retry_at=10**12)
    assert store.claim_due() == []  # not due yet
    store.failed([due[0].delivery.id], "HTTP 503", retry_at=None)
    dead = store.feed(status="dead")
    assert dead and dead[0].deliveries[0].last_error == "HTTP 503"
    assert dead[0].deliveries[0].attempts == 2
    assert store.requeue() == 1
    assert len(store.claim_due()) == 1


def test_rules_added_through_the_api_apply_from_the_next_batch(tmp_path: Path) -> None:
    from alerts.rules import Rule, RulesError

    stage = _stage(tmp_path)
    doc = enriched(raw_article(9, body="Warga menerima amplop berisi uang."), election_related=True)
    assert stage.process([doc]) == []
    stage.store.put_rule(Rule(id="amplop", keywords="amplop", channels=["hook"]))
    [alert] = stage.process([doc])
    assert alert.rule_id == "amplop"
    assert [d.channel for d in stage.store.feed()[0].deliveries] == ["hook"]
    assert stage.store.delete_rule("amplop")
    other = enriched(raw_article(10, body="Amplop lain lagi."), election_related=True)
    assert stage.process([other]) == []
    with pytest.raises(RulesError, match="unknown channel"):
        stage.rules.with_rules([Rule(id="x", keywords="a", channels=["nope"])])
