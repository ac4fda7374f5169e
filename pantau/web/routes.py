"""The web UI's pages: search (/), one article, the alert feed and trends.

A router, mounted by the composition root next to the JSON API; the search backend comes
from the same dependency as the API's (`search.api.get_backend`), the alert store is
passed in. Pages never answer with JSON: bad input is a 400 page, an engine outage 503.
"""

from __future__ import annotations

import logging
from importlib import resources
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from alerts.store import AlertStore
from pantau.web import alert_pages, downloads, trend_page, when
from pantau.web.article import entity_groups, paragraphs
from pantau.web.form import (
    FACET_SIZE,
    LISTS,
    default_sort,
    every,
    first,
    params_of,
    search_query,
    timezone,
    trend_query,
)
from pantau.web.histogram_chart import histogram_svg
from pantau.web.view import page, problem, topic_labels
from search.api import ARTICLE_ID, Backend, ExportRows
from search.backend import BackendError
from search.filters import FACETS, FILTERS
from search.query import QuerySyntaxError, SearchResult

log = logging.getLogger(__name__)

DOWN = "Indeks pencarian sedang tidak dapat dihubungi. Coba lagi beberapa saat lagi."
DATE_NAMES = {"since": "sejak", "until": "sampai", "during": "tahapan"}
CSS = (resources.files("pantau.web") / "static" / "pantau.css").read_text("utf-8")


def router(store: AlertStore) -> APIRouter:
    """GET /, /articles/{id}, /alerts, /trends and the stylesheet."""
    web = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
    web.include_router(alert_pages.router(store))
    web.include_router(downloads.router())

    @web.get("/static/pantau.css")
    def stylesheet() -> Response:
        return Response(CSS, media_type="text/css", headers={"Cache-Control": "max-age=3600"})

    @web.get("/")
    def search(request: Request, backend: Backend, max_rows: ExportRows) -> HTMLResponse:
        params = params_of(request.query_params)
        context: dict[str, Any] = _search_form(params)
        try:
            result = backend.search(search_query(params))
        except QuerySyntaxError as exc:
            return page("search.html", {**context, **_problem(exc, params)}, 400)
        except BackendError as exc:
            log.warning("search backend error: %s", exc)
            return page("search.html", {**context, "error": DOWN}, 503)
        found = _results(params, result)
        found["downloads"] = downloads.offer("/", params, result.total, max_rows)
        return page("search.html", {**context, **found, "suggest": _suggest(params)})

    @web.get("/articles/{article_id}")
    def article(article_id: str, backend: Backend) -> HTMLResponse:
        try:
            found = backend.get(article_id) if ARTICLE_ID.match(article_id) else None
        except BackendError as exc:
            log.warning("search backend error: %s", exc)
            return problem("Tidak tersedia", DOWN, 503)
        if found is None:
            return problem("Berita tidak ditemukan", "Tidak ada berita dengan id ini.", 404)
        return page(
            "article.html",
            {
                "doc": found,
                "a": found.article,
                "groups": entity_groups(found.entities),
                "paragraphs": paragraphs(found.article.body),
            },
        )

    @web.get("/trends")
    def trends(request: Request, backend: Backend) -> HTMLResponse:
        params = params_of(request.query_params)
        context: dict[str, Any] = {**_search_form(params), "by": first(params, "by", "day")}
        context.update(split=first(params, "split"), top=first(params, "top", "5"))
        try:
            result = backend.trends(trend_query(params))
        except QuerySyntaxError as exc:
            return page("trends.html", {**context, **_problem(exc, params)}, 400)
        except BackendError as exc:
            log.warning("search backend error: %s", exc)
            return page("trends.html", {**context, "error": DOWN}, 503)
        context["downloads"] = downloads.offer("/trends", params, 0, 0)
        return page("trends.html", {**context, **trend_page.context(result, params)})

    return web


def _problem(exc: QuerySyntaxError, params: list[tuple[str, str]]) -> dict[str, str]:
    """The error box of a query that cannot be searched: Indonesian, with short help and,
    for the query text, the text with a caret under the character at fault."""
    q = first(params, "q")
    where = ""
    if exc.position and exc.position <= len(q) + 1 and len(q) <= 200:
        where = f"{q}\n{' ' * (exc.position - 1)}^"
    return {"error": exc.indonesian, "error_help": exc.help, "error_at": where}


def _search_form(params: list[tuple[str, str]]) -> dict[str, Any]:
    """What the form shows: the first topic/source/region in their fields, every other
    filter as a hidden field, so submitting the form keeps what facet links added."""
    shown = {"topic": first(params, "topic"), "source": first(params, "source")}
    shown["region"] = first(params, "region")
    hidden = []
    for name in LISTS:
        values = every(params, name)
        hidden += [(name, v) for v in values[1 if name in shown else 0 :]]
    active = [(k, v) for k, v in params if k in LISTS or k in when.DATE_PARAMS]
    tz = timezone(params)
    return {
        "params": params,
        "q": first(params, "q"),
        "since": first(params, "since"),
        "until": first(params, "until"),
        "sort": first(params, "sort", default_sort(params)),
        "collapse": bool(first(params, "collapse")),
        "shown": shown,
        "hidden": hidden,
        "active": active,
        "topics": topic_labels(),
        "filter_names": {spec.param: spec.label.lower() for spec in FILTERS} | DATE_NAMES,
        "during": when.stage_value(first(params, "during")),
        "stages": when.stage_groups(),
        "shortcuts": when.shortcuts(params),
        "tz": tz,
        "zones": when.timezone_choices(tz),
        "zone_name": when.zone_name(tz),
        "error": None,
        "error_help": "",
        "error_at": "",
    }


def _results(params: list[tuple[str, str]], result: SearchResult) -> dict[str, Any]:
    facets = [
        (spec.label, spec.param, result.facets.get(spec.name, [])[:FACET_SIZE]) for spec in FACETS
    ]
    return {
        "result": result,
        "facets": facets,
        "histogram": histogram_svg(result.histogram, params),
    }


def _suggest(params: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Topics whose label (or id) is what was typed: the topic also finds the stories that
    say it in other words ("politik uang" the words: 3 stories; the topic: 4)."""
    typed = " ".join(first(params, "q").replace('"', " ").split()).casefold()
    chosen = set(every(params, "topic"))
    return [
        (topic, label)
        for topic, label in topic_labels().items()
        if typed in (label.casefold(), topic.replace("_", " ")) and topic not in chosen
    ]
