"""The `pantau` command line: demo, search, crawl, workers, services."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from pantau.clikit import DataDir, console, fail, known_errors, settings_with

app = typer.Typer(
    help="pantau: monitor Indonesian local news for election supervision.",
    no_args_is_help=True,
    add_completion=False,
)
services_app = typer.Typer(
    help="Start/stop the real Kafka, Elasticsearch and PostgreSQL used by tests.",
    no_args_is_help=True,
)
app.add_typer(services_app, name="services")


@app.callback()
def _startup() -> None:
    """pantau: monitor Indonesian local news for election supervision."""
    from pantau.wiring import SetupError, install_calendar

    # Everything pantau writes (index, alert store, accounts, dead letters, exports) is
    # office data: files 0600 and folders 0700, whoever else shares the machine.
    os.umask(0o077)
    try:  # one election calendar for every command: search, rules, charts, reports
        install_calendar(settings_with())
    except SetupError as exc:
        raise fail(str(exc)) from exc


@app.command()
def demo(
    data_dir: DataDir = None,
    query: Annotated[str, typer.Option(help="The example search to show.")] = "netralitas ASN",
) -> None:
    """Crawl the bundled sample site, enrich, index into SQLite and show a summary."""
    from pantau.demo import run_demo

    settings = settings_with(data_dir, bus="inline", backend="sqlite")
    try:
        run_demo(settings, console, query=query)
    except known_errors() as exc:
        raise fail(str(exc)) from exc


ServicesDir = Annotated[Path | None, typer.Option("--dir", help="State dir (default .services).")]


@services_app.command("up")
def services_up(state_dir: ServicesDir = None) -> None:
    """Start Kafka (KRaft), Elasticsearch and PostgreSQL on 127.0.0.1; wait until all answer."""
    from devkit import services

    settings = settings_with()
    try:
        services.up(state_dir or settings.services_dir)
    except (services.ServicesError, OSError) as exc:
        raise fail(str(exc)) from exc
    console.print("Kafka, Elasticsearch and PostgreSQL are up")


@services_app.command("down")
def services_down(state_dir: ServicesDir = None) -> None:
    """Stop the services started by `pantau services up`."""
    from devkit import services

    services.down(state_dir or settings_with().services_dir)
    console.print("services stopped")


@services_app.command("status")
def services_status(state_dir: ServicesDir = None) -> None:
    """Show whether each service runs and answers."""
    from devkit import services

    for name, st in services.status(state_dir or settings_with().services_dir).items():
        state = "answering" if st.answering else "running" if st.running else "stopped"
        port = f"127.0.0.1:{st.port}" if st.port else "-"
        console.print(f"{name:<14} {state:<10} {port:<16} pid {st.pid or '-'}", highlight=False)


def _register_command_modules() -> None:
    """Merge every `pantau.commands.<name>.commands` into the top-level app."""
    import importlib

    from pantau.commands import MODULES

    for name in MODULES:
        module = importlib.import_module(f"pantau.commands.{name}")
        sub: typer.Typer = module.commands
        app.registered_commands.extend(sub.registered_commands)
        app.registered_groups.extend(sub.registered_groups)


_register_command_modules()

if __name__ == "__main__":
    app()
