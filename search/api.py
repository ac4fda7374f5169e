"""The JSON HTTP API (FastAPI): /api/search, /api/trends, /api/articles/{id}.

`format=csv|json|xlsx` turns a search or trend answer into a streamed download
(`search.export`): every hit of the query up to the cap, or the trend table.

The backend is a dependency (`get_backend`), taken from `app.state` by default, so the
composition root passes one in and tests override it without globals.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from inspect import Parameter, Signature
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, Field, ValidationError

from pipeline.events import EnrichedArticle
from search.backend import BackendError, SearchBackend
from search.export import FORMATS, MAX_ROWS, Export, Format, export_hits, export_trends
from search.filters import FILTERS
from search.query import (
    DEFAULT_TIMEZONE,
    QuerySyntaxError,
    SearchQuery,
    SearchResult,
    TrendQuery,
    TrendResult,
    utc_offset,
)

log = logging.getLogger(__name__)
ARTICLE_ID = re.compile(r"^[0-9a-f]{32}$")


class Problem(BaseModel):
    """Every error answer: what went wrong, in words a person can act on."""

    error: str
    detail: str
    pesan: str | None = Field(
        default=None, description="the same in Indonesian, for people (bad queries)"
    )
    bantuan: str | None = Field(default=None, description="short Indonesian help (bad queries)")


def get_backend(request: Request) -> SearchBackend:
    backend: SearchBackend = request.app.state.backend
    return backend


Backend = Annotated[SearchBackend, Depends(get_backend)]


def get_export_rows(request: Request) -> int:
    """The most rows one export holds (`create_app(export_rows=...)`)."""
    return int(getattr(request.app.state, "export_rows", MAX_ROWS))


ExportRows = Annotated[int, Depends(get_export_rows)]
ExportHook = Callable[[Export, SearchQuery | TrendQuery], Export]


def _as_is(export: Export, query: SearchQuery | TrendQuery) -> Export:
    return export


def get_export_hook() -> ExportHook:
    """What every download passes through with its query: nothing here; the composition
    root records each one in the audit log (`pantau.web.downloads.audit_hook`)."""
    return _as_is


Recorder = Annotated[ExportHook, Depends(get_export_hook)]
FORMAT_HELP = (
    "csv, json (JSON Lines: an object per line) or xlsx: a streamed download of every hit "
    "(up to the server's cap; X-Pantau-Notice says when it bites) or of the trend table; "
    "absent: the JSON answer"
)
FormatParam = Annotated[Format | None, Query(description=FORMAT_HELP)]
DOWNLOADS: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "the JSON answer, or with `format` a download",
        "content": {media.split(";")[0]: {} for media, _ in FORMATS.values()},
    }
}


def streamed(export: Export) -> StreamingResponse:
    return StreamingResponse(export.chunks, media_type=export.media_type, headers=export.headers())


class Filters:
    """The query parameters /api/search and /api/trends share (the CLI's names): the text,
    one list parameter per filter of the vocabulary (`search.filters`), dates and zone."""

    def __init__(self, given: dict[str, Any]) -> None:
        self.timezone: str = given.pop("tz")
        self.text: str = given.pop("q")
        self.dates: dict[str, str | None] = {k: given.pop(k) for k in ("since", "until", "during")}
        self.election_related: bool | None = given.pop("election_related")
        self.lists: dict[str, list[str] | None] = given

    def query(self, **rest: Any) -> SearchQuery:
        """The SearchQuery (QuerySyntaxError when a value cannot be used)."""
        try:
            return SearchQuery.from_params(
                self.text,
                filters=self.lists,
                timezone=self.timezone,
                election_related=self.election_related,
                **self.dates,
                **rest,
            )
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise QuerySyntaxError(f"{where}: {first['msg']}") from exc


def _param(name: str, annotation: Any, default: Any) -> Parameter:
    return Parameter(name, Parameter.KEYWORD_ONLY, default=default, annotation=annotation)


TEXT_HELP = 'words, OR, -word, "phrase", prefix*, field:value'
TZ_HELP = (
    "time zone of dates without an offset and of trend days (IANA name, no daylight "
    "saving): Asia/Jakarta (WIB, default), Asia/Makassar (WITA), Asia/Jayapura (WIT), UTC"
)

HISTOGRAM_HELP = (
    "also count the matching articles per day, week or month in `tz` (auto: by the span "
    "of since/until, else of the articles found)"
)


DATE_DOC = (
    "YYYY-MM-DD, ISO time, a human date in Indonesian or English ('1 Nov 2024', "
    "'30/11/2024', 'kemarin', 'hari ini'), or an age: 7d / 24h / 2w / '7 hari'; a date "
    "without a time as `until` covers that whole day"
)
DURING_DOC = (
    "an election stage of the calendar (`masa_tenang`, `pilkada2024:masa_tenang`): its "
    "days in `tz`; with since/until too, the articles in both (the intersection)"
)


def _filters_dependency() -> Callable[..., Filters]:
    """A FastAPI dependency whose parameters are built from the filter vocabulary."""
    params = [_param("q", Annotated[str, Query(description=TEXT_HELP)], "")]
    params += [
        _param(spec.param, Annotated[list[str] | None, Query(description=spec.help)], None)
        for spec in FILTERS
    ]
    date = Annotated[str | None, Query(max_length=100, description=DATE_DOC)]
    params += [_param("since", date, None), _param("until", date, None)]
    stage = Annotated[str | None, Query(max_length=100, description=DURING_DOC)]
    params += [_param("during", stage, None)]
    params += [_param("election_related", bool | None, None)]
    zone = Annotated[str, Query(max_length=64, description=TZ_HELP)]
    params += [_param("tz", zone, DEFAULT_TIMEZONE)]

    def filters(**given: Any) -> Filters:
        return Filters(given)

    filters.__signature__ = Signature(params)  # type: ignore[attr-defined]
    return filters


FiltersDep = Annotated[Filters, Depends(_filters_dependency())]


def create_app(backend: SearchBackend | None = None, *, export_rows: int = MAX_ROWS) -> FastAPI:
    app = FastAPI(
        title="pantau",
        summary="Search Indonesian local news coverage for election supervision (Bawaslu).",
        version="1",
        docs_url=None,  # pantau.web serves /docs and /redoc from a packaged copy, not a CDN
        redoc_url=None,
    )
    app.state.backend = backend
    app.state.export_rows = export_rows

    @app.exception_handler(QuerySyntaxError)
    async def _syntax(request: Request, exc: QuerySyntaxError) -> JSONResponse:
        problem = Problem(
            error="bad_query", detail=str(exc), pesan=exc.indonesian, bantuan=exc.help or None
        )
        return JSONResponse(problem.model_dump(), 400)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "query")
        detail = f"{where}: {first.get('msg', 'invalid value')}"
        pesan = f"Nilai {where or 'permintaan'} tidak dapat dipakai."
        problem = Problem(error="bad_request", detail=detail, pesan=pesan)
        return JSONResponse(problem.model_dump(), 400)

    @app.exception_handler(BackendError)
    async def _down(request: Request, exc: BackendError) -> JSONResponse:
        log.warning("search backend error: %s", exc)
        detail = "the search index is unavailable; try again later"
        return JSONResponse(Problem(error="unavailable", detail=detail).model_dump(), 503)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s", request.url.path)
        detail = "internal error (logged on the server)"
        return JSONResponse(Problem(error="internal", detail=detail).model_dump(), 500)

    responses: dict[int | str, dict[str, object]] = {
        400: {"model": Problem, "description": "the query cannot be understood"},
        503: {"model": Problem, "description": "the search engine is unavailable"},
    }

    @app.get("/api/search", response_model=SearchResult, responses={**responses, **DOWNLOADS})
    def search(
        backend: Backend,
        filters: FiltersDep,
        max_rows: ExportRows,
        record: Recorder,
        sort: Literal["relevance", "date"] = "relevance",
        limit: Annotated[int, Query(ge=1, le=500)] = 10,
        offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
        cursor: Annotated[str | None, Query(max_length=2000, description="next_cursor")] = None,
        collapse: Annotated[bool, Query(description="fold syndicated copies")] = False,
        facet_size: Annotated[int, Query(ge=0, le=200)] = 20,
        format: FormatParam = None,
        histogram: Annotated[
            Literal["auto", "day", "week", "month"] | None, Query(description=HISTOGRAM_HELP)
        ] = None,
    ) -> SearchResult | Response:
        """Articles matching the query, with facets, highlights and a cursor to page on;
        with `format`, all of them (one row per article, paging fields ignored)."""
        if format:
            asked = filters.query(sort=sort)
            found = export_hits(
                backend, asked, format, timezone=filters.timezone, max_rows=max_rows
            )
            return streamed(record(found, asked))
        query = filters.query(
            sort=sort,
            limit=limit,
            offset=offset,
            cursor=cursor,
            collapse=collapse,
            facet_size=facet_size,
            histogram=histogram,
        )
        return backend.search(query)

    @app.get("/api/trends", response_model=TrendResult, responses={**responses, **DOWNLOADS})
    def trends(
        backend: Backend,
        filters: FiltersDep,
        record: Recorder,
        by: Literal["day", "week"] = "day",
        split: Literal["topic", "entity", "source", "region"] | None = None,
        top: Annotated[int, Query(ge=1, le=50)] = 5,
        format: FormatParam = None,
    ) -> TrendResult | Response:
        """How many matching articles per day or week, optionally split by topic, entity,
        source or region (one level beneath the region filter or the office; provinces
        without one); `others` counts the articles in none of the shown series."""
        utc_offset(filters.timezone)  # an unknown zone is a 400 with a message
        query = TrendQuery(
            query=filters.query(),
            interval=by,
            split=split,
            top=top,
            timezone=filters.timezone,
        )
        result = backend.trends(query)
        return streamed(record(export_trends(result, format), query)) if format else result

    @app.get(
        "/api/articles/{article_id}",
        response_model=EnrichedArticle,
        responses={404: {"model": Problem, "description": "no such article"}},
    )
    def article(backend: Backend, article_id: str) -> EnrichedArticle:
        """One article with everything the pipeline found in it."""
        found = backend.get(article_id) if ARTICLE_ID.match(article_id) else None
        if found is None:
            raise HTTPException(404, detail=f"no article {article_id[:40]!r}")
        return found

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> JSONResponse:
        error = "not_found" if exc.status_code == 404 else "http"
        return JSONResponse(
            Problem(error=error, detail=str(exc.detail)).model_dump(), exc.status_code
        )

    return app
