"""Failure routing without services: partial failures, discards, oversize, replay helpers."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from pipeline.bus import InlineBus, Message
from pipeline.errors import Discard, ItemsFailed, TransientError
from pipeline.events import EnrichedArticle, Event, RawArticle
from pipeline.replay import Chain, Redrive, origin_topic
from pipeline.runner import StageRunner
from pipeline.stages.index import IndexStage
from tests.conftest import enriched, raw_article


class FlakyIndex:
    """An Indexer whose bulk refuses some ids for good and others for a few tries."""

    def __init__(self, refused: set[str], busy: dict[str, int]) -> None:
        self.refused = refused
        self.busy = dict(busy)
        self.docs: dict[str, EnrichedArticle] = {}
        self.calls: list[list[str]] = []

    def upsert(self, docs: Sequence[EnrichedArticle]) -> int:
        self.calls.append([d.id for d in docs])
        failures: dict[str, str] = {}
        retry: set[str] = set()
        for d in docs:
            if d.id in self.refused:
                failures[d.id] = "Elasticsearch 400: mapper_parsing_exception"
            elif self.busy.get(d.id, 0) > 0:
                self.busy[d.id] -= 1
                failures[d.id] = "Elasticsearch 429: es_rejected_execution_exception"
                retry.add(d.id)
            else:
                self.docs[d.id] = d
        if failures:
            done = len(docs) - len(failures)
            raise ItemsFailed(failures, retry=frozenset(retry), done=done)
        return len(docs)


def _docs(n: int) -> list[EnrichedArticle]:
    return [enriched(raw_article(i)) for i in range(n)]


def test_index_stage_retries_only_busy_items_one_by_one() -> None:
    docs = _docs(6)
    index = FlakyIndex(refused=set(), busy={docs[1].id: 2, docs[4].id: 1})
    stage = IndexStage(index, sleep=lambda _: None)
    assert stage.process(docs) == []
    assert set(index.docs) == {d.id for d in docs}
    assert all(len(call) == 1 for call in index.calls[1:]), index.calls
    assert stage.indexed == 6


def test_index_stage_reports_refused_items_and_keeps_the_rest() -> None:
    docs = _docs(4)
    index = FlakyIndex(refused={docs[2].id}, busy={docs[0].id: 1})
    with pytest.raises(ItemsFailed) as failed:
        IndexStage(index, sleep=lambda _: None).process(docs)
    assert set(failed.value.failures) == {docs[2].id}
    assert set(index.docs) == {docs[0].id, docs[1].id, docs[3].id}


def test_index_stage_turns_a_persistently_busy_item_into_a_transient_batch() -> None:
    docs = _docs(3)
    index = FlakyIndex(refused=set(), busy={docs[0].id: 99})
    with pytest.raises(TransientError):
        IndexStage(index, retries=2, sleep=lambda _: None).process(docs)


def _runner(
    stage: object, bus: InlineBus, **kw: int
) -> tuple[StageRunner[EnrichedArticle], list[Message]]:
    dead: list[Message] = []
    bus.subscribe(["in.dlq"], "dead", dead.extend)
    runner = StageRunner(stage, bus, source="in", model=EnrichedArticle, **kw)  # type: ignore[arg-type]
    runner.attach()
    return runner, dead


def test_runner_dead_letters_only_the_items_a_bulk_refused() -> None:
    bus = InlineBus()
    docs = _docs(5)
    index = FlakyIndex(refused={docs[3].id}, busy={})
    runner, dead = _runner(IndexStage(index, sleep=lambda _: None), bus)
    for d in docs:
        bus.publish("in", d.to_bytes(), key=d.id)
    bus.flush()
    assert [m.key for m in dead] == [docs[3].id]
    assert "mapper_parsing_exception" in dead[0].headers["error"]
    assert dead[0].headers["kind"] == "process" and dead[0].headers["origin"].startswith("in/0/")
    assert runner.stats["processed"] == 4
    assert len(index.calls) == 1  # the good four were not re-sent one by one


class PickyStage:
    """Discards articles that are not about elections (an expected drop, not a fault)."""

    name = "picky"

    def process(self, batch: Sequence[EnrichedArticle]) -> list[Event]:
        if any(not d.election_related for d in batch):
            raise Discard("not_election")
        return []


def test_expected_discards_are_counted_not_dead_lettered() -> None:
    bus = InlineBus()
    runner, dead = _runner(PickyStage(), bus)
    for i in range(4):
        d = enriched(raw_article(i), election_related=i % 2 == 0)
        bus.publish("in", d.to_bytes(), key=d.id)
    bus.flush()
    assert dead == []
    assert runner.stats["discarded/not_election"] == 2
    assert runner.stats["processed"] == 2
    samples = {(n, tuple(sorted(lb.items()))): v for n, lb, v in runner.samples()}
    assert (
        samples[("pantau_discarded_total", (("reason", "not_election"), ("stage", "picky")))] == 2
    )


def test_oversized_message_is_dead_lettered_before_decoding() -> None:
    bus = InlineBus()
    _, dead = _runner(PickyStage(), bus, max_bytes=1000)
    big = enriched(raw_article(1, body="kata " * 1000))
    bus.publish("in", big.to_bytes(), key=big.id)
    bus.flush()
    assert len(dead) == 1 and "message too large" in dead[0].headers["error"]
    assert dead[0].value == big.to_bytes()


class Upper:
    name = "upper"

    def process(self, batch: Sequence[RawArticle]) -> list[EnrichedArticle]:
        return [enriched(a.model_copy(update={"title": a.title.upper()})) for a in batch]


def test_chain_runs_enrich_then_index_in_one_step() -> None:
    index = FlakyIndex(refused=set(), busy={})
    chain = Chain(Upper(), IndexStage(index))
    assert chain.process([raw_article(1), raw_article(2)]) == []
    assert all(d.article.title.isupper() for d in index.docs.values())


def test_redrive_sends_dead_letters_home_with_their_attempts() -> None:
    bus = InlineBus()
    home: list[Message] = []
    bus.subscribe(["articles.raw.v1"], "enrich", home.extend)
    redrive = Redrive(bus, max_attempts=3)
    redrive(
        [
            Message("articles.raw.v1.dlq", b"a", "k1", {"attempts": "1"}, 0, 7),
            Message("articles.raw.v1.dlq", b"b", "k2", {"attempts": "3"}, 0, 8),
        ]
    )
    bus.flush()
    assert [(m.value, m.key, m.headers["attempts"]) for m in home] == [(b"a", "k1", "1")]
    assert home[0].headers["redriven_from"] == "articles.raw.v1.dlq/0/7"
    assert redrive.stats == {"redriven": 1, "kept": 1}


def test_origin_topic_refuses_a_topic_that_is_not_a_dlq() -> None:
    assert origin_topic("alerts.v1.dlq") == "alerts.v1"
    with pytest.raises(ValueError):
        origin_topic("alerts.v1")
