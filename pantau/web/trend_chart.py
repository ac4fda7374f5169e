"""The /trends page's chart: its TrendResult drawn by pantau.charts, bars open the search."""

from __future__ import annotations

from datetime import date, timedelta

from markupsafe import Markup

from pantau.charts import Band, Chart, Kind, fold, from_trend, render, span_params, whole_of
from pantau.report.model import NEUTRALITY
from pantau.web.view import Params, link, topic_label
from search.calendar import Calendar
from search.query import TrendResult

FILTER = {"topic": "topic", "source": "source", "entity": "entity"}
TITLES = {
    None: "Berita per {}",
    "topic": "Berita per {} menurut topik",
    "source": "Berita per {} menurut sumber",
    "entity": "Berita per {} menurut entitas",
}


def trend_svg(result: TrendResult, params: Params) -> Markup | None:
    """None when there is nothing to draw."""
    if not result.series or not result.series[0].points:
        return None
    days = [date.fromisoformat(p.date) for p in result.series[0].points]
    width = 6 if result.interval == "week" else 0
    kept = [(k, v) for k, v in params if k not in ("since", "until", "cursor", "by", "split")]
    param = FILTER.get(result.split or "")

    def target(name: str, day: date) -> str:
        extra = [(param, name)] if param and name != "all" else []
        return link(
            "/", [*kept, *extra, *span_params(day, day + timedelta(width), result.timezone)]
        )

    def label(name: str) -> str:
        if name == "all":
            return "semua"
        return topic_label(name) if result.split == "topic" else name

    neutral = NEUTRALITY if result.split == "topic" else ()
    series = from_trend(result, days, name=label, highlight=neutral, link=target)
    if result.split == "source":  # one source an article: the rest of "all" is exact
        series = fold(series, len(series), whole=whole_of(result, days))
    stages = Calendar.bundled().stages_between(days[0], days[-1] + timedelta(width))
    bands = [Band(s.stage.start, s.stage.end, s.stage.label) for s in stages]
    # stacked bars cost a drawn element per value: beyond two months lines say the same
    stacked = result.split == "source" and len(days) <= 62
    kind: Kind = "stacked" if stacked else "line" if result.split else "bar"
    title = TITLES.get(result.split, TITLES[None]).format(
        "minggu" if result.interval == "week" else "hari"
    )
    chart = Chart(title, days, series, kind, bands, bucket_days=width + 1)
    return Markup(render(chart))  # our own SVG markup
