"""Schema migrations, run programmatically: on every open (a cheap check), `pantau db upgrade`."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from store.db import Store

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head() -> str:
    """The newest revision this code knows."""
    found = ScriptDirectory.from_config(_config()).get_current_head()
    assert found is not None, "store/migrations/versions is empty"
    return found


def current(store: Store) -> str | None:
    """The revision the database is at (None: empty)."""
    with store.read() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(store: Store, revision: str = "head") -> bool:
    """Bring the schema to `revision`; True if anything ran. Safe to call from several
    processes at once: they queue on the writer lock and the later ones find it done."""
    target = head() if revision == "head" else revision
    with store.write(lock="pantau.store.migrate") as conn:
        if MigrationContext.configure(conn).get_current_revision() == target:
            return False
        config = _config()
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
    return True


def revision(message: str, store: Store) -> None:
    """Write a new migration file from the difference between tables.py and `store`
    (for developers: review the file before committing it)."""
    with store.write() as conn:
        config = _config()
        config.attributes["connection"] = conn
        command.revision(config, message=message, autogenerate=True)
