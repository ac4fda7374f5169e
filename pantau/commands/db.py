"""`pantau db`: the operational store's schema (Alembic migrations)."""

from __future__ import annotations

import typer

from pantau.clikit import DataDir, console, fail, known_errors, settings_with

commands = typer.Typer()
db_app = typer.Typer(help="The operational store: schema migrations.", no_args_is_help=True)
commands.add_typer(db_app, name="db")


@db_app.command("upgrade")
def upgrade(data_dir: DataDir = None) -> None:
    """Bring the store's schema up to date (pantau also does this on every start)."""
    from store import migrate
    from store.db import open_store

    settings = settings_with(data_dir)
    try:
        if settings.store.url is None:
            from pantau.wiring import check_data_dir

            check_data_dir(settings.data_dir)
        store = open_store(settings.store_url, migrate=False)
        ran = migrate.upgrade(store)
        at = migrate.current(store)
    except known_errors() as exc:
        raise fail(str(exc)) from exc
    console.print(f"{store.where}: {'upgraded to' if ran else 'already at'} {at}")


@db_app.command("status")
def status(data_dir: DataDir = None) -> None:
    """The schema revision of the store and the newest this pantau knows; exit 1 if behind."""
    from store import migrate
    from store.db import open_store

    settings = settings_with(data_dir)
    try:
        store = open_store(settings.store_url, migrate=False)
        at = migrate.current(store)
    except known_errors() as exc:
        raise fail(str(exc)) from exc
    head = migrate.head()
    console.print(f"{store.where}: at {at or 'nothing (empty)'}, newest {head}")
    if at != head:
        raise typer.Exit(1)
