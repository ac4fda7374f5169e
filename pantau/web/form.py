"""Page parameters -> SearchQuery / TrendQuery, with the JSON API's filter names.

Pages read their parameters themselves (not through FastAPI's validation) so that every
bad value becomes a message on the page with HTTP 400 instead of a JSON error.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from starlette.datastructures import QueryParams

from pantau.web.view import Params
from search.api import Filters
from search.query import DEFAULT_TIMEZONE, QuerySyntaxError, SearchQuery, TrendQuery

LISTS = ("source", "topic", "entity", "agency", "role", "region")
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


def _filters(params: Params) -> dict[str, Any]:
    since, until = first(params, "since").strip(), first(params, "until").strip()
    filters = Filters(
        tz=timezone(params),
        q=first(params, "q"),
        source=every(params, "source"),
        topic=every(params, "topic"),
        entity=every(params, "entity"),
        agency=every(params, "agency"),
        role=every(params, "role"),
        region=every(params, "region"),
        since=since or None,
        until=until or None,
    )
    return filters.fields


def _validated(model: type[Any], fields: dict[str, Any]) -> Any:
    try:
        return model.model_validate(fields)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise QuerySyntaxError(f"{where}: {err['msg']}" if where else err["msg"]) from exc


def search_query(params: Params) -> SearchQuery:
    """QuerySyntaxError for anything that cannot be searched (syntax, dates, sort)."""
    fields = {
        **_filters(params),
        "sort": first(params, "sort", default_sort(params)),
        "limit": PAGE_SIZE,
        "cursor": first(params, "cursor") or None,
        "collapse": bool(first(params, "collapse")),
        "facet_size": FACET_SIZE,
    }
    query: SearchQuery = _validated(SearchQuery, fields)
    query.tree()  # syntax errors now, before the engine is asked
    return query


def trend_query(params: Params) -> TrendQuery:
    query: SearchQuery = _validated(SearchQuery, {**_filters(params), "facet_size": 0})
    query.tree()
    fields = {
        "query": query,
        "interval": first(params, "by", "day"),
        "split": first(params, "split") or None,
        "timezone": timezone(params),
    }
    trend: TrendQuery = _validated(TrendQuery, fields)
    return trend
