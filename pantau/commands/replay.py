"""`pantau replay raw | dlq`: re-enrich history into a new index, re-drive a dead-letter queue."""

from __future__ import annotations

import gc
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from pantau.clikit import DataDir, console, fail, known_errors, settings_with
from pantau.commands.stream import kafka_bus, stop_on_signals
from pipeline.deadletter import DeadLetterFile

if TYPE_CHECKING:
    from pantau.config import Settings
    from pantau.runtime import Runtime
    from search.elastic import ElasticsearchBackend

commands = typer.Typer()
replay_app = typer.Typer(help="Re-run history: re-enrich articles, re-drive a DLQ.")
commands.add_typer(replay_app, name="replay")


Idle = Annotated[float, typer.Option(help="Stop after this many seconds without a message.")]


@replay_app.command("raw")
def replay_raw(
    version: Annotated[int, typer.Option(help="The new index version to build (<alias>-v<N>).")],
    switch: Annotated[bool, typer.Option(help="Point the alias at the new index after.")] = False,
    idle: Idle = 10.0,
) -> None:
    """Re-enrich all of articles.raw.v1 with this NLP release into a new index version."""

    from pantau.runtime import Runtime

    settings = settings_with(bus="kafka", backend="elasticsearch")
    es = settings.elasticsearch
    try:
        runtime = Runtime(settings, backend=False).open()
    except known_errors() as exc:
        raise fail(str(exc)) from exc
    with runtime:
        target = _replay(runtime, version, idle)
    if switch:
        _switch_alias(target)
        console.print(f"alias {es.alias} -> {target.index}")


def _replay(runtime: Runtime, version: int, idle: float) -> ElasticsearchBackend:
    """Enrich + index articles.raw.v1 in one consumer group into index version `version`."""
    from pipeline.events import TOPIC_RAW, RawArticle
    from pipeline.replay import Chain
    from pipeline.runner import StageRunner
    from pipeline.stages.index import IndexStage
    from search.elastic import ElasticsearchBackend

    es = runtime.settings.elasticsearch
    try:
        bus = kafka_bus(runtime)
        target = ElasticsearchBackend(es.url, alias=es.alias, version=version)
        target.ensure()  # template + the new index; the alias stays where it is
        # Write to the concrete new index, not through the alias (which serves the old one).
        writer = ElasticsearchBackend(es.url, alias=target.index)
        enrich = _enrich_stage(runtime.settings)
        chain = Chain(enrich, IndexStage(writer), name="replay")
        runner = StageRunner(chain, bus, source=TOPIC_RAW, model=RawArticle)
        runner.attach(f"pantau-replay-v{version}")
        bus.run_until_idle(idle=idle, limit=7 * 24 * 3600.0, stop=stop_on_signals())
    except known_errors() as exc:
        raise fail(str(exc)) from exc
    console.print(f"replayed into {target.index}: {dict(runner.stats)}")
    return target


def _enrich_stage(settings: Settings) -> object:
    from nlp.pipeline import load_pipeline
    from pipeline.stages.enrich import EnrichStage

    nlp = settings.nlp
    stage = EnrichStage(load_pipeline(), max_chars=nlp.max_chars, batch_size=nlp.batch_size)
    # The pipeline's ~140k long-lived objects (patterns, vocab, weights) would otherwise be
    # rescanned by every full collection the per-article garbage triggers (~15% of the
    # NLP's CPU time). A worker loads it once, so they are moved out of the GC's sight.
    # (Not in load_pipeline itself: a process that loads pipelines again and again, like
    # the test suite, would never free the old ones.)
    gc.freeze()
    return stage


def _switch_alias(target: object) -> None:
    from search.elastic import ElasticsearchBackend

    assert isinstance(target, ElasticsearchBackend)
    indices = target.es.indices
    current = list(indices.get_alias(name=target.alias, ignore_unavailable=True))
    actions: list[dict[str, dict[str, str]]] = [
        {"remove": {"index": old, "alias": target.alias}} for old in current if old != target.index
    ]
    actions.append({"add": {"index": target.index, "alias": target.alias}})
    indices.update_aliases(actions=actions)  # one atomic step: searches never see no index


class BusName(StrEnum):
    inline = "inline"
    kafka = "kafka"


@replay_app.command("dlq")
def replay_dlq(
    topic: Annotated[str, typer.Argument(help="The DLQ, e.g. articles.raw.v1.dlq.")],
    max_attempts: Annotated[int, typer.Option(help="Leave messages failed this often.")] = 5,
    idle: Idle = 5.0,
    bus: Annotated[
        BusName | None,
        typer.Option(
            help="inline: the dead-letter files in <data dir>/dlq/; kafka: the topic. "
            "Default: PANTAU_BUS or inline."
        ),
    ] = None,
    data_dir: DataDir = None,
) -> None:
    """Send a DLQ's messages back to their topic (after a fix); each is re-driven once."""
    from pantau.runtime import ALL_STAGES, Runtime
    from pipeline.replay import Redrive, origin_topic, redrive_file

    settings = settings_with(data_dir, bus=bus.value if bus else None)
    try:
        origin_topic(topic)
        if settings.bus == "inline":  # embedded: the files, through this process's stages
            with Runtime(settings, stages=ALL_STAGES) as runtime:
                dead = DeadLetterFile(settings.dlq_dir)
                stats = redrive_file(dead, topic, runtime.bus, max_attempts=max_attempts)
            where = str(dead.path(topic))
        else:
            with Runtime(settings, backend=False) as runtime:
                kafka = kafka_bus(runtime)
                redrive = Redrive(kafka, max_attempts=max_attempts)
                kafka.subscribe([topic], f"pantau-redrive-{topic}", redrive)
                kafka.run_until_idle(idle=idle, limit=24 * 3600.0, stop=stop_on_signals())
            stats, where = redrive.stats, f"{topic} on {settings.kafka.bootstrap}"
    except ValueError as exc:
        raise fail(str(exc)) from exc
    except known_errors() as exc:
        raise fail(str(exc)) from exc
    console.print(
        f"re-drove {stats['redriven']} messages from {where}; "
        f"kept {stats['kept']} that failed {max_attempts} times"
        + (f", {stats['unreadable']} unreadable" if stats["unreadable"] else "")
    )
