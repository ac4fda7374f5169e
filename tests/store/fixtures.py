"""Store fixtures: a SQLite file or a fresh schema in the real PostgreSQL; seeded accounts."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import create_engine, text

from store.accounts import Accounts
from store.db import Store, normalize_url, open_store, sqlite_url
from store.offices import build_offices, sync_offices
from store.tables import metadata
from tests.conftest import require_service

# `pantau services up` starts this server (devkit.services: port 55432, user pantau).
PG_URL = os.environ.get("PANTAU_TEST_POSTGRES", "postgresql://pantau@127.0.0.1:55432/pantau")


def postgres_url() -> str:
    """The test server's URL; fails (never skips) when it is not running."""
    hostport = PG_URL.rsplit("@", 1)[-1].split("/", 1)[0]
    require_service("PostgreSQL", hostport)
    return PG_URL


def with_schema(url: str, schema: str) -> str:
    sep = "&" if "?" in url else "?"
    return f"{normalize_url(url)}{sep}options=-csearch_path%3D{schema}"


class PostgresSchemas:
    """One schema per test in the shared test database: isolated, and cheap to drop."""

    def __init__(self, url: str) -> None:
        self.admin = create_engine(normalize_url(url), isolation_level="AUTOCOMMIT")
        self.url = url
        self.made: list[str] = []

    def new(self) -> str:
        schema = f"t_{uuid.uuid4().hex[:12]}"
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        self.made.append(schema)
        return with_schema(self.url, schema)

    def drop(self) -> None:
        with self.admin.connect() as conn:
            for schema in self.made:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        self.admin.dispose()


@pytest.fixture
def pg_store_url() -> Iterator[str]:
    """A URL of an empty schema in the test PostgreSQL."""
    schemas = PostgresSchemas(postgres_url())
    try:
        yield schemas.new()
    finally:
        schemas.drop()


def store_url(engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if engine == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite3'}"
    return str(request.getfixturevalue("pg_store_url"))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty store URL, once per engine (for tests of migrations)."""
    return store_url(request.param, tmp_path, request)


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store migrated once per session; tests get a copy of the file."""
    path = tmp_path_factory.mktemp("template") / "store.sqlite3"
    open_store(sqlite_url(path)).close()  # closing the last connection checkpoints the WAL
    return path


@pytest.fixture(scope="session")
def migrated_postgres() -> Iterator[Store]:
    """A PostgreSQL schema migrated once per session; tests get it emptied."""
    schemas = PostgresSchemas(postgres_url())
    store = open_store(schemas.new())
    yield store
    store.close()
    schemas.drop()


def _emptied(store: Store) -> Store:
    names = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
    with store.write() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    return store


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A migrated, empty store, once per engine."""
    if request.param == "postgres":
        yield _emptied(request.getfixturevalue("migrated_postgres"))
        return
    path = tmp_path / "store.sqlite3"
    shutil.copyfile(request.getfixturevalue("migrated_sqlite"), path)
    store = open_store(sqlite_url(path))
    yield store
    store.close()


# A few places of the gazetteer's shape (code, name, level), written for the tests.
PLACES = [
    ("31", "DKI Jakarta", "provinsi"),
    ("31.71", "Jakarta Pusat", "kota"),
    ("31.72", "Jakarta Utara", "kota"),
    ("31.72.01", "Penjaringan", "kecamatan"),
    ("51", "Bali", "provinsi"),
    ("51.71", "Denpasar", "kota"),
    ("94", "Papua Tengah", "provinsi"),
]

FAST = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1)


class Clock:
    """Time the tests move by hand (lockout and session expiry span minutes)."""

    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def seeded(store: Store) -> Store:
    sync_offices(store, build_offices(PLACES))
    return store


@pytest.fixture
def accounts(any_store: Store, clock: Clock) -> Accounts:
    return Accounts(seeded(any_store), hasher=FAST, clock=clock)
