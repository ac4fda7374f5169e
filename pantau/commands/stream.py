"""`pantau worker`: run one pipeline stage as a Kafka worker."""

from __future__ import annotations

import signal
import sys
import threading
from enum import StrEnum

import typer

from pantau.clikit import console, err, fail, known_errors, settings_with

commands = typer.Typer()


class WorkerName(StrEnum):
    ENRICH = "enrich"
    INDEX = "index"


@commands.command()
def worker(name: WorkerName) -> None:
    """Run one stage as a Kafka worker (one consumer group per stage) until SIGTERM."""
    from pantau.wiring import attach_stages, build_backend, build_bus
    from pipeline.kafka import KafkaBus

    settings = settings_with(bus="kafka", backend="elasticsearch")
    try:
        bus = build_bus(settings)
        assert isinstance(bus, KafkaBus)
        bus.ensure_topics(_topics(), partitions=settings.kafka.partitions)
        backend = build_backend(settings) if name is WorkerName.INDEX else None
        attach_stages(settings, bus, (name.value,), backend=backend)
    except known_errors() as exc:
        raise fail(str(exc)) from exc
    stop = threading.Event()

    def _stop(signum: int, _frame: object) -> None:
        if stop.is_set():
            sys.exit(1)
        err.print(f"{signal.Signals(signum).name}: finishing the current batch, then exiting")
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    console.print(f"worker {name.value}: consuming from {settings.kafka.bootstrap}")
    bus.run(stop)
    bus.close()


def _topics() -> list[str]:
    from pipeline.events import TOPIC_ALERTS, TOPIC_ENRICHED, TOPIC_RAW, dlq_topic

    base = [TOPIC_RAW, TOPIC_ENRICHED, TOPIC_ALERTS]
    return base + [dlq_topic(t) for t in base]
