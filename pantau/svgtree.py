"""pygal's SVG tree made static: no script or CSS (its rules become attributes), bands.

Run as pygal XML filters on the tree before it is serialised (see pantau.charts).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import cssselect2
import tinycss2

FONT = "DejaVu Sans, Verdana, sans-serif"
TONES = ("#efe9da", "#e2ebf3", "#f1e3e8")  # band fills: sand, mist, rose
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
class Band:
    """Days shaded behind the bars, with a label (an election stage, the report's day)."""

    first: date
    last: date
    label: str
    tone: str | None = None  # default: TONES in turn, so neighbouring stages stay apart


def clean(tree: Any) -> Any:
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


Signature = tuple[Any, ...]  # an element's tag, id, class and attribute names, and its parent's


def inline_css(tree: Any) -> Any:
    """Apply pygal's <style> as presentation attributes, then drop it: a page whose CSP
    forbids inline styles still shows the colours (cssselect2 matches the rules, in order
    of specificity, as a browser would).

    pygal's rules select by tag, class, id and attribute presence through descendant
    combinators only (no sibling or nth-child selectors), so elements with the same
    signature up the tree get the same declarations: each signature is matched once
    (a few dozen for a chart of a thousand elements), and charts with the same stylesheet
    share those matches."""
    styles = tree.findall(".//style")
    css = "".join(s.text or "" for s in styles)
    if chart_id := tree.get("id"):  # pygal's fresh uuid: the same rules share a matcher
        css = css.replace(chart_id, "chart")
        tree.set("id", "chart")
    matcher, matched = _matcher(css)
    signatures: dict[Any, Signature] = {}
    inherited: dict[Any, dict[str, str]] = {}
    wrappers: dict[Any, cssselect2.ElementWrapper] = {}
    for node in tree.iter():
        parent_node = node.getparent()
        signature = (signatures.get(parent_node), node.tag, node.get("class"), *sorted(node.keys()))
        signatures[node] = signature
        if signature not in matched:
            matched[signature] = _cascade(matcher, _wrap(node, wrappers))
        values = matched[signature]
        for name in GEOMETRY.intersection(node.keys()):  # pygal writes 15 digits; 0.01 px is plenty
            node.set(name, _short(node.get(name)))
        parent = inherited.get(parent_node, {})
        inherited[node] = {**parent, **{k: v for k, v in values.items() if k != "opacity"}}
        for name, value in values.items():
            if parent.get(name) != value:  # inherited already: no attribute needed
                node.set(name, value)
    for style in styles:
        style.getparent().remove(style)
    if chart_id:  # only the stylesheet used it (several charts on a page would share it)
        del tree.attrib["id"]
    return tree


@lru_cache(maxsize=16)
def _matcher(css: str) -> tuple[cssselect2.Matcher, dict[Signature, dict[str, str]]]:
    """The stylesheet's rules, and the declarations found so far per element signature."""
    matcher = cssselect2.Matcher()
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
    return matcher, {}


def _cascade(matcher: cssselect2.Matcher, element: cssselect2.ElementWrapper) -> dict[str, str]:
    found = sorted(matcher.match(element), key=lambda m: (m[0], m[1]))
    values: dict[str, str] = {}
    for important in (False, True):
        values.update(
            (name, value) for *_, decls in found for name, value, imp in decls if imp == important
        )
    return values


def _wrap(node: Any, wrappers: dict[Any, Any]) -> Any:
    """cssselect2's view of one element (and its ancestors); siblings are not wired up,
    no rule looks at them."""
    if node not in wrappers:
        parent = node.getparent()
        if parent is None:
            wrappers[node] = cssselect2.ElementWrapper.from_xml_root(node)
        else:
            up = _wrap(parent, wrappers)
            wrappers[node] = cssselect2.ElementWrapper(
                node, up, parent.index(node), None, in_html_document=False
            )
    return wrappers[node]


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


def shade(tree: Any, days: Sequence[date], bands: Sequence[Band], *, bucket_days: int = 1) -> Any:
    """Shade each band's days behind the plot: the x guides give the centre of every day's
    slot, so a band spans from half a slot before its first day to half after its last."""
    span = timedelta(days=bucket_days - 1)
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
    for n, band in enumerate(bands):
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
        rect.set("fill", band.tone or TONES[n % len(TONES)])
        # labels step down so bands starting on one day do not print over each other
        text = group.makeelement("text", {"x": f"{x0 + 3:.1f}", "y": f"{12 + 12 * (n % 3)}"})
        text.attrib.update({"font-family": FONT, "font-size": "10", "fill": "#6b5d3a"})
        text.text = band.label
        group.extend([rect, text])
        plot.insert(at, group)
        at += 1
    return tree
