"""Replaying history: chain stages in one consumer (re-enrich), re-drive a DLQ after a fix."""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Sequence
from typing import Any

from pipeline.bus import Bus, Message
from pipeline.deadletter import DeadLetterFile, message
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


def redrive_file(dead: DeadLetterFile, topic: str, bus: Bus, *, max_attempts: int) -> Counter[str]:
    """Re-drive an embedded dead-letter file (`<data dir>/dlq/<topic>.jsonl`) through `bus`
    (an inline bus with the stages attached): its messages go back to their topic once.

    The file is rewritten only after the bus has processed them: it then keeps the
    messages left there (failed `max_attempts` times, or unreadable) and those that
    failed again meanwhile (appended by the bus). A crash before that leaves the file as
    it was: messages may be re-driven twice (ids make that harmless), never lost.
    """
    redrive = Redrive(bus, max_attempts=max_attempts)
    origin_topic(topic)
    path = dead.path(topic)
    if not path.exists():
        return redrive.stats
    data = path.read_bytes()
    kept: list[bytes] = []
    for n, line in enumerate(data.splitlines(keepends=True)):
        try:
            msg = message(json.loads(line), offset=n)
        except (ValueError, KeyError, TypeError):
            redrive.stats["unreadable"] += 1
            kept.append(line)
            continue
        before = redrive.stats["kept"]
        redrive([msg])
        if redrive.stats["kept"] > before:
            kept.append(line)
    bus.flush()
    again = path.read_bytes()[len(data) :]
    if kept and not kept[-1].endswith(b"\n"):
        kept[-1] += b"\n"
    fresh = path.with_name(path.name + ".tmp")
    fresh.write_bytes(b"".join(kept) + again)
    fresh.replace(path)
    return redrive.stats
