"""KafkaBus backoff and Elasticsearch per-item bulk errors, on the shared services."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

import pytest
from kafka import KafkaConsumer, TopicPartition

from pipeline.bus import Message
from pipeline.errors import ItemsFailed, TransientError
from pipeline.kafka import KafkaBus
from tests.conftest import enriched, raw_article


@pytest.mark.kafka
def test_transient_failure_pauses_commits_nothing_and_stops_promptly(
    kafka_bootstrap: str, unique: str
) -> None:
    topic, group = f"t{unique}.pause", f"t{unique}-pause"
    bus = KafkaBus(kafka_bootstrap, poll_timeout=0.2, max_backoff=5.0)
    bus.ensure_topics([topic], partitions=2)
    for i in range(10):
        bus.publish(topic, f"m{i}".encode(), key=f"k{i}")
    bus.flush()
    seen: list[int] = []

    def engine_down(batch: Sequence[Message]) -> None:
        seen.append(len(batch))
        raise TransientError("Elasticsearch away")

    bus.subscribe([topic], group, engine_down)
    stop = threading.Event()
    loop = threading.Thread(target=bus.run, args=(stop,))
    loop.start()
    deadline = time.monotonic() + 60
    while len(seen) < 3 and time.monotonic() < deadline:
        time.sleep(0.2)
    samples = bus.metrics.samples()
    stop.set()
    started = time.monotonic()
    loop.join(30)
    assert not loop.is_alive() and time.monotonic() - started < 10
    bus.close()
    assert len(seen) >= 3, "the batch should have been retried after each backoff"
    assert samples[("pantau_failed_total", (("group", group),))] >= 3
    assert samples[("pantau_paused", (("group", group),))] == 1
    check = KafkaConsumer(bootstrap_servers=kafka_bootstrap, group_id=group)
    try:
        committed = [check.committed(TopicPartition(topic, p)) for p in (0, 1)]
    finally:
        check.close()
    assert committed == [None, None], "nothing may be committed past an unprocessed message"


@pytest.mark.elasticsearch
def test_bulk_names_the_refused_document_and_keeps_the_others(es_url: str, unique: str) -> None:
    from search.elastic import ElasticsearchBackend

    backend = ElasticsearchBackend(es_url, alias=f"bulk-{unique}", refresh=True)
    backend.ensure()
    good = enriched(raw_article(1))
    # A keyword over Lucene's 32766-byte term limit: ES refuses this one document only.
    bad = enriched(raw_article(2, source="x" * 40_000))
    try:
        with pytest.raises(ItemsFailed) as failed:
            backend.upsert([good, bad])
        assert set(failed.value.failures) == {bad.id}
        assert failed.value.retry == frozenset() and failed.value.done == 1
        assert backend.get(good.id) is not None
    finally:
        backend.es.indices.delete(index=backend.index)
        backend.close()
