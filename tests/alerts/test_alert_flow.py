"""End to end with the real NLP: raw article -> enrich -> alert -> signed webhook, once."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest

from alerts.webhook import verify
from pantau.config import AlertSettings, KafkaSettings, Settings
from pantau.wiring import attach_stages, build_alert_stage, build_dispatcher
from pipeline.bus import InlineBus
from pipeline.events import Alert, EnrichedArticle, RawArticle, dlq_topic
from pipeline.runner import StageRunner
from tests.alerts.conftest import (
    ASN_BODY,
    ASN_COPY_BODY,
    ASN_COPY_TITLE,
    ASN_TITLE,
    PASSING_BODY,
    PASSING_TITLE,
    Receiver,
    story,
)

SECRET = "kunci-webhook"


def _settings(tmp_path: Path, receiver: Receiver, **kw: Any) -> Settings:
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "channels:\n"
        f"  jakut-hook: {{type: webhook, url: '{receiver.url}'}}\n"
        "offices:\n"
        "  Bawaslu Kota Jakarta Utara: [jakut-hook]\n"
    )
    alerts = AlertSettings(rules_file=rules, webhook_secret=SECRET, **kw)
    return Settings(data_dir=tmp_path / "data", alerts=alerts)


STORIES = {
    "asn": story(1, ASN_TITLE, ASN_BODY),
    "copy": story(2, ASN_COPY_TITLE, ASN_COPY_BODY, host="kabarjakarta.id"),
    "passing": story(3, PASSING_TITLE, PASSING_BODY),
}


def test_inline_asn_story_alerts_its_office_once_with_evidence(
    tmp_path: Path, receiver: Receiver, enrich_stage: Any
) -> None:
    settings = _settings(tmp_path, receiver)
    bus = InlineBus()
    stages = attach_stages(settings, bus, ("alert",))
    enrich = StageRunner(
        enrich_stage, bus, source="articles.raw.v1", model=RawArticle, sink="articles.enriched.v1"
    )
    enrich.attach("test-enrich")
    assert stages.dispatcher is not None
    try:
        bus.publish("articles.raw.v1", STORIES["asn"].to_bytes(), key=STORIES["asn"].id)
        bus.flush()
        [got] = receiver.wait(1)
        assert verify(SECRET, got.headers, got.body)
        alert = got.json
        assert alert["article_id"] == STORIES["asn"].id
        assert alert["office"] == "Bawaslu Kota Jakarta Utara"
        assert "Bawaslu Provinsi DKI Jakarta" in alert["offices"]
        assert alert["severity"] == "critical"
        assert any("netralitas ASN" in s for s in alert["evidence"])
        assert any("berfoto bersama pasangan calon" in s for s in alert["evidence"])

        for name in ("copy", "asn", "passing"):  # a copy, a redelivery, a passing mention
            bus.publish("articles.raw.v1", STORIES[name].to_bytes(), key=STORIES[name].id)
        bus.flush()
        time.sleep(0.5)
        assert len(receiver.received) == 1
    finally:
        stages.dispatcher.stop()
    [item] = stages.dispatcher.store.feed()
    assert [c["url"] for c in item.copies] == [STORIES["copy"].url]
    assert item.deliveries[0].status == "delivered"
    assert bus.unrouted == []  # embedded: the feed is the store, nothing dead-lettered


def test_passing_mention_of_asn_does_not_fire(enrich_stage: Any, tmp_path: Path) -> None:
    [doc] = enrich_stage.process([STORIES["passing"]])
    assert doc.election_related
    stage = build_alert_stage(Settings(data_dir=tmp_path))
    assert stage.process([doc]) == []


@pytest.mark.kafka
def test_alert_worker_over_kafka_delivers_once(
    kafka_bootstrap: str, unique: str, tmp_path: Path, receiver: Receiver, enrich_stage: Any
) -> None:
    from pipeline.kafka import KafkaBus

    raw, enriched_t, alerts_t = (f"alerts-{unique}.{n}" for n in ("raw", "enriched", "alerts"))
    producer = KafkaBus(kafka_bootstrap)
    producer.ensure_topics([raw, enriched_t, alerts_t, dlq_topic(enriched_t)], partitions=3)
    for name in ("asn", "copy", "asn", "passing"):  # "asn" twice: a redelivered message
        producer.publish(raw, STORIES[name].to_bytes(), key=STORIES[name].id)
    producer.flush()
    producer.close()

    settings = _settings(tmp_path, receiver).model_copy(
        update={"bus": "kafka", "kafka": KafkaSettings(bootstrap=kafka_bootstrap)}
    )
    dispatcher = build_dispatcher(settings)
    dispatcher.start()
    alert_stage = build_alert_stage(settings, store=dispatcher.store, rules=dispatcher.rules)
    alert_stage.notify = dispatcher.poke
    workers = KafkaBus(kafka_bootstrap, poll_timeout=0.2)
    StageRunner(enrich_stage, workers, source=raw, model=RawArticle, sink=enriched_t).attach(
        f"t-{unique}-enrich"
    )
    StageRunner(
        alert_stage, workers, source=enriched_t, model=EnrichedArticle, sink=alerts_t
    ).attach(f"t-{unique}-alert")
    emitted: list[Alert] = []
    workers.subscribe([alerts_t], f"t-{unique}-read", lambda ms: emitted.extend(
        Alert.model_validate_json(m.value) for m in ms
    ))  # fmt: skip
    stop = threading.Event()
    thread = threading.Thread(target=workers.run, args=(stop,), daemon=True)
    thread.start()
    try:
        [got] = receiver.wait(1, timeout=120)
        assert verify(SECRET, got.headers, got.body)
        # partitions interleave: whichever copy of the story is seen first alerts
        assert got.json["article_id"] in {STORIES["asn"].id, STORIES["copy"].id}
        deadline = time.monotonic() + 20
        while alert_stage.suppressed < 1 and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1.0)
    finally:
        stop.set()
        thread.join(30)
        workers.close()
        dispatcher.stop()
    assert len(receiver.received) == 1
    # the copy, and (when the copy came first) the original's redelivery, were suppressed
    assert alert_stage.suppressed in (1, 2)
    assert {a.id for a in emitted} == {got.json["id"]}  # alerts.v1: one id (maybe re-sent)
    assert dispatcher.store.counts() == {
        "alerts": 1, "copies": 1, "pending": 0, "delivered": 1, "dead": 0
    }  # fmt: skip


@pytest.mark.kafka
def test_attach_stages_alert_gives_the_kafka_alert_worker(
    kafka_bootstrap: str, unique: str, tmp_path: Path, receiver: Receiver, enrich_stage: Any
) -> None:
    """What `pantau worker alert` runs: attach_stages(..., ("alert",)) on the real topics."""
    from pipeline.events import TOPIC_ALERTS, TOPIC_ENRICHED
    from pipeline.kafka import KafkaBus

    source = f"src-{unique}"
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        f"channels:\n  hook: {{type: webhook, url: '{receiver.url}'}}\n"
        f"rules:\n  - id: r-{unique}\n    sources: [{source}]\n    topics: [netralitas_asn]\n"
        "    channels: [hook]\n"
    )
    settings = Settings(
        data_dir=tmp_path / "data",
        bus="kafka",
        kafka=KafkaSettings(bootstrap=kafka_bootstrap),
        alerts=AlertSettings(rules_file=rules, webhook_secret=SECRET, default_rule=False),
    )
    raw = story(7, ASN_TITLE, ASN_BODY, host=f"{unique}.example")
    [doc] = enrich_stage.process([raw.model_copy(update={"source": source})])
    producer = KafkaBus(kafka_bootstrap)
    producer.ensure_topics([TOPIC_ENRICHED, TOPIC_ALERTS], partitions=3)
    for _ in range(2):  # and once more: a redelivery
        producer.publish(TOPIC_ENRICHED, doc.to_bytes(), key=doc.id)
    producer.flush()
    producer.close()

    worker = KafkaBus(kafka_bootstrap, poll_timeout=0.2)
    stages = attach_stages(settings, worker, ("alert",), group_prefix=f"t-{unique}")
    assert set(stages.runners) == {"alert"} and stages.dispatcher is not None
    stop = threading.Event()
    thread = threading.Thread(target=worker.run, args=(stop,), daemon=True)
    thread.start()
    try:
        [got] = receiver.wait(1, timeout=90)
        time.sleep(1.0)
    finally:
        stop.set()
        thread.join(30)
        worker.close()
        stages.dispatcher.stop()
    assert len(receiver.received) == 1
    assert got.json["article_id"] == doc.id and got.json["source"] == source
    assert stages.runners["alert"].sink == TOPIC_ALERTS
