"""Migrations: from empty to head on both engines, idempotent, equal to store/tables.py."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from store import migrate
from store.db import open_store
from store.tables import metadata


def test_from_empty_to_head_then_nothing_to_do(any_store_url: str):
    store = open_store(any_store_url, migrate=False)
    assert migrate.current(store) is None
    assert migrate.upgrade(store) is True
    assert migrate.current(store) == migrate.head()
    assert migrate.upgrade(store) is False  # idempotent
    with store.read() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
        tables = set(inspect(conn).get_table_names())
    assert set(metadata.tables) <= tables
    store.close()


def test_open_store_migrates_by_default(any_store_url: str):
    first = open_store(any_store_url)
    second = open_store(any_store_url)  # a second process starting later: nothing to do
    assert migrate.current(second) == migrate.head()
    first.close()
    second.close()
