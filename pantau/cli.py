"""The `pantau` command line: demo, search, crawl, workers, services."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from pantau.config import Settings

app = typer.Typer(
    help="pantau: monitor Indonesian local news for election supervision.",
    no_args_is_help=True,
    add_completion=False,
)
services_app = typer.Typer(
    help="Start/stop the real Kafka + Elasticsearch used by tests.", no_args_is_help=True
)
app.add_typer(services_app, name="services")

console = Console()
err = Console(stderr=True, soft_wrap=True)

DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="Where pantau keeps its data (default: PANTAU_DATA_DIR or a per-user data folder).",
    ),
]
F = TypeVar("F", bound=Callable[..., Any])


def _settings(data_dir: Path | None = None, **overrides: Any) -> Settings:
    settings = Settings()
    update: dict[str, Any] = {k: v for k, v in overrides.items() if v is not None}
    if data_dir is not None:
        update["data_dir"] = data_dir.expanduser().resolve()
    return settings.model_copy(update=update) if update else settings


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}")
    return typer.Exit(code)


def _known_errors() -> tuple[type[Exception], ...]:
    from crawlers.outcomes import CrawlError
    from pantau.wiring import SetupError
    from pipeline.bus import BusError
    from search.backend import BackendError
    from search.query import QuerySyntaxError

    return (SetupError, CrawlError, BackendError, BusError, QuerySyntaxError)


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


class Sort(StrEnum):
    relevance = "relevance"
    date = "date"


@app.command()
def demo(
    data_dir: DataDir = None,
    query: Annotated[str, typer.Option(help="The example search to show.")] = "netralitas ASN",
) -> None:
    """Crawl the bundled sample site, enrich, index into SQLite and show a summary."""
    from pantau.demo import run_demo

    settings = _settings(data_dir, bus="inline", backend="sqlite")
    try:
        run_demo(settings, console, query=query)
    except _known_errors() as exc:
        raise _fail(str(exc)) from exc


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words, "exact phrase", -exclude.')] = "",
    topic: Annotated[list[str] | None, typer.Option(help="Topic id, e.g. netralitas_asn.")] = None,
    source: Annotated[list[str] | None, typer.Option(help="Source, e.g. antara.")] = None,
    since: Annotated[str | None, typer.Option(help="YYYY-MM-DD or 7d / 24h.")] = None,
    until: Annotated[str | None, typer.Option(help="YYYY-MM-DD or 7d / 24h.")] = None,
    sort: Annotated[Sort, typer.Option()] = Sort.relevance,
    limit: Annotated[int, typer.Option(min=1, max=500)] = 10,
    fmt: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.table,
    data_dir: DataDir = None,
) -> None:
    """Search indexed articles."""
    from pantau.render import hits_table, result_json
    from pantau.wiring import build_backend
    from search.query import SearchQuery, parse_when

    try:
        q = SearchQuery(
            text=query,
            topics=topic or [],
            sources=source or [],
            since=parse_when(since) if since else None,
            until=parse_when(until) if until else None,
            sort=sort.value,
            limit=limit,
        )
        backend = build_backend(_settings(data_dir))
        result = backend.search(q)
    except _known_errors() as exc:
        raise _fail(str(exc)) from exc
    if fmt is OutputFormat.json:
        console.print_json(result_json(result))
    else:
        console.print(hits_table(f"{result.total} hits ({result.took_ms:.0f} ms)", result.hits))


@app.command()
def crawl(
    urls: Annotated[list[str], typer.Argument(help="Feed, listing or article URLs.")],
    data_dir: DataDir = None,
) -> None:
    """Crawl URLs into the configured bus (inline: enrich + index here; kafka: publish)."""
    from crawlers.run import crawl as run_crawl
    from pantau.demo import IngestCounter
    from pantau.wiring import attach_stages, build_bus

    settings = _settings(data_dir)
    try:
        bus = build_bus(settings)
        if settings.bus == "inline":
            attach_stages(settings, bus)
        ingest = IngestCounter(bus)
        stats = run_crawl(urls, on_article=ingest.article, on_error=ingest.failure)
        bus.flush()
        bus.close()
    except _known_errors() as exc:
        raise _fail(str(exc)) from exc
    console.print(
        f"published {ingest.articles} articles; failures {dict(ingest.failures)}; "
        f"skipped {dict(stats.skipped)}"
    )


class WorkerName(StrEnum):
    ENRICH = "enrich"
    INDEX = "index"


@app.command()
def worker(name: WorkerName) -> None:
    """Run one stage as a Kafka worker (one consumer group per stage) until SIGTERM."""
    from pantau.wiring import attach_stages, build_backend, build_bus
    from pipeline.kafka import KafkaBus

    settings = _settings(bus="kafka", backend="elasticsearch")
    try:
        bus = build_bus(settings)
        assert isinstance(bus, KafkaBus)
        bus.ensure_topics(_topics(), partitions=settings.kafka.partitions)
        backend = build_backend(settings) if name is WorkerName.INDEX else None
        attach_stages(settings, bus, (name.value,), backend=backend)
    except _known_errors() as exc:
        raise _fail(str(exc)) from exc
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


ServicesDir = Annotated[Path | None, typer.Option("--dir", help="State dir (default .services).")]


@services_app.command("up")
def services_up(state_dir: ServicesDir = None) -> None:
    """Start Kafka (KRaft) and Elasticsearch on 127.0.0.1 and wait until both answer."""
    from pantau import services

    settings = _settings()
    try:
        services.up(state_dir or settings.services_dir)
    except (services.ServicesError, OSError) as exc:
        raise _fail(str(exc)) from exc
    console.print("Kafka and Elasticsearch are up")


@services_app.command("down")
def services_down(state_dir: ServicesDir = None) -> None:
    """Stop the services started by `pantau services up`."""
    from pantau import services

    services.down(state_dir or _settings().services_dir)
    console.print("services stopped")


@services_app.command("status")
def services_status(state_dir: ServicesDir = None) -> None:
    """Show whether each service runs and answers."""
    from pantau import services

    for name, st in services.status(state_dir or _settings().services_dir).items():
        console.print(f"{name}: {st}")


if __name__ == "__main__":
    app()
