"""`pantau watch` (poll the registry's sources until stopped) and `pantau sources ...`."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from pantau.clikit import DataDir, console, fail, known_errors, settings_with

if TYPE_CHECKING:
    from crawlers.watch.schema import Health
    from crawlers.watch.state import WatchState
    from pantau.config import Settings

commands = typer.Typer()
sources_app = typer.Typer(
    help="The source registry: add, list, show, disable.", no_args_is_help=True
)
commands.add_typer(sources_app, name="sources")


def _state(settings: Settings) -> WatchState:
    from crawlers.watch.registry import RegistryError
    from pantau.watching import open_state

    try:
        return open_state(settings)
    except RegistryError as exc:
        raise fail(str(exc)) from exc


@commands.command()
def watch(
    data_dir: DataDir = None,
    allow_private: Annotated[
        bool, typer.Option(help="Allow loopback/private addresses anywhere (tests).")
    ] = False,
) -> None:
    """Poll the registry's feeds adaptively and politely until SIGTERM / Ctrl-C; new
    articles flow through the configured bus like a crawl's."""
    import logging

    from crawlers.watch.registry import RegistryError
    from pantau.watching import run_watch

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # a line per request otherwise
    settings = settings_with(data_dir)
    if allow_private:
        settings.watch.allow_private = True
    try:
        sink = run_watch(settings)
    except RegistryError as exc:
        raise fail(str(exc)) from exc
    except known_errors() as exc:
        raise fail(str(exc)) from exc
    console.print(f"watch stopped: {sink.published} articles published, {sink.failed} failed")


@sources_app.command("add")
def add(
    url: Annotated[str, typer.Argument(help="The site's homepage or one of its feeds.")],
    name: Annotated[str | None, typer.Option(help="Registry name (default: the host).")] = None,
    region: Annotated[str | None, typer.Option(help="Kemendagri code it covers.")] = None,
    dry_run: Annotated[bool, typer.Option(help="Show what was found, save nothing.")] = False,
    delay: Annotated[float, typer.Option(help="Seconds between requests.")] = 1.0,
    data_dir: DataDir = None,
) -> None:
    """Find the site's feeds (<link rel=alternate>, common paths, robots.txt sitemaps),
    test-parse three articles, print what worked, then save the source."""
    import asyncio

    from pydantic import ValidationError

    from crawlers.watch.discover import discover

    settings = settings_with(data_dir)
    try:
        found = asyncio.run(
            discover(url, name=name, region=region, delay=delay,
                     allow_private=settings.watch.allow_private)
        )  # fmt: skip
    except ValidationError as exc:
        raise fail(f"{url}: {exc.errors()[0]['msg']}") from exc
    for link, how in found.found:
        console.print(f"found {link}  ({how})")
    for problem in found.problems:
        console.print(f"[dim]not found: {problem}[/]")
    for sample in found.samples:
        console.print(f"article {sample.url}: {sample.path}  {sample.title[:60]}")
    if found.source is None:
        raise fail(f"no feed or sitemap found at {url}; nothing saved")
    if not found.parsed:
        raise fail("no test article could be parsed; nothing saved")
    console.print(f"source {found.source.name}: family {found.source.family}")
    if dry_run:
        return
    _state(settings).add(found.source)
    console.print(f"saved {found.source.name}; `pantau watch` polls it from now on")


@sources_app.command("list")
def list_sources(
    output: Annotated[str, typer.Option("--format", help="table or json")] = "table",
    data_dir: DataDir = None,
) -> None:
    """Every source with its health (last 24 hours)."""
    health = _state(settings_with(data_dir)).health()
    if output == "json":
        console.print_json(json.dumps([h.to_dict() for h in health]))
        return
    console.print(health_table(health))


@sources_app.command("show")
def show(name: str, data_dir: DataDir = None) -> None:
    """One source: its entry, feeds with their schedule, and health."""
    state = _state(settings_with(data_dir))
    found = state.get(name)
    if found is None:
        raise fail(f"no source named {name!r} (see `pantau sources list`)")
    health = next(h for h in state.health() if h.name == name)
    payload = {
        "source": found.source.model_dump(),
        "origin": found.origin,
        "health": health.to_dict(),
        "feeds": [f.__dict__ for f in state.feeds(name)],
    }
    console.print_json(json.dumps(payload, default=str))


@sources_app.command("disable")
def disable(name: str, data_dir: DataDir = None) -> None:
    """Stop polling a source (kept in the registry; `enable` starts it again)."""
    if not _state(settings_with(data_dir)).set_enabled(name, False):
        raise fail(f"no source named {name!r}")
    console.print(f"{name} disabled")


@sources_app.command("enable")
def enable(name: str, data_dir: DataDir = None) -> None:
    """Poll a disabled source again."""
    if not _state(settings_with(data_dir)).set_enabled(name, True):
        raise fail(f"no source named {name!r}")
    console.print(f"{name} enabled")


def print_source_health(settings: Settings) -> None:
    """The sources table of `pantau status`, when there is an operational store."""
    from crawlers.watch.state import WatchState
    from pantau.wiring import SetupError, build_store
    from store.db import StoreError

    if settings.store.url or (settings.data_dir / "store.sqlite3").exists():
        try:  # the workers' table above stays useful when the store is not
            store = build_store(settings)
        except (SetupError, StoreError) as exc:
            console.print(f"sources: the operational store cannot be read: {exc}")
            return
        try:
            console.print(health_table(WatchState(store).health()))
        except StoreError as exc:
            console.print(f"sources: the operational store cannot be read: {exc}")
        finally:
            store.close()


def _when(ts: float | None) -> str:
    return "-" if ts is None else datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d %H:%M")


def health_table(health: list[Health]) -> Table:
    table = Table(title="sources (last 24 h)", title_justify="left")
    for col in ("source", "state", "last success (UTC)", "art/day", "errors", "generic", "fails"):
        table.add_column(col, justify="left" if col in ("source", "state") else "right")
    for h in health:
        table.add_row(
            h.name, h.state, _when(h.last_success), str(h.articles),
            f"{h.error_rate:.0%}", f"{h.generic_rate:.0%}", str(h.consecutive_failures),
        )  # fmt: skip
    return table
