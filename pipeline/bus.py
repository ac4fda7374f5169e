"""The Bus protocol and its in-process implementation (the embedded default)."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from pipeline.errors import BusError, Discard, ItemsFailed, TransientError

__all__ = [
    "Bus",
    "BusError",
    "Discard",
    "Handler",
    "InlineBus",
    "ItemsFailed",
    "Message",
    "TransientError",
    "UnroutedSink",
]


@dataclass(frozen=True)
class Message:
    """One message as a handler sees it, whatever the transport."""

    topic: str
    value: bytes
    key: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    partition: int = 0
    offset: int = -1


Handler = Callable[[Sequence[Message]], None]
UnroutedSink = Callable[[Message], None]


class Bus(Protocol):
    """Transport between stages. `flush` returns only once everything published is acked."""

    def publish(
        self,
        topic: str,
        value: bytes,
        *,
        key: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None: ...

    def flush(self) -> None: ...

    def subscribe(self, topics: Sequence[str], group: str, handler: Handler) -> None: ...

    def run(self, stop: threading.Event | None = None) -> None: ...

    def close(self) -> None: ...


@dataclass
class _Subscription:
    topics: frozenset[str]
    group: str
    handler: Handler


class InlineBus:
    """In-process calls: published messages are handed to subscribers on `flush`.

    Not a broker: no offsets, no persistence, no consumer groups beyond "each subscriber
    sees every message once". Messages on a topic nobody subscribes to (the DLQs in
    embedded mode) go to `unrouted`, so nothing is silently dropped.
    """

    def __init__(
        self,
        *,
        unrouted: UnroutedSink | None = None,
        batch_size: int = 64,
        retries: int = 5,
        backoff: float = 0.2,
    ) -> None:
        self._subs: list[_Subscription] = []
        self._pending: deque[Message] = deque()
        self._unrouted = unrouted
        self._batch_size = batch_size
        self._retries = retries
        self._backoff = backoff
        self._draining = False
        self._offset = 0
        self.unrouted: list[Message] = []

    def publish(
        self,
        topic: str,
        value: bytes,
        *,
        key: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        msg = Message(topic, value, key, dict(headers or {}), 0, self._offset)
        self._offset += 1
        if any(topic in s.topics for s in self._subs):
            self._pending.append(msg)
        elif self._unrouted is not None:
            self._unrouted(msg)
        else:
            self.unrouted.append(msg)

    def subscribe(self, topics: Sequence[str], group: str, handler: Handler) -> None:
        self._subs.append(_Subscription(frozenset(topics), group, handler))

    def flush(self) -> None:
        """Deliver everything pending, including what handlers publish meanwhile."""
        if self._draining:
            return
        self._draining = True
        try:
            while self._pending:
                topic = self._pending[0].topic
                batch: list[Message] = []
                while self._pending and self._pending[0].topic == topic:
                    if len(batch) >= self._batch_size:
                        break
                    batch.append(self._pending.popleft())
                for sub in self._subs:
                    if topic in sub.topics:
                        self._deliver(sub, batch)
        finally:
            self._draining = False

    def _deliver(self, sub: _Subscription, batch: Sequence[Message]) -> None:
        for attempt in range(self._retries + 1):
            try:
                sub.handler(batch)
                return
            except TransientError as exc:
                if attempt == self._retries:
                    raise BusError(
                        f"stage {sub.group!r} still failing after {attempt + 1} attempts: {exc}"
                    ) from exc
                time.sleep(self._backoff * 2**attempt)

    def run(self, stop: threading.Event | None = None) -> None:
        self.flush()

    def close(self) -> None:
        self.flush()
