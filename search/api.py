"""The JSON HTTP API (FastAPI): /api/search, /api/trends, /api/articles/{id}.

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
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError

from pipeline.events import EnrichedArticle
from search.backend import BackendError, SearchBackend
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


def get_backend(request: Request) -> SearchBackend:
    backend: SearchBackend = request.app.state.backend
    return backend


Backend = Annotated[SearchBackend, Depends(get_backend)]


class Filters:
    """The query parameters /api/search and /api/trends share (the CLI's names): the text,
    one list parameter per filter of the vocabulary (`search.filters`), dates and zone."""

    def __init__(self, given: dict[str, Any]) -> None:
        self.timezone: str = given.pop("tz")
        self.text: str = given.pop("q")
        self.dates: dict[str, str | None] = {k: given.pop(k) for k in ("since", "until")}
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


def _filters_dependency() -> Callable[..., Filters]:
    """A FastAPI dependency whose parameters are built from the filter vocabulary."""
    params = [_param("q", Annotated[str, Query(description=TEXT_HELP)], "")]
    params += [
        _param(spec.param, Annotated[list[str] | None, Query(description=spec.help)], None)
        for spec in FILTERS
    ]
    date = Annotated[str | None, Query(description="YYYY-MM-DD, ISO time, or 7d / 24h")]
    params += [_param("since", date, None), _param("until", date, None)]
    params += [_param("election_related", bool | None, None)]
    zone = Annotated[str, Query(max_length=64, description=TZ_HELP)]
    params += [_param("tz", zone, DEFAULT_TIMEZONE)]

    def filters(**given: Any) -> Filters:
        return Filters(given)

    filters.__signature__ = Signature(params)  # type: ignore[attr-defined]
    return filters


FiltersDep = Annotated[Filters, Depends(_filters_dependency())]


def create_app(backend: SearchBackend | None = None) -> FastAPI:
    app = FastAPI(
        title="pantau",
        summary="Search Indonesian local news coverage for election supervision (Bawaslu).",
        version="1",
        docs_url=None,  # pantau.web serves /docs and /redoc from a packaged copy, not a CDN
        redoc_url=None,
    )
    app.state.backend = backend

    @app.exception_handler(QuerySyntaxError)
    async def _syntax(request: Request, exc: QuerySyntaxError) -> JSONResponse:
        return JSONResponse(Problem(error="bad_query", detail=str(exc)).model_dump(), 400)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "query")
        detail = f"{where}: {first.get('msg', 'invalid value')}"
        return JSONResponse(Problem(error="bad_request", detail=detail).model_dump(), 400)

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

    @app.get("/api/search", response_model=SearchResult, responses=responses)
    def search(
        backend: Backend,
        filters: FiltersDep,
        sort: Literal["relevance", "date"] = "relevance",
        limit: Annotated[int, Query(ge=1, le=500)] = 10,
        offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
        cursor: Annotated[str | None, Query(max_length=2000, description="next_cursor")] = None,
        collapse: Annotated[bool, Query(description="fold syndicated copies")] = False,
        facet_size: Annotated[int, Query(ge=0, le=200)] = 20,
    ) -> SearchResult:
        """Articles matching the query, with facets, highlights and a cursor to page on."""
        query = filters.query(
            sort=sort,
            limit=limit,
            offset=offset,
            cursor=cursor,
            collapse=collapse,
            facet_size=facet_size,
        )
        return backend.search(query)

    @app.get("/api/trends", response_model=TrendResult, responses=responses)
    def trends(
        backend: Backend,
        filters: FiltersDep,
        by: Literal["day", "week"] = "day",
        split: Literal["topic", "entity", "source", "region"] | None = None,
        top: Annotated[int, Query(ge=1, le=50)] = 5,
    ) -> TrendResult:
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
        return backend.trends(query)

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
