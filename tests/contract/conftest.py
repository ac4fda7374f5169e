"""Contract fixtures: the operational store on both engines."""

from tests.store.fixtures import accounts, any_store, any_store_url, clock, pg_store_url

__all__ = ["accounts", "any_store", "any_store_url", "clock", "pg_store_url"]
