"""KafkaBus: the Bus protocol over Apache Kafka (kafka-python), at-least-once."""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import NewTopic
from kafka.errors import KafkaError, TopicAlreadyExistsError
from kafka.record import util as kafka_record_util
from kafka.structs import OffsetAndMetadata

from pipeline.bus import Handler, Message
from pipeline.errors import BusError, TransientError
from pipeline.metrics import Metrics

log = logging.getLogger(__name__)

# Big enough for the occasional huge page, so that it reaches a DLQ instead of failing
# the crawler's send; the runner dead-letters anything above its own, smaller limit.
MAX_MESSAGE_BYTES = 8 * 1024 * 1024
PRODUCE_BATCH_BYTES = 1024 * 1024
LAG_EVERY = 1.0
# run_until_idle waits this long at most for partitions and their first fetch.
JOIN_WAIT = 30.0


@dataclass
class _Loop:
    """One subscription's consumer and its retry state."""

    consumer: KafkaConsumer
    handler: Handler
    group: str
    backoff: float = 0.0
    resume_at: float = 0.0
    paused: list[TopicPartition] = field(default_factory=list)
    lag_at: float = 0.0


class KafkaBus:
    """Producer with acks=all and idempotence; one consumer group per subscription.

    Offsets are committed only after the handler returned and everything it published
    was acknowledged. A TransientError (or a failed flush) seeks back to the start of
    the batch and pauses the group's partitions for an exponential backoff: the loop
    keeps polling (so the consumer stays in its group and a stop request is seen at
    once) but fetches nothing until the pause ends, and nothing past the batch is
    committed. A stop request between batches ends the loop; a batch in progress is
    finished and committed first, a batch waiting out a backoff is abandoned uncommitted.
    """

    def __init__(
        self,
        bootstrap: str,
        *,
        client_id: str = "pantau",
        batch_size: int = 100,
        poll_timeout: float = 0.5,
        max_backoff: float = 30.0,
        timeout: float = 15.0,
        connect_timeout: float = 10.0,
        session_timeout: float = 10.0,
        metrics: Metrics | None = None,
    ) -> None:
        self._bootstrap = bootstrap
        self._client_id = client_id
        self._batch_size = batch_size
        self._poll_ms = int(poll_timeout * 1000)
        self._max_backoff = max_backoff
        self._timeout = timeout
        self._session_ms = int(session_timeout * 1000)
        self.metrics = metrics or Metrics()
        self._subs: list[tuple[Sequence[str], str, Handler]] = []
        self._futures: list[Any] = []
        if getattr(kafka_record_util, "crc32c_c", True) is None:
            # Every record batch is checksummed on produce and fetch: in pure Python that
            # is ~0.5 us a byte, a tenth of an enrich worker's time, holding the GIL.
            log.warning("crc32c is not installed: Kafka checksums run in pure Python (slow)")
        try:
            self._producer = KafkaProducer(
                bootstrap_servers=bootstrap,
                client_id=client_id,
                acks="all",
                enable_idempotence=True,
                linger_ms=5,
                # One batch per partition per flush: an enriched article is ~6 KB, so the
                # default 16 KB batches would mean a produce request per two messages.
                batch_size=PRODUCE_BATCH_BYTES,
                retries=2**31 - 1,
                max_request_size=MAX_MESSAGE_BYTES,
                request_timeout_ms=int(timeout * 1000),
                bootstrap_timeout_ms=int(connect_timeout * 1000),
            )
        except KafkaError as exc:
            raise BusError(
                f"cannot reach Kafka at {bootstrap}: {exc}. "
                "Start it (`pantau services up`) or set PANTAU_KAFKA__BOOTSTRAP."
            ) from exc

    def ensure_topics(self, topics: Sequence[str], *, partitions: int = 3) -> None:
        """Create topics that do not exist yet (replication factor 1 on a single node)."""
        admin = KafkaAdminClient(bootstrap_servers=self._bootstrap, client_id=self._client_id)
        config = {"max.message.bytes": str(MAX_MESSAGE_BYTES)}
        try:
            existing = set(admin.list_topics())
            new = [
                NewTopic(t, partitions, 1, topic_configs=config)
                for t in topics
                if t not in existing
            ]
            if new:
                with contextlib.suppress(TopicAlreadyExistsError):
                    admin.create_topics(new)
        finally:
            admin.close()

    def publish(
        self,
        topic: str,
        value: bytes,
        *,
        key: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        hdrs = [(k, v.encode("utf-8")) for k, v in (headers or {}).items()]
        kbytes = key.encode("utf-8") if key is not None else None
        try:
            self._futures.append(self._producer.send(topic, value=value, key=kbytes, headers=hdrs))
        except KafkaError as exc:  # metadata for the topic unavailable (broker away)
            raise TransientError(f"Kafka did not accept a publish: {exc}") from exc

    def flush(self) -> None:
        futures, self._futures = self._futures, []
        try:
            self._producer.flush(timeout=self._timeout)
            for fut in futures:
                fut.get(timeout=self._timeout)
        except KafkaError as exc:
            raise TransientError(f"Kafka did not acknowledge a publish: {exc}") from exc

    def subscribe(self, topics: Sequence[str], group: str, handler: Handler) -> None:
        self._subs.append((topics, group, handler))

    def _consumer(self, topics: Sequence[str], group: str) -> KafkaConsumer:
        consumer = KafkaConsumer(
            bootstrap_servers=self._bootstrap,
            client_id=f"{self._client_id}-{group}",
            group_id=group,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            max_poll_records=self._batch_size,
            max_partition_fetch_bytes=MAX_MESSAGE_BYTES,
            session_timeout_ms=self._session_ms,
            heartbeat_interval_ms=max(1000, self._session_ms // 4),
        )
        _await_metadata(consumer, topics)
        consumer.subscribe(list(topics))
        return consumer

    def _loops(self) -> list[_Loop]:
        return [_Loop(self._consumer(t, g), h, g) for t, g, h in self._subs]

    def run(self, stop: threading.Event | None = None) -> None:
        """Poll every subscription until `stop` is set."""
        stop = stop or threading.Event()
        loops = self._loops()
        try:
            while not stop.is_set():
                for loop in loops:
                    self._poll_once(loop, stop)
        finally:
            self._close_loops(loops)

    def run_until_idle(
        self, idle: float = 3.0, limit: float = 120.0, stop: threading.Event | None = None
    ) -> None:
        """Poll until no subscription has seen a message for `idle` seconds (tests, replay)."""
        stop = stop or threading.Event()
        loops = self._loops()
        last = begin = time.monotonic()
        deadline = last + limit
        try:
            while time.monotonic() - last < idle and time.monotonic() < deadline:
                if stop.is_set():
                    break
                for loop in loops:
                    busy = self._poll_once(loop, stop) or loop.paused
                    # Idle time counts from the first fetch answered on every assigned
                    # partition, not from a slow join or a slow first fetch (loaded host).
                    joining = not _fetched(loop.consumer) and last - begin < JOIN_WAIT
                    if busy or joining:
                        last = time.monotonic()
        finally:
            self._close_loops(loops)

    @staticmethod
    def _close_loops(loops: Sequence[_Loop]) -> None:
        for loop in loops:
            with contextlib.suppress(KafkaError):
                loop.consumer.close(autocommit=False, timeout_ms=5000)

    def _poll_once(self, loop: _Loop, stop: threading.Event) -> int:
        """One poll/handle/ack/commit round; returns the number of records handled."""
        consumer = loop.consumer
        if loop.paused and time.monotonic() >= loop.resume_at:
            self._resume(loop)
        polled = consumer.poll(timeout_ms=self._poll_ms, max_records=self._batch_size)
        self.metrics.beat()
        self._update_lag(loop)
        records = [r for batch in polled.values() for r in batch]
        if not records:
            return 0
        if stop.is_set():  # polled but not started: leave it uncommitted for the next owner
            return 0
        started = time.monotonic()
        try:
            loop.handler([_message(r) for r in records])
            self.flush()
        except TransientError as exc:
            self._back_off(loop, records, exc)
            return len(records)
        self._commit(loop, records)
        loop.backoff = 0.0
        self.metrics.observe(time.monotonic() - started, group=loop.group)
        return len(records)

    def _back_off(self, loop: _Loop, records: Sequence[Any], exc: Exception) -> None:
        """Seek back to the batch start and pause the group's partitions for a while."""
        self._futures.clear()  # they belong to the failed batch, which will be redone
        loop.backoff = min(self._max_backoff, max(0.5, loop.backoff * 2))
        log.warning("%s: transient failure, retrying in %.1fs: %s", loop.group, loop.backoff, exc)
        self.metrics.inc("pantau_failed_total", group=loop.group)
        assigned = loop.consumer.assignment()
        try:
            _rewind(loop.consumer, records, assigned)
            loop.paused = sorted(assigned, key=lambda tp: (tp.topic, tp.partition))
            loop.consumer.pause(*loop.paused)
        except KafkaError as err:  # a rebalance took partitions away: they restart committed
            log.warning("%s: could not rewind (%s); relying on committed offsets", loop.group, err)
        loop.resume_at = time.monotonic() + loop.backoff
        self.metrics.set("pantau_paused", 1.0, group=loop.group)

    def _resume(self, loop: _Loop) -> None:
        assigned = loop.consumer.assignment()
        loop.consumer.resume(*[tp for tp in loop.paused if tp in assigned])
        loop.paused = []
        self.metrics.set("pantau_paused", 0.0, group=loop.group)

    def _commit(self, loop: _Loop, records: Sequence[Any]) -> None:
        try:
            loop.consumer.commit(_next_offsets(records), timeout_ms=int(self._timeout * 1000))
        except KafkaError as exc:
            # Outputs are acked; at worst the batch is redelivered (ids make that harmless).
            log.warning("%s: commit failed, batch may be redelivered: %s", loop.group, exc)
            self.metrics.inc("pantau_commit_failed_total", group=loop.group)

    def _update_lag(self, loop: _Loop) -> None:
        now = time.monotonic()
        if now - loop.lag_at < LAG_EVERY:
            return
        loop.lag_at = now
        consumer = loop.consumer
        assigned = consumer.assignment()
        self.metrics.set("pantau_assigned_partitions", float(len(assigned)), group=loop.group)
        for tp in assigned:
            high = consumer.highwater(tp)
            if high is None:
                continue
            try:
                position = consumer.position(tp, timeout_ms=1000)
            except KafkaError:
                continue
            if position is None:
                continue
            self.metrics.set(
                "pantau_consumer_lag",
                float(max(0, high - position)),
                group=loop.group,
                topic=tp.topic,
                partition=str(tp.partition),
            )

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self._producer.close(timeout=self._timeout)


def _await_metadata(consumer: KafkaConsumer, topics: Sequence[str], timeout: float = 10.0) -> None:
    """Know the topics' partitions before joining the group.

    A group leader whose metadata lacks a just-created topic assigns it to nobody ("No
    partition metadata"), and nothing asks again until the metadata expires (5 min).
    """
    deadline = time.monotonic() + timeout
    for topic in topics:
        while not consumer.partitions_for_topic(topic) and time.monotonic() < deadline:
            time.sleep(0.1)


def _fetched(consumer: KafkaConsumer) -> bool:
    """Partitions are assigned and each has answered a fetch (its high watermark is known)."""
    try:
        assigned = consumer.assignment()
        return bool(assigned) and all(consumer.highwater(tp) is not None for tp in assigned)
    except KafkaError:  # a rebalance took a partition away meanwhile
        return False


def _rewind(consumer: KafkaConsumer, records: Sequence[Any], assigned: set[TopicPartition]) -> None:
    first: dict[TopicPartition, int] = {}
    for r in records:
        tp = TopicPartition(r.topic, r.partition)
        first[tp] = min(first.get(tp, r.offset), r.offset)
    for tp, offset in first.items():
        if tp in assigned:
            consumer.seek(tp, offset)


def _message(record: Any) -> Message:
    headers = {k: v.decode("utf-8", "replace") for k, v in (record.headers or [])}
    key = record.key.decode("utf-8", "replace") if record.key is not None else None
    return Message(record.topic, record.value, key, headers, record.partition, record.offset)


def _next_offsets(records: Sequence[Any]) -> dict[TopicPartition, OffsetAndMetadata]:
    last: dict[TopicPartition, int] = {}
    for r in records:
        tp = TopicPartition(r.topic, r.partition)
        last[tp] = max(last.get(tp, -1), r.offset)
    return {tp: OffsetAndMetadata(off + 1, "", -1) for tp, off in last.items()}
