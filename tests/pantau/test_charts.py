"""Charts as SVG: series from a trend, highlighted series, stage bands, links, no script."""

from __future__ import annotations

import re
from datetime import date, timedelta

from pantau.charts import Band, Chart, DaySeries, from_trend, render
from search.query import TrendPoint, TrendResult, TrendSeries

DAYS = [date(2024, 11, 20) + timedelta(days=i) for i in range(7)]


def series(name: str, *counts: int, highlight: bool = False) -> DaySeries:
    return DaySeries(name, tuple(counts), highlight)


def test_from_trend_fills_missing_days_and_skips_all():
    trend = TrendResult(
        interval="day",
        split="source",
        series=[
            TrendSeries(name="all", total=3, points=[TrendPoint(date="2024-11-21", count=3)]),
            TrendSeries(name="antara", total=3, points=[TrendPoint(date="2024-11-21", count=3)]),
        ],
    )
    (s,) = from_trend(trend, DAYS, link=lambda name, day: f"/?source={name}&since={day}")
    assert s.counts == (0, 3, 0, 0, 0, 0, 0)
    assert s.links[1] == "/?source=antara&since=2024-11-21"


def test_svg_is_static_with_bands_links_and_whole_number_ticks():
    data = [
        DaySeries("Netralitas ASN", (0, 1, 0, 3, 0, 0, 1), True, tuple(f"/?d={d}" for d in DAYS)),
        series("Kampanye", 2, 2, 2, 2, 2, 2, 2),
    ]
    chart = Chart("Uji", DAYS, data, "bar", [Band(DAYS[4], DAYS[6], "Masa tenang")])
    svg = render(chart)
    assert svg.startswith("<svg") and "<script" not in svg and "<!--" not in svg
    assert 'role="img"' in svg and 'aria-label="Uji"' in svg
    # no CSS at all (a strict Content-Security-Policy blocks inline styles); the colours
    # are attributes: the highlighted series red, the other blue, guides dashed
    assert "<style" not in svg and "style=" not in svg
    assert re.search(r'<g class="series serie-0 color-0"[^>]*fill="#b3261e"', svg)
    assert re.search(r'<g class="series serie-1 color-1"[^>]*fill="#1f5f99"', svg)
    assert 'stroke-dasharray="2,3"' in svg
    assert svg.count('class="band"') == 1 and "Masa tenang" in svg
    assert 'href="/?d=2024-11-23"' in svg
    ticks = re.findall(r'class="(?:major|)"[^>]*>([\d.]+)</text>', svg)
    assert ticks and all(float(t).is_integer() for t in ticks)


def test_band_spans_its_days_only():
    svg = render(Chart("Uji", DAYS, [series("a", *range(7))], "bar", [Band(DAYS[2], DAYS[3], "x")]))
    rect = re.search(r'<g class="band"><rect x="([\d.]+)" y="0" width="([\d.]+)"', svg)
    assert rect is not None
    guides = [
        float(x) for x in re.findall(r'<text x="([\d.]+)" y="[\d.]+" class=""[^>]*>\d+ Nov', svg)
    ]
    step = guides[1] - guides[0]
    x0, width = float(rect.group(1)), float(rect.group(2))
    assert abs(x0 - (guides[2] - step / 2)) < 0.2 and abs(width - 2 * step) < 0.2


def test_inline_css_gives_each_element_what_matching_it_alone_gives():
    """Matching once per element signature is only a shortcut: every element ends up with
    the declarations cssselect2 finds for it on its own (checked on pygal's real tree)."""
    import cssselect2
    import pygal
    from lxml import etree

    from pantau.charts import _config, _style
    from pantau.svgtree import _cascade, _matcher, clean, inline_css

    chart = Chart(
        "Uji",
        DAYS,
        [series("a", *range(7), highlight=True), series("b", 1, 2, 3, 4, 5, 6, 7)],
        "line",
    )
    seen: dict[str, object] = {}

    def check(tree):  # before inline_css changes the tree: the reference, element by element
        chart_id = tree.get("id")
        styles = tree.findall(".//style")
        matcher, _ = _matcher("".join(s.text or "" for s in styles).replace(chart_id, "chart"))
        tree.set("id", "chart")
        seen["expected"] = [
            _cascade(matcher, w)
            for w in cssselect2.ElementWrapper.from_xml_root(tree).iter_subtree()
            if w.etree_element not in styles  # inline_css drops them
        ]
        tree.set("id", chart_id)
        return tree

    graph = pygal.Line(_config(chart, 760, 300), style=_style(chart.series))
    graph.x_labels = [str(d) for d in DAYS]
    for s in chart.series:
        graph.add(s.name, list(s.counts))
    graph.add_xml_filter(clean)
    graph.add_xml_filter(check)
    graph.add_xml_filter(inline_css)
    svg = graph.render(is_unicode=True)
    tree = etree.fromstring(svg.encode())
    inherited: dict[object, dict[str, str]] = {}
    for node, expected in zip(tree.iter(), seen["expected"], strict=True):  # type: ignore[call-overload]
        parent = inherited.get(node.getparent(), {})
        inherited[node] = {**parent, **{k: v for k, v in expected.items() if k != "opacity"}}
        for name, value in expected.items():
            assert node.get(name) == value or parent.get(name) == value, (node.tag, name)
