"""Jinja2 rendering for the web UI: the environment, filters and link building."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import cache
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined

from pantau.web.context import csrf_token, current_user
from search.regions import regions

WIB = timezone(timedelta(hours=7), "WIB")
ZONES = {
    name: timezone(timedelta(hours=h), name) for name, h in (("WIB", 7), ("WITA", 8), ("WIT", 9))
}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
Params = list[tuple[str, str]]


def wib(value: datetime | float | None, *, time: bool = True, zone: str = "WIB") -> str:
    """'28 Nov 2024 14:30 WIB': times are in Western Indonesia Time unless a page shows
    them in an office's own zone (WITA, WIT)."""
    if value is None:
        return "-"
    tz = _zone(zone)
    if isinstance(value, int | float):
        value = datetime.fromtimestamp(value, tz=tz)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    t = value.astimezone(tz)
    day = f"{t.day} {MONTHS[t.month - 1]} {t.year}"
    return f"{day} {t:%H:%M} {t.tzname()}" if time else day


def _zone(name: str) -> tzinfo:
    """WIB/WITA/WIT by short or IANA name (Asia/Makassar: WITA), another IANA zone as
    itself (UTC), WIB for anything unknown."""
    short = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}
    if short.get(name, name) in ZONES:
        return ZONES[short.get(name, name)]
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return WIB


def stage_label(value: str) -> str:
    from pantau.web.when import stage_label as label

    return label(value)


def age(since: datetime | float, now: float | None = None) -> str:
    """How long ago, in words: '5 menit', '3 jam', '2 hari'."""
    start = since.timestamp() if isinstance(since, datetime) else since
    seconds = max(0.0, (now if now is not None else datetime.now(UTC).timestamp()) - start)
    for unit, size in (("hari", 86400), ("jam", 3600), ("menit", 60)):
        if seconds >= size:
            return f"{int(seconds // size)} {unit}"
    return "baru saja"


@cache
def topic_labels() -> dict[str, str]:
    """Topic id -> Indonesian label, from the pipeline the enrich stage loads."""
    from nlp.pipeline import topic_labels as pipeline_topic_labels

    return pipeline_topic_labels()


def topic_label(topic_id: str) -> str:
    return topic_labels().get(topic_id, topic_id)


def region_label(value: str) -> str:
    """The name of a region code (the value itself when it is a name or unknown)."""
    return regions().label(value) or value


def http(url: str) -> str:
    """Only web addresses become links (a crawled `javascript:` URL must not)."""
    return url if url.lower().startswith(("http://", "https://")) else "#"


def link(path: str, params: Iterable[tuple[str, str]]) -> str:
    query = urlencode([(k, v) for k, v in params if v != ""])
    return f"{path}?{query}" if query else path


def adding(params: Params, name: str, value: str, path: str = "/") -> str:
    """The same page with one more filter value (and from its first page)."""
    kept = [(k, v) for k, v in params if k != "cursor"]
    if (name, value) not in kept:
        kept.append((name, value))
    return link(path, kept)


def removing(params: Params, name: str, value: str, path: str = "/") -> str:
    return link(path, [(k, v) for k, v in params if k != "cursor" and (k, v) != (name, value)])


def replacing(params: Params, name: str, value: str, path: str = "/") -> str:
    return link(path, [*[(k, v) for k, v in params if k != name], (name, value)])


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("pantau.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["wib"] = wib
    env.filters["date_wib"] = lambda v: wib(v, time=False)
    env.filters["local"] = lambda v, zone: wib(v, zone=zone)
    env.filters["age"] = age
    env.filters["topic"] = topic_label
    env.filters["region"] = region_label
    env.filters["stage"] = stage_label
    env.filters["http"] = http
    env.globals.update(adding=adding, removing=removing, replacing=replacing, link=link)
    env.globals.update(current_user=current_user, csrf_token=csrf_token)
    return env


ENV = _env()


def page(name: str, context: Mapping[str, Any], status: int = 200) -> HTMLResponse:
    html = ENV.get_template(name).render(**context)
    return HTMLResponse(html, status_code=status)


def problem(title: str, message: str, status: int, **context: Any) -> HTMLResponse:
    """An error page: what went wrong, in words the user can act on."""
    return page("error.html", {"title": title, "message": message, **context}, status)
