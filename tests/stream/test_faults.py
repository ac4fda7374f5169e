"""Fault tests: real workers (subprocesses) over a private Kafka + Elasticsearch pair.

Each test ends by checking the index holds every produced article exactly once, and
that the workers still run and stop gracefully on SIGTERM.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable

import pytest
from kafka import KafkaConsumer, TopicPartition

from devkit import services
from pipeline.bus import Message
from pipeline.events import TOPIC_ALERTS, TOPIC_ENRICHED, TOPIC_RAW, dlq_topic
from pipeline.kafka import KafkaBus
from tests.stream.conftest import (
    PARTITIONS,
    Private,
    Worker,
    articles,
    indexed_ids,
    produce,
    wait_until,
)

pytestmark = [pytest.mark.kafka, pytest.mark.elasticsearch, pytest.mark.timeout(240)]

Start = Callable[[str], Worker]


def _ready(*ws: Worker) -> None:
    wait_until("workers to join their groups", lambda: all(w.ready() for w in ws), timeout=90)


def _all_indexed(private: Private, alias: str, expected: set[str], timeout: float = 120) -> None:
    def done() -> bool:
        return set(indexed_ids(private.es_url, alias)) >= expected

    wait_until(f"{len(expected)} articles indexed", done, timeout=timeout)
    ids = indexed_ids(private.es_url, alias)
    assert len(ids) == len(expected), "an article was indexed twice or a stranger slipped in"
    assert set(ids) == expected


def _graceful(*ws: Worker) -> None:
    for w in ws:
        assert w.proc.poll() is None, f"{w.stage} died:\n{w.output()[-3000:]}"
    for w in ws:
        assert w.stop() == 0, w.output()[-3000:]


def test_elasticsearch_down_mid_stream_indexes_everything_once(
    private: Private, workers: Start, unique: str
) -> None:
    enrich, index = workers("enrich"), workers("index")
    _ready(enrich, index)
    arts = articles(unique, 400)
    payloads = [(a.id, a.to_bytes()) for a in arts]
    produce(private.bootstrap, payloads[:100])
    alias = f"fault-{unique}"
    wait_until("some indexed", lambda: len(indexed_ids(private.es_url, alias)) > 0)
    private.stop(services.ELASTICSEARCH)
    produce(private.bootstrap, payloads[100:])
    wait_until("index worker to back off", lambda: index.total("pantau_failed_total") >= 2)
    assert index.total("pantau_paused") == 1 and index.total("pantau_dlq_total") == 0
    # SIGTERM while waiting out a backoff abandons the batch uncommitted and exits at once.
    started = time.monotonic()
    assert index.stop() == 0, index.output()[-3000:]
    assert time.monotonic() - started < 15
    private.start(services.ELASTICSEARCH)
    again = workers("index")
    _all_indexed(private, alias, {a.id for a in arts})
    assert again.total("pantau_dlq_total") == 0
    _graceful(enrich, again)


def test_enrich_worker_sigkilled_mid_batch_loses_and_duplicates_nothing(
    private: Private, workers: Start, unique: str
) -> None:
    enrich, index, alert = workers("enrich"), workers("index"), workers("alert")
    _ready(enrich, index, alert)
    arts = articles(unique, 600, paragraphs=12)
    produce(private.bootstrap, [(a.id, a.to_bytes()) for a in arts])
    wait_until("enrich under way", lambda: enrich.total("pantau_processed_total") >= 50, every=0.1)
    enrich.signal(signal.SIGKILL)
    enrich.proc.wait(10)
    done_before = len(indexed_ids(private.es_url, f"fault-{unique}"))
    assert done_before < len(arts), "killed too late to prove anything"
    again = workers("enrich")
    _all_indexed(private, f"fault-{unique}", {a.id for a in arts}, timeout=180)
    wait_until("alerts caught up", lambda: _caught_up(alert), timeout=120)
    _graceful(again, index, alert)
    published = Counter(m.key for m in _read_all(private.bootstrap, TOPIC_ALERTS, unique))
    with sqlite3.connect(alert.log.parent / "data" / "store.sqlite3") as db:
        stored = [row[0] for row in db.execute("SELECT id FROM alert")]
    assert stored, "the netralitas ASN articles should have raised an alert"
    # The alert stage re-emits an alert when its article is redelivered (alerts.v1 is
    # at-least-once, consumers dedupe by id); the store is the record: one row per alert.
    assert len(stored) == len(set(stored))
    assert set(published) == set(stored), "an alert was lost"


def _caught_up(w: Worker) -> bool:
    m = w.metrics()
    lag = sum(v for (n, _), v in m.items() if n == "pantau_consumer_lag")
    return bool(m) and lag == 0 and w.total("pantau_processed_total") > 0


def _read_all(bootstrap: str, topic: str, unique: str) -> list[Message]:
    got: list[Message] = []
    bus = KafkaBus(bootstrap, poll_timeout=0.3)
    bus.subscribe([topic], f"reader-{topic}-{unique}", got.extend)
    bus.run_until_idle(idle=3.0, limit=60)
    bus.close()
    return got


def test_poison_messages_all_reach_the_dlq_and_good_ones_flow(
    private: Private, workers: Start, unique: str
) -> None:
    enrich, index = workers("enrich"), workers("index")
    _ready(enrich, index)
    good = articles(unique, 60)
    huge = articles(f"{unique}x", 1)[0].model_copy(update={"body": "kata " * 1_100_000})
    wrong_schema = json.loads(good[0].to_bytes()) | {"schema_version": "9.0", "id": "w"}
    poison = {
        f"json-{unique}": b'{"schema_version": "1.0", "title": ',
        f"schema-{unique}": json.dumps(wrong_schema).encode(),
        f"huge-{unique}": huge.to_bytes(),
        f"latin1-{unique}": "Pemilu di Bogor: café ½".encode("latin-1"),
    }
    payloads = [(a.id, a.to_bytes()) for a in good[:30]]
    payloads += list(poison.items()) + [(a.id, a.to_bytes()) for a in good[30:]]
    produce(private.bootstrap, payloads)
    _all_indexed(private, f"fault-{unique}", {a.id for a in good})
    wait_until("4 dead letters", lambda: enrich.total("pantau_dlq_total") >= 4)
    dead = {
        m.key: m
        for m in _read_all(private.bootstrap, dlq_topic(TOPIC_RAW), unique)
        if m.key in poison
    }
    assert set(dead) == set(poison)
    reasons = {k.split("-")[0]: m.headers["error"] for k, m in dead.items()}
    assert "invalid JSON" in reasons["json"]
    assert "unknown schema_version '9.0'" in reasons["schema"]
    assert "message too large" in reasons["huge"]
    assert "not UTF-8" in reasons["latin1"]
    for m in dead.values():
        assert m.headers["stage"] == "enrich" and m.headers["attempts"] == "1"
        assert m.headers["origin"].startswith(f"{TOPIC_RAW}/")
        assert m.value == poison[m.key or ""]  # the message itself, not a summary
    _graceful(enrich, index)


def test_broker_restart_producers_and_consumers_recover(
    private: Private, workers: Start, unique: str
) -> None:
    enrich, index = workers("enrich"), workers("index")
    _ready(enrich, index)
    arts = articles(unique, 400)
    payloads = [(a.id, a.to_bytes()) for a in arts]
    producer = KafkaBus(private.bootstrap, timeout=10)
    produce(producer, payloads[:100])
    alias = f"fault-{unique}"
    wait_until("some indexed", lambda: len(indexed_ids(private.es_url, alias)) > 0)
    rest = threading.Thread(target=produce, args=(producer, payloads[100:]))
    private.stop(services.KAFKA)
    rest.start()  # the same producer keeps publishing while the broker is away
    time.sleep(3)
    private.start(services.KAFKA)
    rest.join(120)
    assert not rest.is_alive()
    producer.close()
    _all_indexed(private, alias, {a.id for a in arts}, timeout=180)
    _graceful(enrich, index)


def test_two_enrich_workers_split_partitions_and_process_each_once(
    private: Private, workers: Start, unique: str
) -> None:
    first, second, index = workers("enrich"), workers("enrich"), workers("index")
    both = (first, second)

    def balanced() -> bool:
        counts = [w.total("pantau_assigned_partitions") for w in both]
        lags = [w.total("pantau_consumer_lag") for w in both]
        return all(counts) and sum(counts) == PARTITIONS and sum(lags) == 0

    wait_until("the group to split the partitions", balanced, timeout=90)
    _ready(index)
    arts = articles(unique, 400)
    produce(private.bootstrap, [(a.id, a.to_bytes()) for a in arts])
    _all_indexed(private, f"fault-{unique}", {a.id for a in arts})
    wait_until(
        "metrics to settle", lambda: sum(w.total("pantau_processed_total") for w in both) >= 400
    )
    processed = Counter({w.port: int(w.total("pantau_processed_total")) for w in both})
    assert all(processed.values()), f"one worker got nothing: {processed}"
    assert sum(processed.values()) == len(arts), processed
    _graceful(first, second, index)


def _committed_and_enriched(
    bootstrap: str, unique: str, ours: set[str]
) -> tuple[set[str], set[str]]:
    """Our raw articles below the enrich group's committed offsets (what it claims done),
    and our articles that have an output on articles.enriched.v1."""
    check = KafkaConsumer(bootstrap_servers=bootstrap, group_id="pantau-enrich")
    try:
        committed = {
            p: check.committed(TopicPartition(TOPIC_RAW, p)) or 0 for p in range(PARTITIONS)
        }
    finally:
        check.close()
    got: list[Message] = []
    bus = KafkaBus(bootstrap, poll_timeout=0.3)
    bus.subscribe([TOPIC_RAW, TOPIC_ENRICHED], f"reader-signals-{unique}", got.extend)
    bus.run_until_idle(idle=3.0, limit=60)
    bus.close()
    mine = [(m, m.key) for m in got if m.key is not None and m.key in ours]
    done = {k for m, k in mine if m.topic == TOPIC_RAW and m.offset < committed[m.partition]}
    return done, {k for m, k in mine if m.topic == TOPIC_ENRICHED}


def _in_second_batch(
    private: Private, workers: Start, unique: str, paragraphs: int
) -> tuple[Worker, set[str]]:
    """An enrich worker with a backlog of long articles, busy with its second batch.

    Long articles (120 paragraphs: NLP 0.4 reads ~150 real-length articles a second), so a
    batch of 50 takes about a second of NLP or more (the signal lands
    inside it), and four batches at least, so the one in hand is never the last."""
    enrich = workers("enrich")
    _ready(enrich)
    arts = articles(unique, 200, paragraphs=paragraphs)
    produce(private.bootstrap, [(a.id, a.to_bytes()) for a in arts])
    wait_until("a first batch", lambda: enrich.total("pantau_processed_total") > 0, every=0.05)
    time.sleep(0.5)  # committed and polled again: the next batch (seconds of NLP) is in hand
    return enrich, {a.id for a in arts}


def _restart_and_index_all(private: Private, workers: Start, unique: str, ids: set[str]) -> None:
    again, index = workers("enrich"), workers("index")
    _all_indexed(private, f"fault-{unique}", ids, timeout=180)
    _graceful(again, index)


def test_sigterm_mid_batch_finishes_and_commits_that_batch_only_then_exits_0(
    private: Private, workers: Start, unique: str
) -> None:
    enrich, ids = _in_second_batch(private, workers, unique, paragraphs=120)
    before = enrich.total("pantau_processed_total")
    enrich.signal(signal.SIGTERM)
    assert enrich.proc.wait(60) == 0, enrich.output()[-3000:]
    committed, enriched = _committed_and_enriched(private.bootstrap, unique, ids)
    assert before < len(committed) < len(ids), "the batch in hand should have been finished"
    # The batch in hand was finished: its outputs acked and its offsets committed; nothing
    # unprocessed was committed and nothing processed was left uncommitted.
    assert committed == enriched
    _restart_and_index_all(private, workers, unique, ids)


def test_second_signal_during_the_graceful_wait_exits_at_once_with_130(
    private: Private, workers: Start, unique: str
) -> None:
    enrich, ids = _in_second_batch(private, workers, unique, paragraphs=120)
    before = enrich.total("pantau_processed_total")
    enrich.signal(signal.SIGTERM)
    time.sleep(0.3)
    assert enrich.proc.poll() is None, "the first signal should wait for the batch in hand"
    started = time.monotonic()
    enrich.signal(signal.SIGINT)
    assert enrich.proc.wait(10) == 130, enrich.output()[-3000:]
    assert time.monotonic() - started < 3, "the second signal must not wait for the batch"
    assert "again: exiting now" in enrich.output()
    committed, enriched = _committed_and_enriched(private.bootstrap, unique, ids)
    # The batch in hand was abandoned, not committed; what was committed has its output.
    assert len(committed) == before < len(ids)
    assert committed <= enriched
    _restart_and_index_all(private, workers, unique, ids)
