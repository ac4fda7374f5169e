"""Exports in the audit log: who downloaded what (format, query), how many rows, capped or not."""

from __future__ import annotations

import logging
from typing import Any

from search.export import Export
from search.query import SearchQuery, TrendQuery
from store.accounts import Accounts
from store.db import StoreError

log = logging.getLogger(__name__)

ACTION = "export"
# paging and presentation: not what was asked for, and an export ignores them
PAGING = {"limit", "offset", "cursor", "facet_size", "highlight", "exact_total", "histogram"}


def query_detail(query: SearchQuery | TrendQuery) -> dict[str, Any]:
    """The query as asked (fields left at their defaults left out)."""
    if isinstance(query, TrendQuery):
        found = query.model_dump(mode="json", exclude_defaults=True, exclude={"query"})
        return {**query_detail(query.query), **found}
    found = query.model_dump(mode="json", exclude_defaults=True, exclude=PAGING)
    return dict(found)


def export_detail(
    export: Export, query: SearchQuery | TrendQuery, *, complete: bool
) -> dict[str, Any]:
    return {
        "format": export.fmt,
        "query": query_detail(query),
        "rows": export.tally.rows,  # handed to the writer: cut short, the client got fewer
        "total": export.total,
        "capped": export.notice is not None,
        "complete": complete,  # False: cut short (the client went away) or failed
    }


def audit_export(
    accounts: Accounts,
    actor: str,
    target: str,
    export: Export,
    query: SearchQuery | TrendQuery,
    *,
    complete: bool,
    ip: str | None = None,
) -> None:
    """One audit row for a finished (or broken off) download; `target` says where from."""
    detail = export_detail(export, query, complete=complete)
    try:
        accounts.audit(actor, ACTION, target, detail, ip=ip)
    except StoreError as exc:  # the file went out: a lost audit row is logged loudly
        log.error("audit of an export by %s not written: %s", actor, exc)
