"""KafkaBus: the Bus protocol over Apache Kafka (kafka-python), at-least-once."""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Mapping, Sequence
from typing import Any

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import NewTopic
from kafka.errors import KafkaError, TopicAlreadyExistsError
from kafka.structs import OffsetAndMetadata

from pipeline.bus import BusError, Handler, Message, TransientError

log = logging.getLogger(__name__)


class KafkaBus:
    """Producer with acks=all and idempotence; one consumer group per subscription.

    Offsets are committed only after the handler returned and everything it published
    was acknowledged. A TransientError (or a failed flush) seeks back to the start of
    the batch and retries with exponential backoff: nothing past it is committed.
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
    ) -> None:
        self._bootstrap = bootstrap
        self._client_id = client_id
        self._batch_size = batch_size
        self._poll_ms = int(poll_timeout * 1000)
        self._max_backoff = max_backoff
        self._timeout = timeout
        self._subs: list[tuple[Sequence[str], str, Handler]] = []
        self._futures: list[Any] = []
        try:
            self._producer = KafkaProducer(
                bootstrap_servers=bootstrap,
                client_id=client_id,
                acks="all",
                enable_idempotence=True,
                linger_ms=5,
                retries=2**31 - 1,
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
        try:
            existing = set(admin.list_topics())
            new = [NewTopic(t, partitions, 1) for t in topics if t not in existing]
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
        self._futures.append(self._producer.send(topic, value=value, key=kbytes, headers=hdrs))

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
        )
        consumer.subscribe(list(topics))
        return consumer

    def run(self, stop: threading.Event | None = None) -> None:
        """Poll every subscription until `stop` is set."""
        stop = stop or threading.Event()
        loops = [(self._consumer(t, g), h, g) for t, g, h in self._subs]
        backoff = {g: 0.0 for _, _, g in loops}
        try:
            while not stop.is_set():
                for consumer, handler, group in loops:
                    _, backoff[group] = self._poll_once(consumer, handler, group, backoff[group])
        finally:
            for consumer, _, _ in loops:
                consumer.close(autocommit=False)

    def run_until_idle(self, idle: float = 3.0, limit: float = 120.0) -> None:
        """Poll until no subscription has seen a message for `idle` seconds (tests, replay)."""
        loops = [(self._consumer(t, g), h, g) for t, g, h in self._subs]
        backoff = {g: 0.0 for _, _, g in loops}
        last = time.monotonic()
        deadline = last + limit
        try:
            while time.monotonic() - last < idle and time.monotonic() < deadline:
                for consumer, handler, group in loops:
                    count, backoff[group] = self._poll_once(
                        consumer, handler, group, backoff[group]
                    )
                    if count:
                        last = time.monotonic()
        finally:
            for consumer, _, _ in loops:
                consumer.close(autocommit=False)

    def _poll_once(
        self,
        consumer: KafkaConsumer,
        handler: Handler,
        group: str,
        backoff: float,
    ) -> tuple[int, float]:
        """One poll/handle/ack/commit round; returns (records seen, next backoff)."""
        polled = consumer.poll(timeout_ms=self._poll_ms, max_records=self._batch_size)
        records = [r for batch in polled.values() for r in batch]
        if not records:
            return 0, backoff
        messages = [_message(r) for r in records]
        try:
            handler(messages)
            self.flush()
        except TransientError as exc:
            delay = min(self._max_backoff, max(0.5, backoff * 2))
            log.warning("%s: transient failure, retrying batch in %.1fs: %s", group, delay, exc)
            self._rewind(consumer, records)
            time.sleep(delay)
            return len(records), delay
        consumer.commit(_next_offsets(records))
        return len(records), 0.0

    @staticmethod
    def _rewind(consumer: KafkaConsumer, records: Sequence[Any]) -> None:
        first: dict[TopicPartition, int] = {}
        for r in records:
            tp = TopicPartition(r.topic, r.partition)
            first[tp] = min(first.get(tp, r.offset), r.offset)
        for tp, offset in first.items():
            consumer.seek(tp, offset)

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self._producer.close(timeout=self._timeout)


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
