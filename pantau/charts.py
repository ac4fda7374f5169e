"""Charts as server-rendered SVG (pygal): articles per day by series, with stage bands.

No script, no CSS and nothing from the network: pygal's JavaScript hooks are switched off,
its inline script removed and its stylesheet applied as SVG presentation attributes, so a
chart is static markup that pages under a strict Content-Security-Policy (no inline
script or style), reports and the PDF renderer (WeasyPrint) embed as it is. Bars and
points can carry links (the search that lists those articles).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

import pygal
from pygal.style import Style

from pantau.svgtree import FONT, clean, inline_css, shade
from pantau.svgtree import Band as Band  # charts take bands; callers import it from here
from search.query import TrendResult

OTHERS = "lainnya"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
# Highlighted series (neutrality topics) get the strong reds; the rest calm hues; "lainnya"
# is always grey so it never reads as one more topic.
HOT = ("#b3261e", "#e8590c", "#c2185b", "#8e0000")
CALM = ("#1f5f99", "#4f9d69", "#8e6bbf", "#c9a227", "#3aa0a8", "#7a8450", "#5c6f91")
GREY = "#a3a9b3"
Kind = Literal["bar", "stacked", "line"]


@dataclass(frozen=True)
class DaySeries:
    """One series: a count per day of the chart, optionally a link per day."""

    name: str
    counts: tuple[int, ...]
    highlight: bool = False
    links: tuple[str | None, ...] = ()
    href: str | None = None  # the legend entry's link (the series' search)

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class Chart:
    title: str
    days: Sequence[date]
    series: Sequence[DaySeries]
    kind: Kind = "bar"
    bands: Sequence[Band] = field(default_factory=tuple)
    y_title: str = "berita"
    bucket_days: int = 1  # 7 when each point is a week (from its Monday)


def span_params(first: date, last: date, timezone: str) -> list[tuple[str, str]]:
    """`since`/`until` for the search behind a bar: exact local midnights with their UTC
    offset, so the link means the same days whatever date-only filters mean."""
    zone = ZoneInfo(timezone)
    since = datetime.combine(first, time(), zone)
    until = datetime.combine(last + timedelta(days=1), time(), zone)
    return [("since", since.isoformat()), ("until", until.isoformat()), ("tz", timezone)]


def day_label(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]}"


def from_trend(
    trend: TrendResult,
    days: Sequence[date],
    *,
    name: Callable[[str], str] = str,
    highlight: Collection[str] = (),
    link: Callable[[str, date], str | None] | None = None,
) -> list[DaySeries]:
    """The split series of a trend (not "all") on these days; missing days count 0.
    `name` turns a value into its legend label, `link` gives a bar's target."""
    out = []
    for s in trend.series:
        if s.name == "all" and trend.split:
            continue
        by_day = {p.date: p.count for p in s.points}
        counts = tuple(by_day.get(d.isoformat(), 0) for d in days)
        links = tuple(link(s.name, d) for d in days) if link else ()
        out.append(DaySeries(name(s.name), counts, s.name in highlight, links))
    return out


class _Quiet:
    """No <desc> data for pygal's tooltip script, which is never loaded (`clean` removed
    them afterwards): drawing them took a fifth of a chart's time. A value's `tooltip`
    (a <title>, which browsers show without script) says what the bar is instead."""

    def _tooltip_data(self, *args: Any, **kwargs: Any) -> None:
        return None


class Bar(_Quiet, pygal.Bar):  # type: ignore[misc]
    pass


class StackedBar(_Quiet, pygal.StackedBar):  # type: ignore[misc]
    pass


class Line(_Quiet, pygal.Line):  # type: ignore[misc]
    pass


# pygal names its CSS class after the class: "bar-graph", as before
KINDS: dict[Kind, type[Any]] = {"bar": Bar, "stacked": StackedBar, "line": Line}


def render(chart: Chart, *, width: int = 760, height: int = 300) -> str:
    """The chart as an <svg> element (no XML declaration, no script)."""
    graph = KINDS[chart.kind](_config(chart, width, height), style=_style(chart.series))
    graph.x_labels = _labels(chart.days)
    tips = [f"{day_label(d)} {d.year}" for d in chart.days]
    for s in chart.series:
        values = [
            _value(c, f"{s.name} · {tips[i]}: {c} berita", s.links[i] if s.links else None)
            for i, c in enumerate(s.counts)
        ]
        title = {"title": s.name, "xlink": {"href": s.href}} if s.href else s.name
        graph.add(title, values, stroke_style={"width": 3} if s.highlight else None)
    graph.add_xml_filter(clean)
    graph.add_xml_filter(lambda tree: _label(tree, chart.title))
    graph.add_xml_filter(inline_css)
    if chart.bands:
        graph.add_xml_filter(
            lambda tree: shade(tree, chart.days, chart.bands, bucket_days=chart.bucket_days)
        )
    svg: str = graph.render(is_unicode=True)
    return svg


def _value(count: int, tip: str, href: str | None) -> dict[str, Any]:
    value: dict[str, Any] = {"value": count, "tooltip": tip}
    if href:
        value["xlink"] = {"href": href}
    return value


def _label(tree: Any, title: str) -> Any:
    """Screen readers announce the chart by its title."""
    tree.set("role", "img")
    tree.set("aria-label", title)
    return tree


def _config(chart: Chart, width: int, height: int) -> pygal.Config:
    config = pygal.Config()
    config.js = []  # pygal would otherwise load its tooltip script from the internet
    config.disable_xml_declaration = True
    config.width, config.height = width, height
    config.title = chart.title
    config.y_title = chart.y_title
    config.legend_at_bottom = True
    columns = min(4, max(1, len(chart.series)))
    config.legend_at_bottom_columns = columns
    config.truncate_legend = 40
    config.show_y_guides = True
    config.print_values = False
    config.no_data_text = "Tidak ada data"
    config.min_scale = 2
    config.max_scale = 6
    config.x_label_rotation = 0 if len(chart.days) <= 10 else 35
    # pygal reserves len // columns legend rows: a last, partly filled row would be cut off
    config.margin_bottom = 4 + (18 if len(chart.series) % columns else 0)
    config.show_dots = len(chart.days) <= 92  # a point per day is a link: up to a quarter
    config.dots_size = 2.5
    config.tooltip_border_radius = 0
    config.y_labels = _ticks(chart)
    return config


def _ticks(chart: Chart) -> list[int]:
    """Whole numbers on the y axis (articles are counted, never 0.8 of one)."""
    if chart.kind == "stacked":
        top = max(
            (sum(day) for day in zip(*(s.counts for s in chart.series), strict=True)), default=0
        )
    else:
        top = max((max(s.counts, default=0) for s in chart.series), default=0)
    step = max(1, -(-top // 5))
    return list(range(0, max(top, 1) + step, step))


def _style(series: Sequence[DaySeries]) -> Style:
    hot, calm = iter(HOT * 4), iter(CALM * 8)
    colors = [
        GREY if s.name == OTHERS else next(hot) if s.highlight else next(calm) for s in series
    ]
    return Style(
        background="white",
        plot_background="white",
        foreground="#1d2330",
        foreground_strong="#1d2330",
        foreground_subtle="#d9dee7",
        guide_stroke_color="#d9dee7",
        major_guide_stroke_color="#9aa3b2",
        guide_stroke_dasharray="2,3",
        colors=tuple(colors) or CALM,
        font_family=FONT,
        label_font_family=FONT,
        major_label_font_family=FONT,
        title_font_family=FONT,
        legend_font_family=FONT,
        value_font_family=FONT,
        tooltip_font_family=FONT,
        no_data_font_family=FONT,
        title_font_size=15,
        legend_font_size=12,
        label_font_size=11,
        major_label_font_size=11,
        no_data_font_size=20,
        transition="0ms",
    )


def _labels(days: Sequence[date]) -> list[str]:
    """Every day's label up to a month; beyond that every Monday's (a guide per day stays)."""
    if len(days) <= 31:
        return [day_label(d) for d in days]
    return [day_label(d) if d.weekday() == 0 else "" for d in days]
