"""Composition root: builds buses, backends and stage runners from Settings."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path

from pantau.config import Settings
from pipeline.bus import Bus, InlineBus
from pipeline.deadletter import DeadLetterFile
from pipeline.events import TOPIC_ENRICHED, TOPIC_RAW, EnrichedArticle, RawArticle
from pipeline.runner import StageRunner
from pipeline.stages.index import IndexStage
from search.backend import BackendError, SearchBackend


class SetupError(RuntimeError):
    """Something in the environment stops pantau; the message says what and how to fix it."""


def check_data_dir(path: Path) -> Path:
    """Create the data dir and prove it is writable before anything is half-written."""
    probe = path / f".write-test-{uuid.uuid4().hex}"
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        raise SetupError(
            f"data dir {path} is not writable ({exc.strerror or exc}). "
            "Pass --data-dir or set PANTAU_DATA_DIR to a folder you can write."
        ) from exc
    return path


def build_backend(settings: Settings) -> SearchBackend:
    if settings.backend == "elasticsearch":
        from search.elastic import ElasticsearchBackend

        es = settings.elasticsearch
        backend: SearchBackend = ElasticsearchBackend(es.url, alias=es.alias, version=es.version)
    else:
        from search.sqlite import SqliteBackend

        check_data_dir(settings.data_dir)
        backend = SqliteBackend(settings.index_path)
    try:
        backend.ensure()
    except BackendError as exc:
        raise SetupError(str(exc)) from exc
    return backend


def build_bus(settings: Settings) -> Bus:
    if settings.bus == "kafka":
        from pipeline.bus import BusError
        from pipeline.kafka import KafkaBus

        try:
            return KafkaBus(settings.kafka.bootstrap, batch_size=settings.kafka.batch_size)
        except BusError as exc:
            raise SetupError(str(exc)) from exc
    return InlineBus(unrouted=DeadLetterFile(settings.dlq_dir))


@dataclass
class Stages:
    """The runners attached to one bus (all of them in embedded mode, one per worker)."""

    runners: dict[str, StageRunner[RawArticle] | StageRunner[EnrichedArticle]] = field(
        default_factory=dict
    )


def attach_stages(
    settings: Settings,
    bus: Bus,
    names: tuple[str, ...] = ("enrich", "index"),
    *,
    backend: SearchBackend | None = None,
    group_prefix: str = "pantau",
) -> Stages:
    stages = Stages()
    if "enrich" in names:
        from nlp.pipeline import load_pipeline
        from pipeline.stages.enrich import EnrichStage

        enrich = EnrichStage(
            load_pipeline(), max_chars=settings.nlp.max_chars, batch_size=settings.nlp.batch_size
        )
        runner_e = StageRunner(enrich, bus, source=TOPIC_RAW, model=RawArticle, sink=TOPIC_ENRICHED)
        runner_e.attach(f"{group_prefix}-enrich")
        stages.runners["enrich"] = runner_e
    if "index" in names:
        index = IndexStage(backend or build_backend(settings))
        runner_i = StageRunner(index, bus, source=TOPIC_ENRICHED, model=EnrichedArticle)
        runner_i.attach(f"{group_prefix}-index")
        stages.runners["index"] = runner_i
    return stages
