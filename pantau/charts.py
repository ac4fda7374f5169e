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

import cssselect2
import pygal
import tinycss2
from pygal.style import Style

from search.query import TrendResult

OTHERS = "lainnya"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
# Highlighted series (neutrality topics) get the strong reds; the rest calm hues; "lainnya"
# is always grey so it never reads as one more topic.
HOT = ("#b3261e", "#e8590c", "#c2185b", "#8e0000")
CALM = ("#1f5f99", "#4f9d69", "#8e6bbf", "#c9a227", "#3aa0a8", "#7a8450", "#5c6f91")
GREY = "#a3a9b3"
FONT = "DejaVu Sans, Verdana, sans-serif"
Kind = Literal["bar", "stacked", "line"]
GEOMETRY = {"x", "y", "width", "height", "cx", "cy", "r"}
SVG_PROPERTIES = {  # what pygal's stylesheet sets that SVG also takes as attributes
    "fill",
    "fill-opacity",
    "font-family",
    "font-size",
    "opacity",
    "stroke",
    "stroke-dasharray",
    "stroke-opacity",
    "stroke-width",
    "text-anchor",
    "visibility",
}


@dataclass(frozen=True)
class DaySeries:
    """One series: a count per day of the chart, optionally a link per day."""

    name: str
    counts: tuple[int, ...]
    highlight: bool = False
    links: tuple[str | None, ...] = ()

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class Band:
    """Days shaded behind the bars, with a label (an election stage, the report's day)."""

    first: date
    last: date
    label: str
    tone: str = "#efe9da"


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


def fold(series: Sequence[DaySeries], top: int, *, keep: Collection[str] = ()) -> list[DaySeries]:
    """The `top` largest series, plus every highlighted one and those named in `keep`;
    the others summed into one series named "lainnya" (so nothing silently vanishes)."""
    ranked = sorted(series, key=lambda s: (-s.total, s.name))
    pinned = [s for s in ranked if s.highlight or s.name in keep]
    free = [s for s in ranked if s not in pinned]
    chosen = {id(s) for s in [*pinned, *free[:top]]}
    ordered = [s for s in ranked if id(s) in chosen]
    rest = free[top:]
    if rest and any(s.total for s in rest):
        days = len(rest[0].counts)
        counts = tuple(sum(s.counts[i] for s in rest) for i in range(days))
        ordered.append(DaySeries(OTHERS, counts))
    return ordered


def render(chart: Chart, *, width: int = 760, height: int = 300) -> str:
    """The chart as an <svg> element (no XML declaration, no script)."""
    kinds: dict[Kind, type[Any]] = {
        "bar": pygal.Bar,
        "stacked": pygal.StackedBar,
        "line": pygal.Line,
    }
    graph = kinds[chart.kind](
        _config(chart, width, height), style=_style([s for s in chart.series])
    )
    graph.x_labels = _labels(chart.days)
    for s in chart.series:
        values = [
            {"value": c, "xlink": {"href": s.links[i]}} if s.links and s.links[i] else c
            for i, c in enumerate(s.counts)
        ]
        graph.add(s.name, values, stroke_style={"width": 3} if s.highlight else None)
    graph.add_xml_filter(_clean)
    graph.add_xml_filter(_inline_css)
    if chart.bands:
        graph.add_xml_filter(lambda tree: _bands(tree, chart))
    svg: str = graph.render(is_unicode=True)
    return svg


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
    config.show_dots = len(chart.days) <= 31
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


def _clean(tree: Any) -> Any:
    """No <script> (pygal's inline config), no comments, no tooltips (they need the
    script), and none of the ids the script would use (several charts on a page would
    repeat them)."""
    for node in list(tree.iter()):
        if str(node.get("id", "")).startswith("activate-serie"):
            del node.attrib["id"]
        tag = node.tag if isinstance(node.tag, str) else ""
        tooltips = "tooltip-overlay" in str(node.get("class", "")).split()
        if tag.rsplit("}", 1)[-1] in ("script", "desc") or not tag or tooltips:
            parent = node.getparent()
            if parent is not None:
                parent.remove(node)
    return tree


def _inline_css(tree: Any) -> Any:
    """Apply pygal's <style> as presentation attributes, then drop it: a page whose CSP
    forbids inline styles still shows the colours (cssselect2 matches the rules, in order
    of specificity, as a browser would)."""
    styles = tree.findall(".//style")
    matcher = cssselect2.Matcher()
    css = "".join(s.text or "" for s in styles)
    for rule in tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True):
        if rule.type != "qualified-rule" or not (decls := _declarations(rule.content)):
            continue
        try:
            selectors = cssselect2.compile_selector_list(rule.prelude)
        except cssselect2.SelectorError:  # pygal's :hover and the like: nothing static
            continue
        for selector in selectors:
            if selector.pseudo_element is None:
                matcher.add_selector(selector, decls)
    inherited: dict[Any, dict[str, str]] = {}
    for element in cssselect2.ElementWrapper.from_xml_root(tree).iter_subtree():
        found = sorted(matcher.match(element), key=lambda m: (m[0], m[1]))
        values: dict[str, str] = {}
        for important in (False, True):
            values.update(
                (name, value)
                for *_, decls in found
                for name, value, imp in decls
                if imp == important
            )
        node = element.etree_element
        for name in GEOMETRY.intersection(node.keys()):  # pygal writes 15 digits; 0.01 px is plenty
            node.set(name, _short(node.get(name)))
        parent = inherited.get(node.getparent(), {})
        inherited[node] = {**parent, **{k: v for k, v in values.items() if k != "opacity"}}
        for name, value in values.items():
            if parent.get(name) != value:  # inherited already: no attribute needed
                node.set(name, value)
    for style in styles:
        style.getparent().remove(style)
    return tree


def _short(number: str) -> str:
    try:
        return f"{float(number):.2f}".rstrip("0").rstrip(".")
    except ValueError:
        return number


def _declarations(content: Any) -> list[tuple[str, str, bool]]:
    declarations = tinycss2.parse_declaration_list(
        content, skip_whitespace=True, skip_comments=True
    )
    return [
        (d.lower_name, tinycss2.serialize(d.value).strip(), d.important)
        for d in declarations
        if d.type == "declaration" and d.lower_name in SVG_PROPERTIES
    ]


def _bands(tree: Any, chart: Chart) -> Any:
    """Shade each band's days behind the plot: the x guides give the centre of every day's
    slot, so a band spans from half a slot before its first day to half after its last."""
    days, span = chart.days, timedelta(days=chart.bucket_days - 1)
    plot = tree.find(".//g[@class='plot']")
    if plot is None or not days:
        return tree
    background = plot.find("rect")
    guides = tree.findall(".//g[@class='axis x']/g[@class='guides']/text")
    centres = [float(t.get("x")) for t in guides]
    if background is None or len(centres) != len(days):
        return tree
    height = float(background.get("height"))
    step = (centres[-1] - centres[0]) / (len(centres) - 1) if len(centres) > 1 else 0.0
    if not step:
        step = float(background.get("width"))
    at = 1 + list(plot).index(background)
    for n, band in enumerate(chart.bands):
        inside = [i for i, d in enumerate(days) if band.first <= d + span and d <= band.last]
        if not inside:
            continue
        x0 = max(0.0, centres[inside[0]] - step / 2)
        x1 = centres[inside[-1]] + step / 2
        group = plot.makeelement("g", {"class": "band"})
        rect = group.makeelement(
            "rect",
            {"x": f"{x0:.1f}", "y": "0", "width": f"{x1 - x0:.1f}", "height": f"{height:.1f}"},
        )
        rect.set("fill", band.tone)
        # labels step down so bands starting on one day do not print over each other
        text = group.makeelement("text", {"x": f"{x0 + 3:.1f}", "y": f"{12 + 12 * (n % 3)}"})
        text.attrib.update({"font-family": FONT, "font-size": "10", "fill": "#6b5d3a"})
        text.text = band.label
        group.extend([rect, text])
        plot.insert(at, group)
        at += 1
    return tree
