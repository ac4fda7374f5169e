"""Contract fixtures: the operational store on both engines."""

from tests.store.fixtures import (
    accounts,
    any_store,
    any_store_url,
    clock,
    migrated_postgres,
    migrated_sqlite,
    pg_store_url,
)

__all__ = [
    "accounts",
    "any_store",
    "any_store_url",
    "clock",
    "migrated_postgres",
    "migrated_sqlite",
    "pg_store_url",
]
