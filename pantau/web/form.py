"""Page parameters -> SearchQuery / TrendQuery, with the JSON API's filter names.

Pages read their parameters themselves (not through FastAPI's validation) so that every
bad value becomes a message on the page with HTTP 400 instead of a JSON error.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from starlette.datastructures import QueryParams

from pantau.web.view import Params
from search.filters import FILTERS
from search.query import DEFAULT_TIMEZONE, QuerySyntaxError, SearchQuery, TrendQuery

LISTS = tuple(spec.param for spec in FILTERS)
PAGE_SIZE = 20
FACET_SIZE = 15


def params_of(query: QueryParams) -> Params:
    """The non-empty parameters, in order (an empty form field means 'not given')."""
    return [(k, v) for k, v in query.multi_items() if v.strip()]


def first(params: Params, name: str, default: str = "") -> str:
    return next((v for k, v in params if k == name), default)


def every(params: Params, name: str) -> list[str]:
    return [v.strip() for k, v in params if k == name]


def default_sort(params: Params) -> str:
    """Relevance ranks a text query; without text, the newest articles come first."""
    return "relevance" if first(params, "q").strip() else "date"


def timezone(params: Params) -> str:
    return first(params, "tz").strip() or DEFAULT_TIMEZONE


def _query(params: Params, **rest: Any) -> SearchQuery:
    """The SearchQuery of the page's parameters (QuerySyntaxError for anything that cannot
    be searched: syntax, dates, sort), its text parsed now, before the engine is asked."""
    try:
        query = SearchQuery.from_params(
            first(params, "q"),
            filters={spec.param: every(params, spec.param) for spec in FILTERS},
            since=first(params, "since").strip() or None,
            until=first(params, "until").strip() or None,
            during=first(params, "during").strip() or None,
            timezone=timezone(params),
            **rest,
        )
    except ValidationError as exc:
        raise _problem(exc) from exc
    query.tree()
    return query


def _problem(exc: ValidationError) -> QuerySyntaxError:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"])
    english = f"{where}: {err['msg']}" if where else err["msg"]
    return QuerySyntaxError(english, f"Nilai {where or 'pencarian'} tidak dapat dipakai.", help="")


def search_query(params: Params) -> SearchQuery:
    """QuerySyntaxError for anything that cannot be searched (syntax, dates, sort)."""
    return _query(
        params,
        sort=first(params, "sort", default_sort(params)),
        limit=PAGE_SIZE,
        cursor=first(params, "cursor") or None,
        collapse=bool(first(params, "collapse")),
        facet_size=FACET_SIZE,
        histogram="auto",
    )


def trend_query(params: Params) -> TrendQuery:
    fields = {
        "query": _query(params, facet_size=0),
        "interval": first(params, "by", "day"),
        "split": first(params, "split") or None,
        "timezone": timezone(params),
    }
    if top := first(params, "top").strip():
        fields["top"] = top
    try:
        return TrendQuery.model_validate(fields)
    except ValidationError as exc:
        raise _problem(exc) from exc
