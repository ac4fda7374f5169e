"""The search page's date histogram: a strip of bars above the hits, each opening its bucket.

Written as SVG here, not drawn by pygal (`pantau.charts`): one series of bars needs no
legend, stacking or bands, and pygal spent about 30 ms of CPU on it (half of it applying
its stylesheet), a third of the search page's 100 ms budget at a million articles; this
costs well under a millisecond. Static markup as pantau.charts makes: no script, no
style element, colours as attributes, every bar a link.
"""

from __future__ import annotations

from datetime import date, timedelta

from markupsafe import Markup, escape

from pantau.charts import CALM, MONTHS, day_label, span_params
from pantau.svgtree import FONT
from pantau.web.view import Params, link
from search.histogram import next_bucket
from search.query import Histogram

UNITS = {"day": "hari", "week": "minggu", "month": "bulan"}
WIDTH, HEIGHT = 760, 160
LEFT, RIGHT, TOP, BOTTOM = 52, 8, 26, 24  # room for the title, counts and dates
LABELS = 12  # about this many date labels at most: the others are left out
INK, GUIDE = "#1d2330", "#d9dee7"


def label(day: date, interval: str, *, long: bool = False) -> str:
    if interval == "month":
        return f"{MONTHS[day.month - 1]} {day.year}"
    return f"{day_label(day)} {day.year}" if long else day_label(day)


def _ticks(top: int) -> list[int]:
    """0, the middle and the top, in whole articles."""
    return sorted({0, top // 2, top}) if top > 1 else [0, 1]


def histogram_svg(found: Histogram | None, params: Params) -> Markup | None:
    """None when there is nothing to draw (not asked, or no matching article has a date)."""
    if found is None or not any(b.count for b in found.buckets):
        return None
    days = [date.fromisoformat(b.date) for b in found.buckets]
    counts = [b.count for b in found.buckets]
    kept = [(k, v) for k, v in params if k not in ("since", "until", "tz", "cursor")]
    top = max(counts)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / len(days)
    every = -(-len(days) // LABELS)
    title = f"Berita per {UNITS[found.interval]}"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{title}" font-family="{FONT}" font-size="11" fill="{INK}">',
        f"<title>{title}</title>",
        f'<text x="{LEFT}" y="14" font-size="12" font-weight="bold">{title} '
        f'<tspan font-weight="normal">({escape(found.timezone)})</tspan></text>',
    ]
    for tick in _ticks(top):
        y = TOP + plot_h - plot_h * tick / max(top, 1)
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GUIDE}"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>'
        )
    for i, (day, count) in enumerate(zip(days, counts, strict=True)):
        x = LEFT + i * step
        last = next_bucket(day, found.interval) - timedelta(days=1)
        target = link("/", [*kept, *span_params(day, last, found.timezone)])
        height = plot_h * count / top
        out.append(
            f'<a href="{escape(target)}"><title>{label(day, found.interval, long=True)}: '
            f'{count} berita</title><rect x="{x:.1f}" y="{TOP}" width="{step:.1f}" '
            f'height="{plot_h}" fill="#fff" fill-opacity="0"/>'  # the whole column clicks
            f'<rect x="{x + step * 0.1:.1f}" y="{TOP + plot_h - height:.1f}" '
            f'width="{step * 0.8:.1f}" height="{height:.1f}" fill="{CALM[0]}"/></a>'
        )
        if i % every == 0:
            out.append(
                f'<text x="{x + step / 2:.1f}" y="{HEIGHT - 8}" text-anchor="middle">'
                f"{label(day, found.interval)}</text>"
            )
    out.append("</svg>")
    return Markup("".join(out))  # our own markup; the only outside text (links) is escaped
