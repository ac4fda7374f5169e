"""The /trends page: every series with its searches, the table's rows and the chart, cached.

Every number on the page opens the search that lists those articles: a bar or point and
a table cell (that bucket's days), a legend entry or column head (the whole series).
"lainnya" opens the search that excludes the shown values (`-topic:"a" -topic:"b"`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any
from urllib.parse import quote_plus

from markupsafe import Markup

from pantau.charts import Band, Chart, DaySeries, Kind, day_label, render
from pantau.report.model import NEUTRALITY
from pantau.web.view import ENV, Params, link, topic_label
from search.calendar import Calendar
from search.filters import BY_PARAM
from search.query import TrendResult, TrendSeries
from search.trends import OTHERS, SINGLE

NOUNS = {"topic": "topik", "source": "sumber", "entity": "entitas", "region": "wilayah"}
LEVELS = {1: "provinsi", 2: "kabupaten/kota", 3: "kecamatan", 4: "desa/kelurahan"}
# the page's own parameters, and the dates a bucket's link sets itself
PAGE = {"cursor", "by", "split", "top"}
DATES = {"since", "until", "tz", "during"}


@dataclass(frozen=True)
class Line:
    """One series as the page shows it: its counts per bucket and the searches behind them."""

    name: str  # "all", "lainnya", or the value (topic id, source, region code...)
    label: str
    counts: tuple[int, ...]
    href: str | None  # the whole series (legend entry, column head)
    hrefs: tuple[str | None, ...]  # per bucket (bar or point, table cell)
    highlight: bool = False

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class Row:
    """A bucket of the table, or a run of empty buckets (`cells` empty) shown as one row."""

    first: date
    last: date
    cells: tuple[tuple[int, str | None], ...] = ()


@dataclass(frozen=True)
class TrendView:
    lines: tuple[Line, ...]
    rows: tuple[Row, ...]
    chart: Markup | None
    note: str  # what "lainnya" holds, how many series were folded into it
    table: Markup = field(default_factory=Markup)  # the rows as HTML: ~2,500 links a year


class _Key:
    """A trend by its content (not the time it took) and the page's parameters: equal
    keys, equal pages. Carries the trend itself for the page made on a miss."""

    def __init__(self, result: TrendResult, params: Params) -> None:
        self.result, self.params = result, params
        self._key = (result.model_dump_json(exclude={"took_ms"}), tuple(params))
        self._hash = hash(self._key)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Key) and self._key == other._key


def trend_view(result: TrendResult, params: Params) -> TrendView:
    """The page's model; the same trend asked again with the same parameters (the same
    articles) is not drawn again: a year of days takes pygal ~100-250 ms."""
    return _cached(_Key(result, params))


@lru_cache(maxsize=32)
def _cached(key: _Key) -> TrendView:
    result, params = key.result, key.params
    buckets = [date.fromisoformat(p.date) for p in result.series[0].points]
    if not buckets:
        return TrendView((), (), None, "")
    lines = tuple(_lines(result, buckets, params))
    view = TrendView(
        lines, tuple(_rows(lines, buckets)), _chart(result, buckets, lines), _note(result)
    )
    table = ENV.get_template("_trend_table.html").render(view=view, trend=result, day=_day)
    return replace(view, table=Markup(table))  # our template's output, escaped there


def _lines(result: TrendResult, buckets: list[date], params: Params) -> list[Line]:
    found = [*result.series]
    if result.others is not None and result.others.total:
        found.append(result.others)
    searches = _Searches(result, params)
    neutral = NEUTRALITY if result.split == "topic" else ()
    lines = []
    for s in found:
        others = s is result.others
        hrefs = [
            searches.bucket(s.name, d, others) if p.count else None
            for d, p in zip(buckets, s.points, strict=True)
        ]
        href = searches.series(s.name, others)
        lines.append(
            Line(
                s.name,
                _label(result, s),
                tuple(p.count for p in s.points),
                href,
                tuple(hrefs),
                s.name in neutral,
            )
        )
    return lines  # fmt: skip


class _Searches:
    """The search behind a series, or behind one of its buckets (its days, exactly: local
    midnights with their offset)."""

    def __init__(self, result: TrendResult, params: Params) -> None:
        self.split = result.split
        self.spec = BY_PARAM[result.split] if result.split else None
        self.days = 6 if result.interval == "week" else 0
        self.zone = quote_plus(result.timezone)
        self.bases: dict[tuple[str, bool], str] = {}
        points = result.series[0].points
        self.first, self.last = (
            date.fromisoformat(points[0].date),
            date.fromisoformat(points[-1].date),
        )
        kept = [(k, v) for k, v in params if k not in PAGE]
        if self.spec and self.spec.combine == "any":  # another value would widen, not narrow
            kept = [(k, v) for k, v in kept if k != self.spec.param]
        self.kept = kept
        shown = [s.name for s in result.series if s.name != "all"]
        self.excluded: str | None = None
        if self.spec and not any('"' in v for v in shown):
            words = [next((v for k, v in params if k == "q"), "")]
            words += [f'-{self.spec.param}:"{v}"' for v in shown]
            self.excluded = " ".join(w for w in words if w)

    def series(self, name: str, others: bool = False) -> str | None:
        """The whole series: from the first bucket to the end of the last (a trend counts
        only articles with a date; the search then finds the same ones)."""
        return self.bucket(name, self.first, others, self.last)

    def bucket(
        self, name: str, day: date, others: bool = False, last: date | None = None
    ) -> str | None:
        if others and self.excluded is None:  # a value the syntax cannot quote: no link
            return None
        # date-only: since is the local midnight, until takes in its whole day (in `tz`);
        # the rest is the same for every bucket of a series: encoded once
        end = (last or day) + timedelta(self.days)
        return f"{self._base(name, others)}since={day}&until={end}&tz={self.zone}"

    def _base(self, name: str, others: bool) -> str:
        if (name, others) not in self.bases:
            undated = [(k, v) for k, v in self.kept if k not in DATES]
            base = link("/", self._of(name, others, undated))
            self.bases[name, others] = base + ("&" if "?" in base else "?")
        return self.bases[name, others]

    def _of(self, name: str, others: bool, kept: Params) -> Params:
        if others:
            return [*[(k, v) for k, v in kept if k != "q"], ("q", self.excluded or "")]
        if name == "all" or self.spec is None:
            return kept
        return [*kept, (self.spec.param, name)]


def _label(result: TrendResult, s: TrendSeries) -> str:
    if s.name == "all":
        return "semua"
    if s is result.others:
        return OTHERS
    if result.split == "topic":
        return topic_label(s.name)
    return s.label or s.name


def _rows(lines: tuple[Line, ...], buckets: list[date]) -> list[Row]:
    """A row per bucket with articles; a run of empty buckets is one row."""
    rows: list[Row] = []
    for i, day in enumerate(buckets):
        if lines[0].counts[i]:
            rows.append(Row(day, day, tuple((ln.counts[i], ln.hrefs[i]) for ln in lines)))
        elif rows and not rows[-1].cells:
            rows[-1] = Row(rows[-1].first, day)
        else:
            rows.append(Row(day, day))
    return rows


def _chart(result: TrendResult, buckets: list[date], lines: tuple[Line, ...]) -> Markup:
    width = 6 if result.interval == "week" else 0
    drawn = lines[1:] if result.split else lines[:1]
    series = [DaySeries(ln.label, ln.counts, ln.highlight, ln.hrefs, ln.href) for ln in drawn]
    stages = Calendar.current().stages_between(buckets[0], buckets[-1] + timedelta(width))
    bands = [Band(s.stage.start, s.stage.end, s.stage.label) for s in stages]
    # stacked bars add up to "all" only when an article has one value; they cost an
    # element per value: beyond two months lines say the same
    stacked = result.split in SINGLE and len(buckets) <= 62
    kind: Kind = "stacked" if stacked else "line" if result.split else "bar"
    chart = Chart(_title(result), buckets, series, kind, bands, bucket_days=width + 1)
    return Markup(render(chart))  # our own SVG markup


def _title(result: TrendResult) -> str:
    per = "minggu" if result.interval == "week" else "hari"
    if not result.split:
        return f"Berita per {per}"
    level = f" ({LEVELS.get(result.region_level or 0, '')})" if result.region_level else ""
    return f"Berita per {per} menurut {NOUNS[result.split]}{level}"


def _note(result: TrendResult) -> str:
    """'5 topik teratas + lainnya (12 topik lain)' and what "lainnya" counts."""
    if not result.split or result.others is None:
        return ""
    noun = NOUNS[result.split]
    shown = len(result.series) - 1
    none = (
        "berita tanpa wilayah pada tingkat ini"
        if result.split == "region"
        else f"berita tanpa {noun}"
    )
    if not result.folded:
        rest = f"; lainnya: {none}" if result.others.total else ""
        return f"Semua {shown} {noun} ditampilkan{rest}."
    if result.split in SINGLE:
        rest = f"berita dari {noun} lain" + (f" atau {none}" if result.split == "region" else "")
    else:  # an article can have several topics (entities): say what it counts
        rest = (
            f"berita tanpa satu pun dari {shown} {noun} itu (juga {none}); "
            f"satu berita dapat masuk beberapa {noun}"
        )
    return f"{shown} {noun} teratas + lainnya ({result.folded} {noun} lain). Lainnya: {rest}."


def context(result: TrendResult, params: Params) -> dict[str, Any]:
    """What trends.html shows of a trend."""
    view = trend_view(result, params)
    return {"trend": result, "view": view, "chart": view.chart}


def _day(day: date, year: bool = True) -> str:
    return f"{day_label(day)} {day.year}" if year else day_label(day)
