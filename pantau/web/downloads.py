"""Downloads of the search and trends pages: every hit, or the trend table, as CSV, JSON
Lines or XLSX (`search.export`), streamed, under the same sign-in and office scope as
the pages (the backend is the scoped one of `search.api.get_backend`), each one written
to the audit log when it ends (`audit_hook`, for the API's downloads too)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, cast

from fastapi import APIRouter, Request, Response

from pantau.auditing import audit_export
from pantau.web.auth import CurrentUser
from pantau.web.form import first, params_of, search_query, timezone, trend_query
from pantau.web.view import Params, link, problem
from search.api import Backend, ExportHook, ExportRows, Recorder, streamed
from search.backend import BackendError
from search.export import (
    FORMATS,
    Export,
    Format,
    cap_notice,
    export_hits,
    export_trends,
    recorded,
)
from search.query import QuerySyntaxError, SearchQuery, TrendQuery
from store.accounts import Accounts

log = logging.getLogger(__name__)

LABELS = {"csv": "CSV", "json": "JSON", "xlsx": "XLSX"}
DOWN = "Unduhan gagal: indeks pencarian sedang tidak dapat dihubungi. Coba lagi nanti."
BAD_FORMAT = "Pilih format unduhan CSV, JSON atau XLSX."
PATHS = {"/": "/export", "/trends": "/trends/export"}


def offer(page: str, params: Params, total: int, max_rows: int) -> dict[str, Any]:
    """What a page shows above its results: a link per format (this query from its first
    hit, every page of it) and, when the query matches more than one export holds, why
    the file will be shorter."""
    kept = [(k, v) for k, v in params if k not in ("cursor", "format")]
    links = [(LABELS[f], link(PATHS[page], [*kept, ("format", f)])) for f in FORMATS]
    note = None
    if page == "/" and total > max_rows:
        note = cap_notice(total, max_rows)
    return {"links": links, "note": note}


def router() -> APIRouter:
    """GET /export and /trends/export."""
    web = APIRouter(include_in_schema=False)

    @web.get("/export")
    def export_search(
        request: Request, backend: Backend, max_rows: ExportRows, record: Recorder
    ) -> Response:
        params = params_of(request.query_params)
        fmt = _format(params)
        if fmt is None:
            return problem("Format tidak dikenal", BAD_FORMAT, 400)

        def make() -> Export:
            query = search_query(params)
            zone = timezone(params)
            return record(export_hits(backend, query, fmt, timezone=zone, max_rows=max_rows), query)

        return _download(make)

    @web.get("/trends/export")
    def export_trend(request: Request, backend: Backend, record: Recorder) -> Response:
        params = params_of(request.query_params)
        fmt = _format(params)
        if fmt is None:
            return problem("Format tidak dikenal", BAD_FORMAT, 400)

        def make() -> Export:
            query = trend_query(params)
            return record(export_trends(backend.trends(query), fmt), query)

        return _download(make)

    return web


def _format(params: Params) -> Format | None:
    fmt = first(params, "format", "csv")
    return cast(Format, fmt) if fmt in FORMATS else None


def _download(make: Callable[[], Export]) -> Response:
    """The export as a streamed answer; a query that cannot be read or an engine outage
    as an Indonesian page (the first page is read before anything is sent)."""
    try:
        found = make()
    except QuerySyntaxError as exc:
        return problem("Pencarian tidak dapat dibaca", exc.indonesian, 400)
    except BackendError as exc:
        log.warning("search backend error: %s", exc)
        return problem("Tidak tersedia", DOWN, 503)
    return streamed(found)


def audit_hook(accounts: Accounts) -> Callable[..., ExportHook]:
    """The dependency that replaces `search.api.get_export_hook` behind sign-in: every
    download of the pages and the API is recorded with its user, format, query and the
    rows that went out (`pantau.auditing`)."""

    def hook(request: Request, user: CurrentUser) -> ExportHook:
        ip = request.client.host if request.client else None
        where = f"{request.method} {request.url.path}"

        def record(export: Export, query: SearchQuery | TrendQuery) -> Export:
            def done(finished: Export, complete: bool) -> None:
                audit_export(
                    accounts, user.username, where, finished, query, complete=complete, ip=ip
                )

            return recorded(export, done)

        return record

    return hook
