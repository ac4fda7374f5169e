"""Replaying history: chain stages in one consumer (re-enrich), re-drive a DLQ after a fix."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from typing import Any

from pipeline.bus import Bus, Message
from pipeline.events import Event

log = logging.getLogger(__name__)


class Chain:
    """Two pure stages as one: `last.process(first.process(batch))`.

    Re-enriching `articles.raw.v1` into a new index version uses enrich+index in one
    consumer group, so the replay does not flow through `articles.enriched.v1` (the live
    index and alert workers must not see history again). Errors of either stage reach
    the runner unchanged; article ids are the same before and after enrichment, so a
    per-item failure of the second stage still names the right message.
    """

    def __init__(self, first: Any, last: Any, *, name: str = "replay") -> None:
        self.first = first
        self.last = last
        self.name = name

    def process(self, batch: Sequence[Event]) -> list[Event]:
        return list(self.last.process(self.first.process(batch)))


def origin_topic(dlq: str) -> str:
    """`articles.raw.v1.dlq` -> `articles.raw.v1`."""
    if not dlq.endswith(".dlq"):
        raise ValueError(f"{dlq!r} is not a dead-letter topic (<topic>.dlq)")
    return dlq.removesuffix(".dlq")


class Redrive:
    """Handler that sends dead letters back to the topic they came from, after a fix.

    The `attempts` header travels along, so a message that fails again comes back with
    attempts + 1; those that already failed `max_attempts` times are left in the DLQ
    (counted as kept, still readable there) instead of looping forever.
    """

    def __init__(self, bus: Bus, *, max_attempts: int = 5) -> None:
        self.bus = bus
        self.max_attempts = max_attempts
        self.stats: Counter[str] = Counter()

    def __call__(self, messages: Sequence[Message]) -> None:
        for msg in messages:
            attempts = int(msg.headers.get("attempts", "1") or 1)
            if attempts >= self.max_attempts:
                self.stats["kept"] += 1
                continue
            headers = {
                "attempts": str(attempts),
                "redriven_from": f"{msg.topic}/{msg.partition}/{msg.offset}",
            }
            self.bus.publish(origin_topic(msg.topic), msg.value, key=msg.key, headers=headers)
            self.stats["redriven"] += 1
