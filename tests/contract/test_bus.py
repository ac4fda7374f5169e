"""Bus contract: the same cases on InlineBus and on KafkaBus against the real broker."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import pytest

from pipeline.bus import Bus, InlineBus, Message
from pipeline.errors import ItemsFailed, TransientError
from pipeline.events import EnrichedArticle, Event, RawArticle
from pipeline.runner import StageRunner
from tests.conftest import enriched, raw_article


@dataclass
class Harness:
    bus: Bus
    kind: str
    prefix: str
    dead: list[Message] = field(default_factory=list)

    def topic(self, name: str) -> str:
        return f"{self.prefix}.{name}"

    def collect(self, topic: str) -> list[Message]:
        got: list[Message] = []
        self.bus.subscribe([topic], f"{self.prefix}-collect-{topic}", got.extend)
        return got

    def drain(self) -> None:
        self.bus.flush()
        if self.kind == "kafka":
            from pipeline.kafka import KafkaBus

            assert isinstance(self.bus, KafkaBus)
            self.bus.run_until_idle(idle=2.0, limit=60)


@pytest.fixture(params=["inline", pytest.param("kafka", marks=pytest.mark.kafka)])
def harness(request: pytest.FixtureRequest, unique: str) -> Iterator[Harness]:
    if request.param == "inline":
        yield Harness(InlineBus(), "inline", f"t{unique}")
        return
    from pipeline.kafka import KafkaBus

    bootstrap = request.getfixturevalue("kafka_bootstrap")
    bus = KafkaBus(bootstrap, batch_size=50, poll_timeout=0.2)
    prefix = f"t{unique}"
    names = ["in", "out", "in.dlq", "a", "b"]
    bus.ensure_topics([f"{prefix}.{n}" for n in names], partitions=2)
    yield Harness(bus, "kafka", prefix)
    bus.close()


class Upper:
    """A stage that re-titles articles; crashes on a title containing 'RACUN'."""

    name = "upper"

    def __init__(self, transient_failures: int = 0) -> None:
        self.transient_failures = transient_failures
        self.calls = 0

    def process(self, batch: Sequence[RawArticle]) -> list[Event]:
        self.calls += 1
        if self.transient_failures:
            self.transient_failures -= 1
            raise TransientError("engine away")
        if any("RACUN" in a.title for a in batch):
            raise RuntimeError("cannot digest RACUN")
        return [enriched(a.model_copy(update={"title": a.title.upper()})) for a in batch]


def _wire(h: Harness, stage: Upper) -> tuple[StageRunner[RawArticle], list[Message], list[Message]]:
    runner = StageRunner(stage, h.bus, source=h.topic("in"), model=RawArticle, sink=h.topic("out"))
    runner.attach(f"{h.prefix}-upper")
    return runner, h.collect(h.topic("out")), h.collect(h.topic("in.dlq"))


def test_publish_reaches_subscriber_with_key_and_headers(harness: Harness) -> None:
    got = harness.collect(harness.topic("a"))
    for i in range(5):
        harness.bus.publish(harness.topic("a"), f"m{i}".encode(), key=f"k{i}", headers={"h": "v"})
    harness.drain()
    assert sorted(m.value for m in got) == [f"m{i}".encode() for i in range(5)]
    assert {m.key for m in got} == {f"k{i}" for i in range(5)}
    assert all(m.headers["h"] == "v" for m in got)


def test_stage_output_flows_downstream(harness: Harness) -> None:
    runner, out, dead = _wire(harness, Upper())
    arts = [raw_article(i) for i in range(7)]
    for a in arts:
        harness.bus.publish(harness.topic("in"), a.to_bytes(), key=a.id)
    harness.drain()
    docs = [EnrichedArticle.model_validate_json(m.value) for m in out]
    assert sorted(d.id for d in docs) == sorted(a.id for a in arts)
    assert all(d.article.title.isupper() for d in docs)
    assert {m.key for m in out} == {a.id for a in arts}
    assert dead == []
    assert runner.stats["processed"] == 7


def test_poison_messages_go_to_dlq_with_reason(harness: Harness) -> None:
    runner, out, dead = _wire(harness, Upper())
    good = [raw_article(i) for i in range(3)]
    poison = raw_article(99, title="RACUN di judul")
    payloads = [a.to_bytes() for a in good] + [b"{broken", b"\xff\xfe", poison.to_bytes()]
    for p in payloads:
        harness.bus.publish(harness.topic("in"), p)
    harness.drain()
    assert sorted(EnrichedArticle.model_validate_json(m.value).id for m in out) == sorted(
        a.id for a in good
    )
    reasons = sorted(m.headers["error"] for m in dead)
    assert len(dead) == 3
    assert any("invalid JSON" in r for r in reasons)
    assert any("not UTF-8" in r for r in reasons)
    assert any("cannot digest RACUN" in r for r in reasons)
    assert all(m.headers["stage"] == "upper" and m.headers["origin"] for m in dead)
    assert runner.stats["dlq/decode"] == 2 and runner.stats["dlq/process"] == 1


def test_transient_failure_retries_without_loss(harness: Harness) -> None:
    if isinstance(harness.bus, InlineBus):
        harness.bus = InlineBus(backoff=0.01)
    stage = Upper(transient_failures=2)
    _, out, dead = _wire(harness, stage)
    arts = [raw_article(i) for i in range(4)]
    for a in arts:
        harness.bus.publish(harness.topic("in"), a.to_bytes(), key=a.id)
    harness.drain()
    ids = [EnrichedArticle.model_validate_json(m.value).id for m in out]
    assert sorted(set(ids)) == sorted(a.id for a in arts)
    assert dead == []
    assert stage.calls >= 3


def test_inline_bus_keeps_unrouted_messages() -> None:
    seen: list[Message] = []
    bus = InlineBus(unrouted=seen.append)
    bus.publish("nobody.listens", b"x", headers={"error": "why"})
    assert [m.value for m in seen] == [b"x"]


class RefusingIndex:
    """A sink stage whose bulk refuses one document (like ES with a mapping error)."""

    name = "sink"

    def __init__(self, refused: str) -> None:
        self.refused = refused
        self.stored: list[str] = []
        self.calls = 0

    def process(self, batch: Sequence[EnrichedArticle]) -> list[Event]:
        self.calls += 1
        self.stored += [d.id for d in batch if d.id != self.refused]
        if any(d.id == self.refused for d in batch):
            raise ItemsFailed({self.refused: "Elasticsearch 400: mapper_parsing_exception"})
        return []


def test_partial_failure_dead_letters_only_the_refused_item(harness: Harness) -> None:
    docs = [enriched(raw_article(i)) for i in range(6)]
    stage = RefusingIndex(docs[2].id)
    runner = StageRunner(stage, harness.bus, source=harness.topic("in"), model=EnrichedArticle)
    runner.attach(f"{harness.prefix}-sink")
    dead = harness.collect(harness.topic("in.dlq"))
    for d in docs:
        harness.bus.publish(harness.topic("in"), d.to_bytes(), key=d.id)
    harness.drain()
    assert sorted(stage.stored) == sorted(d.id for d in docs if d.id != docs[2].id)
    assert [m.key for m in dead] == [docs[2].id]
    assert "mapper_parsing_exception" in dead[0].headers["error"]
    assert runner.stats["processed"] == 5 and runner.stats["dlq/process"] == 1
