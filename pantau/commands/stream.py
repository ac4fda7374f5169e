"""`pantau worker | status`: the stages as Kafka workers and their metrics."""

from __future__ import annotations

import os
import signal
import threading
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from pantau.clikit import console, err, fail, known_errors, settings_with

if TYPE_CHECKING:
    from pantau.config import Settings
    from pantau.runtime import Runtime
    from pantau.wiring import Stages
    from pipeline.kafka import KafkaBus

commands = typer.Typer()


class WorkerName(StrEnum):
    ENRICH = "enrich"
    INDEX = "index"
    ALERT = "alert"


# Defaults for `--metrics-port`; `pantau status` reads these unless given targets.
METRICS_PORTS = {WorkerName.ENRICH: 9401, WorkerName.INDEX: 9402, WorkerName.ALERT: 9403}

MetricsPort = Annotated[
    int | None,
    typer.Option(help="Port for /metrics and /healthz (default 9401/9402/9403; 0 = off)."),
]


Profile = Annotated[
    Path | None,
    typer.Option(hidden=True, help="Write cProfile stats of the worker loop here on exit."),
]


@commands.command()
def worker(name: WorkerName, metrics_port: MetricsPort = None, profile: Profile = None) -> None:
    """Run one stage as a Kafka worker (one consumer group per stage) until SIGTERM.

    The first SIGTERM/SIGINT finishes the batch in hand (or abandons a batch waiting out
    a backoff, uncommitted) and exits; a second one exits at once. Nothing is committed
    that was not processed, so either way the next worker resumes without loss.
    """
    from pantau.runtime import Runtime
    from pipeline.metrics import serve

    settings = worker_settings()
    try:
        runtime = Runtime(settings, backend=name is WorkerName.INDEX).open()
    except known_errors() as exc:
        raise fail(str(exc)) from exc
    with runtime:
        try:
            bus = kafka_bus(runtime)
            _attach(runtime, bus, name)
        except known_errors() as exc:
            raise fail(str(exc)) from exc
        port = METRICS_PORTS[name] if metrics_port is None else metrics_port
        if port:
            serve(bus.metrics, port)
        stop = stop_on_signals()
        where = f", metrics on :{port}" if port else ""
        console.print(f"worker {name.value}: consuming from {settings.kafka.bootstrap}{where}")
        _run(bus, stop, profile)


def worker_settings() -> Settings:
    """Workers talk Kafka; they index into Elasticsearch unless PANTAU_BACKEND names
    another engine (one machine may run the Kafka stages over its embedded index)."""
    settings = settings_with(bus="kafka")
    if "backend" in settings.model_fields_set:
        return settings
    return settings.model_copy(update={"backend": "elasticsearch"})


def _run(bus: KafkaBus, stop: threading.Event, profile: Path | None) -> None:
    if profile is None:
        bus.run(stop)
        return
    import cProfile

    prof = cProfile.Profile()
    try:
        prof.runcall(bus.run, stop)
    finally:
        prof.dump_stats(profile)  # bench/stream.py --profile reads these


def kafka_bus(runtime: Runtime) -> KafkaBus:
    """The runtime's Kafka bus, its topics made sure of before any consumer joins."""
    from pipeline.kafka import KafkaBus

    bus = runtime.bus
    assert isinstance(bus, KafkaBus)
    bus.ensure_topics(_topics(), partitions=runtime.settings.kafka.partitions)
    return bus


def _attach(runtime: Runtime, bus: KafkaBus, name: WorkerName) -> Stages:
    from pantau.wiring import SetupError

    stages = runtime.attach((name.value,))
    if not stages.runners:
        raise SetupError(f"no stage named {name.value!r} is wired in pantau.wiring yet")
    for runner in stages.runners.values():
        bus.metrics.watch(runner.samples)
    return stages


def stop_on_signals() -> threading.Event:
    stop = threading.Event()

    def _stop(signum: int, _frame: object) -> None:
        if stop.is_set():
            err.print(f"{signal.Signals(signum).name} again: exiting now, batch uncommitted")
            os._exit(130)  # no cleanup that could block; uncommitted work is redelivered
        err.print(f"{signal.Signals(signum).name}: finishing the current batch, then exiting")
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    return stop


def _topics() -> list[str]:
    from pipeline.events import TOPIC_ALERTS, TOPIC_ENRICHED, TOPIC_RAW, dlq_topic

    base = [TOPIC_RAW, TOPIC_ENRICHED, TOPIC_ALERTS]
    return base + [dlq_topic(t) for t in base]


@commands.command()
def status(
    target: Annotated[
        list[str] | None,
        typer.Option(help="host:port of a worker's metrics (repeatable; default the three)."),
    ] = None,
) -> None:
    """A table of the workers' health: processed, failed, DLQ'd, lag, batch latency."""
    from pantau.commands.watch import print_source_health

    targets = target or [f"127.0.0.1:{p}" for p in METRICS_PORTS.values()]
    table, all_up = status_table(targets)
    console.print(table)
    print_source_health(settings_with())
    if not all_up:
        raise typer.Exit(3)


COLUMNS = ("worker", "stage", "state", "done", "out", "retry", "dlq", "drop", "lag")


def status_table(targets: list[str]) -> tuple[Table, bool]:
    """Scrape each worker's /metrics into one row; a worker that does not answer is 'down'."""
    from pipeline.metrics import scrape

    table = Table(title="pantau workers", title_justify="left")
    table.caption = (
        "done/out: events processed/published; retry: transient batch retries; "
        "drop: expected discards; p50/p95: batch seconds, poll to commit; "
        "poll: seconds since the last poll"
    )
    for col in (*COLUMNS, "p50", "p95", "poll"):
        left = col in ("worker", "stage", "state")
        table.add_column(col, justify="left" if left else "right", no_wrap=left)
    all_up = True
    for target in targets:
        try:
            samples = scrape(target)
        except OSError:
            all_up = False
            table.add_row(target, "", "down", *[""] * 9)
            continue
        table.add_row(*_row(target, samples))
    return table, all_up


def _row(target: str, samples: dict[tuple[str, tuple[tuple[str, str], ...]], float]) -> list[str]:
    def total(name: str) -> float:
        return sum(v for (n, _), v in samples.items() if n == name)

    def latency(q: str) -> str:
        got = [
            v
            for (n, lb), v in samples.items()
            if n == "pantau_batch_seconds" and ("quantile", q) in lb
        ]
        return f"{max(got):.2f}" if got and got[0] == got[0] else "-"

    stages = sorted(
        {dict(lb).get("stage", "") for (n, lb) in samples if n == "pantau_processed_total"}
    )
    age = total("pantau_last_poll_age_seconds")
    state = "paused" if total("pantau_paused") else ("up" if age < 120 else "stalled")
    counts = [
        total(f"pantau_{n}_total") for n in ("processed", "published", "failed", "dlq", "discarded")
    ]
    return [
        target,
        ",".join(sorted(s for s in stages if s)),
        state,
        *[str(int(c)) for c in counts],
        str(int(total("pantau_consumer_lag"))),
        latency("0.5"),
        latency("0.95"),
        f"{age:.1f}",
    ]
