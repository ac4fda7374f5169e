"""StageRunner: decode a batch, run a pure stage, publish its output, dead-letter the rest."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Generic, Protocol, TypeVar

from pipeline.bus import Bus, Message
from pipeline.errors import Discard, ItemsFailed, TransientError
from pipeline.events import Event, EventError, decode, dlq_topic

log = logging.getLogger(__name__)

In = TypeVar("In", bound=Event)
Out = TypeVar("Out", bound=Event, covariant=True)
In_contra = TypeVar("In_contra", bound=Event, contravariant=True)


class Stage(Protocol[In_contra, Out]):
    """A pure step: a batch of events in, events out. No transport, no commits."""

    name: str

    def process(self, batch: Sequence[In_contra]) -> Sequence[Out]: ...


class StageRunner(Generic[In]):
    """Owns the failure routing around a stage; the bus owns acks and commits.

    - a message that does not decode -> `<topic>.dlq` with the reason;
    - the stage raising TransientError -> re-raised, so the bus retries the batch;
    - the stage raising ItemsFailed (a bulk write's per-item errors) -> only the named
      items go to the DLQ, the rest count as processed;
    - the stage raising anything else -> the batch is retried item by item and only
      the items that still fail go to the DLQ (one poison article never sinks a batch);
    - an item raising Discard -> counted by reason (an expected drop, not a fault).

    A message larger than `max_bytes` is dead-lettered before decoding: a 5 MB page is
    a crawler bug, not an article, and must not stall the NLP.
    """

    def __init__(
        self,
        stage: Stage[In, Event],
        bus: Bus,
        *,
        source: str,
        model: type[In],
        sink: str | None = None,
        max_bytes: int = 2 * 1024 * 1024,
    ) -> None:
        self.stage = stage
        self.bus = bus
        self.source = source
        self.model = model
        self.sink = sink
        self.max_bytes = max_bytes
        self.stats: Counter[str] = Counter()

    def attach(self, group: str | None = None) -> None:
        self.bus.subscribe([self.source], group or f"pantau-{self.stage.name}", self.handle)

    def handle(self, messages: Sequence[Message]) -> None:
        good = self._decode(messages)
        if not good:
            return
        try:
            outputs = list(self.stage.process([event for _, event in good]))
            self.stats["processed"] += len(good)
        except TransientError:
            raise
        except ItemsFailed as exc:
            outputs = self._partial(good, exc)
        except Exception as exc:
            log.warning("%s: batch failed (%s); retrying item by item", self.stage.name, exc)
            outputs = self._one_by_one(good)
        for out in outputs:
            if self.sink is not None:
                self.bus.publish(self.sink, out.to_bytes(), key=out.key())
            self.stats["published"] += 1

    def _decode(self, messages: Sequence[Message]) -> list[tuple[Message, In]]:
        good: list[tuple[Message, In]] = []
        for msg in messages:
            if len(msg.value) > self.max_bytes:
                size = f"{len(msg.value) / 1e6:.1f} MB > {self.max_bytes / 1e6:.1f} MB"
                self.dead_letter(msg, f"message too large: {size}", kind="decode")
                continue
            try:
                good.append((msg, decode(self.model, msg.value)))
            except EventError as exc:
                self.dead_letter(msg, exc.reason, kind="decode")
        return good

    def _partial(self, good: Sequence[tuple[Message, In]], exc: ItemsFailed) -> list[Event]:
        for msg, event in good:
            reason = exc.failures.get(event.key())
            if reason is None:
                self.stats["processed"] += 1
            else:
                self.dead_letter(msg, reason, kind="process")
        return list(exc.outputs)

    def _one_by_one(self, good: Sequence[tuple[Message, In]]) -> list[Event]:
        outputs: list[Event] = []
        for msg, event in good:
            try:
                outputs.extend(self.stage.process([event]))
                self.stats["processed"] += 1
            except TransientError:
                raise
            except Discard as exc:
                self.stats[f"discarded/{exc.reason}"] += 1
            except ItemsFailed as exc:
                self.dead_letter(msg, next(iter(exc.failures.values()), str(exc)), kind="process")
            except Exception as exc:
                self.dead_letter(msg, f"{type(exc).__name__}: {exc}", kind="process")
        return outputs

    def samples(self) -> Iterator[tuple[str, dict[str, str], float]]:
        """The runner's counters as metric samples (see pipeline.metrics)."""
        stage = self.stage.name
        for key, value in self.stats.items():
            kind, _, detail = key.partition("/")
            if kind == "dlq":
                yield "pantau_dlq_total", {"stage": stage, "kind": detail}, float(value)
            elif kind == "discarded":
                yield "pantau_discarded_total", {"stage": stage, "reason": detail}, float(value)
            else:
                yield f"pantau_{kind}_total", {"stage": stage}, float(value)

    def dead_letter(self, msg: Message, reason: str, *, kind: str) -> None:
        headers = {
            "stage": self.stage.name,
            "error": reason[:1000],
            "kind": kind,
            "attempts": str(int(msg.headers.get("attempts", "0")) + 1),
            "origin": f"{msg.topic}/{msg.partition}/{msg.offset}",
        }
        self.bus.publish(dlq_topic(msg.topic), msg.value, key=msg.key, headers=headers)
        self.stats[f"dlq/{kind}"] += 1
        log.warning("%s: %s message to %s: %s", self.stage.name, kind, dlq_topic(msg.topic), reason)
