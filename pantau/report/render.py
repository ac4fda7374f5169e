"""A report as HTML (one Jinja2 template, for the page, the file and the email) and PDF."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, date, datetime
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from pantau.charts import OTHERS, Band, Chart, DaySeries, render, span_params
from pantau.report.model import NEUTRALITY, Report, SeriesData
from pantau.report.period import long_date
from pantau.web.context import csrf_token, current_user
from pantau.web.view import MONTHS, http, topic_label

log = logging.getLogger(__name__)
SEVERITY = {"critical": "kritis", "warning": "peringatan", "info": "info"}
ROLE = {"official": "pejabat", "candidate": "calon"}


def local_time(value: datetime | None, timezone: str, zone: str) -> str:
    """'25 Nov 2024 14:30 WITA': times in the office's own time zone."""
    if value is None:
        return "-"
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    t = value.astimezone(ZoneInfo(timezone))
    return f"{t.day} {MONTHS[t.month - 1]} {t.year} {t:%H:%M} {zone}"


def change(now: int, before: int) -> str:
    """'+5' / '-3' / '±0' against the previous period."""
    diff = now - before
    return f"+{diff}" if diff > 0 else f"{diff}" if diff < 0 else "±0"


@cache
def _env() -> Environment:
    env = Environment(
        loader=ChoiceLoader(
            [PackageLoader("pantau.report", "templates"), PackageLoader("pantau.web", "templates")]
        ),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        topic=topic_label,
        http=http,
        longdate=lambda d: long_date(d, weekday=False),
        severity=lambda s: SEVERITY.get(s, s),
        role=lambda r: ROLE.get(r, r),
    )
    env.globals.update(change=change, local_time=local_time, neutrality=NEUTRALITY)
    # the web page extends the UI's base.html: the signed-in user and the form token
    env.globals.update(current_user=current_user, csrf_token=csrf_token)
    return env


def _topic(name: str) -> str:
    return name if name == OTHERS else topic_label(name)


@cache
def stylesheet() -> str:
    return (resources.files("pantau.report") / "templates" / "report.css").read_text("utf-8")


def charts(report: Report, *, link_base: str | None = None) -> dict[str, Markup]:
    """The report's figures as inline SVG; bars link to the matching search when
    `link_base` ("" for links relative to the web UI) is given."""
    days = report.chart_days
    bands = [
        Band(max(s.first, days[0]), min(s.last, days[-1]), s.label)
        for s in report.stages
        if s.first <= days[-1] and days[0] <= s.last
    ]
    tz = report.office.timezone

    def link(param: str) -> Any:
        if link_base is None:
            return None
        region = report.office.region_code or ""
        return lambda name, day: _search_link(link_base, param, name, day, region, tz)

    topics = _series(report.by_topic, days, label=_topic, link=link("topic"))
    sources = _series(report.by_source, days, label=str, link=link("source"))
    neutral = [s for s in topics if s.highlight]
    figures = {
        "topics": Chart("Berita per hari menurut topik", days, topics, "line", bands),
        "sources": Chart("Berita per hari menurut media", days, sources, "stacked", bands),
    }
    if neutral and any(s.total for s in neutral):
        figures["neutrality"] = Chart("Berita netralitas per hari", days, neutral, "bar", bands)
    return {k: Markup(render(c)) for k, c in figures.items()}  # our own SVG markup


def _series(data: list[SeriesData], days: list[date], *, label: Any, link: Any) -> list[DaySeries]:
    out = []
    for s in data:
        links: tuple[str | None, ...] = ()
        if link is not None and s.name != OTHERS:
            links = tuple(link(s.name, d) for d in days)
        out.append(DaySeries(label(s.name), tuple(s.counts), s.highlight, links))
    return out


def _search_link(base: str, param: str, name: str, day: date, region: str, tz: str) -> str:
    query = [(param, name), *span_params(day, day, tz)]
    if region:
        query.append(("region", region))
    return f"{base}/?{urlencode(query)}"


def html_page(report: Report, *, link_base: str | None = None, css_href: str | None = None) -> str:
    """The report as one HTML document with inline SVG and no script: self-contained
    (inline CSS) for files, mail and the PDF; with `css_href` the stylesheet is linked
    instead (a page served under a CSP that forbids inline styles)."""
    context = _context(report, link_base)
    css = Markup(stylesheet())  # our own file
    return _env().get_template("report.html").render(**context, css=css, css_href=css_href)


def web_page(report: Report | None, context: Mapping[str, Any]) -> str:
    """The Laporan page of the web UI: the form, then the same report body."""
    extra = _context(report, "") if report is not None else {}
    return _env().get_template("laporan.html").render(**context, **extra)


def pdf(report: Report, *, link_base: str | None = None) -> bytes:
    """The same HTML, printed to PDF."""
    return html_to_pdf(html_page(report, link_base=link_base))


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """A self-contained HTML document (inline CSS and SVG) printed to PDF by WeasyPrint
    (Pango, the system's DejaVu fonts): the one PDF path of pantau. Nothing is fetched
    but `data:` URLs, so a URL in the page (an article's, a hostile one) never makes the
    server reach the network or read its files; `base_url` only resolves relative links."""
    # imported here: loading WeasyPrint (Pango) takes ~1 s
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # the library's own refusal: WeasyPrint logs it and renders without the resource
    fetcher = URLFetcher(allowed_protocols=("data",), allow_redirects=False)
    data: bytes = HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf()
    return data


def _context(report: Report, link_base: str | None) -> dict[str, Any]:
    return {
        "r": report,
        "tz": report.office.timezone,
        "zone": report.office.zone_name,
        "charts": charts(report, link_base=link_base) if not report.empty else {},
        "generated": local_time(
            report.generated_at, report.office.timezone, report.office.zone_name
        ),
    }
