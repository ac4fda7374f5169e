"""One SQLAlchemy engine over SQLite (embedded) or PostgreSQL (distributed), with clean errors."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Table, create_engine, event, exc, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.pool import StaticPool


class StoreError(RuntimeError):
    """The store cannot be used as it is; the message says which store and what to do."""


class StoreUnavailable(StoreError):
    """Transient: the database is locked, the server is down or the connection broke. Retry."""


def normalize_url(url: str) -> str:
    """`postgresql://` and `postgres://` mean psycopg 3 (SQLAlchemy's default is psycopg2)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


class Store:
    """Connections and transactions of the operational store.

    `read()` is a plain transaction; `write(lock)` is one that cannot race another writer
    on the same decision: SQLite takes its writer lock up front (BEGIN IMMEDIATE), and
    PostgreSQL takes a transaction-scoped advisory lock named `lock`, so processes on
    several hosts serialise exactly the critical sections that need it.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.where = engine.url.render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def is_postgres(self) -> bool:
        return self.dialect == "postgresql"

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.errors(), self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def write(self, lock: str | None = None) -> Iterator[Connection]:
        with (
            self.errors(),
            self.engine.connect().execution_options(pantau_write=True) as conn,
            conn.begin(),
        ):
            if lock is not None and self.is_postgres:
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock_key(lock)})
            yield conn

    def insert(self, table: Table) -> Any:
        """An INSERT of this dialect, for `on_conflict_do_nothing/do_update` (both have it)."""
        return postgresql.insert(table) if self.is_postgres else sqlite.insert(table)

    @contextmanager
    def errors(self) -> Iterator[None]:
        """Driver errors as StoreError/StoreUnavailable naming this store (password hidden).

        Constraint violations pass through: callers turn them into their own answers."""
        try:
            yield
        except exc.IntegrityError:
            raise
        except exc.OperationalError as e:
            raise StoreUnavailable(f"operational store {self.where}: {_reason(e)}") from e
        except exc.DBAPIError as e:
            raise StoreError(
                f"operational store {self.where}: {_reason(e)}. "
                "If this is a damaged SQLite file, restore it from a backup or move it away "
                "(pantau then creates an empty one)."
            ) from e

    def close(self) -> None:
        self.engine.dispose()


def open_store(url: str, *, migrate: bool = True) -> Store:
    """A Store on `url`, its schema brought up to date unless `migrate` is False."""
    store = Store(create_store_engine(url))
    if migrate:
        from store.migrate import upgrade  # migrate imports this module

        try:
            upgrade(store)
        except BaseException:
            store.close()
            raise
    return store


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for pg_advisory_xact_lock."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


def create_store_engine(url: str) -> Engine:
    url = normalize_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, parsed.database)
    if parsed.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    raise StoreError(f"operational store {url!r}: use a sqlite:/// or postgresql:// URL")


def _sqlite_engine(url: str, database: str | None) -> Engine:
    if database and database != ":memory:":
        _private_file(Path(database))
        engine = create_engine(url, connect_args={"timeout": 30})
    else:  # one shared connection, or every checkout would see its own empty database
        engine = create_engine(url, connect_args={"check_same_thread": False}, poolclass=StaticPool)
    # pysqlite's own transaction handling begins lazily and never for reads; take it over
    # (SQLAlchemy's documented recipe) so reads see one snapshot and writers lock up front.
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get("pantau_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _private_file(path: Path) -> None:
    """Create the database file 0600 (and its folder 0700) before SQLite does with 0644;
    SQLite gives its -wal and -shm files the database file's mode."""
    if path.exists():
        return
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    except OSError as e:
        raise StoreError(f"operational store {path}: cannot create it ({e.strerror})") from e


def _reason(e: exc.DBAPIError) -> str:
    return str(e.orig).strip().splitlines()[0] if e.orig is not None else str(e)
