"""Exports in the audit log, on SQLite and on the real PostgreSQL: what a download held."""

from __future__ import annotations

from datetime import UTC, datetime

from pantau.auditing import audit_export
from search.export import Export, cap_notice
from search.query import SearchQuery, TrendQuery
from store.accounts import Accounts


def test_an_export_is_recorded_with_its_query_rows_and_cap(accounts: Accounts) -> None:
    query = SearchQuery(
        text="politik uang",
        topics=["politik_uang"],
        regions=["31"],
        since=datetime(2024, 11, 1, tzinfo=UTC),
        sort="date",
        limit=50,  # paging: not recorded
    )
    capped = Export("xlsx", "pantau-cari.xlsx", 12, 10, cap_notice(12, 10), iter(()))
    capped.tally.rows = 10
    audit_export(accounts, "dki", "GET /export", capped, query, complete=True, ip="10.0.0.9")
    trends = TrendQuery(query=SearchQuery(sources=["antara"]), split="topic", interval="week")
    table = Export("csv", "pantau-tren.csv", 5, 5, None, iter(()))
    table.tally.rows = 3
    audit_export(accounts, "analis", "GET /api/trends", table, trends, complete=False)
    newest, oldest = accounts.audit_log(action="export")
    assert (oldest.actor, oldest.target, oldest.ip) == ("dki", "GET /export", "10.0.0.9")
    assert oldest.detail == {
        "format": "xlsx",
        "query": {
            "text": "politik uang",
            "topics": ["politik_uang"],
            "regions": ["31"],
            "since": "2024-11-01T00:00:00Z",
            "sort": "date",
        },
        "rows": 10,
        "total": 12,
        "capped": True,
        "complete": True,
    }
    assert newest.detail == {
        "format": "csv",
        "query": {"sources": ["antara"], "interval": "week", "split": "topic"},
        "rows": 3,
        "total": 5,
        "capped": False,
        "complete": False,
    }
