"""Outlet-independent HTML helpers: paragraph extraction, JSON-LD, block-page detection."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from lxml import etree
from lxml import html as lxml_html
from parsel import Selector
from parsel.csstranslator import css2xpath

BLOCK_TAGS = frozenset(
    {"p", "div", "section", "article", "blockquote", "ul", "ol", "li", "table", "tr",
     "h1", "h2", "h3", "h4", "h5", "h6", "figure", "header", "footer", "pre", "hr"}
)  # fmt: skip
_BLOCK_MARKERS = (
    "just a moment...",
    "attention required! | cloudflare",
    "access denied",
    "cf-browser-verification",
    "cf-chl-",
    "/cdn-cgi/challenge-platform/",
    "you don't have permission to access",
    "request unsuccessful. incapsula",
)
_SPACE = re.compile(r"\s+")


def text_of_node(node: Any) -> str:
    """Cleaned text of an lxml element (its descendants' text joined by spaces)."""
    return clean_text(" ".join(node.itertext()))


def clean_text(text: str) -> str:
    """Collapse whitespace (including no-break spaces) and trim."""
    return _SPACE.sub(" ", text.replace("\u00a0", " ")).strip()


@lru_cache(maxsize=1024)
def _compiled(query: str) -> etree.XPath:
    """A CSS query (parsel's ::text / ::attr() included) as compiled XPath: queries run
    on every page, and parsel would wrap each match in a Selector object."""
    return etree.XPath(css2xpath(query))


def css_values(sel: Selector, query: str) -> list[Any]:
    """Raw lxml results of a CSS query: elements, or strings for ::text and ::attr()."""
    result = _compiled(query)(sel.root)
    return result if isinstance(result, list) else []


def first_text(sel: Selector, *queries: str) -> str | None:
    """Cleaned text of the first CSS query that yields non-empty text."""
    for query in queries:
        for node in css_values(sel, query):
            text = clean_text(" ".join(node.itertext()) if hasattr(node, "itertext") else node)
            if text:
                return text
    return None


def first_attr(sel: Selector, *queries: str) -> str | None:
    """First non-empty value of CSS attribute queries such as `time::attr(datetime)`."""
    for query in queries:
        for value in css_values(sel, query):
            if isinstance(value, str) and value.strip():
                return value.strip()
    return None


def detached_copy(element: Any) -> lxml_html.HtmlElement:
    """A copy of an element (or a selector's) that can be pruned without touching the page."""
    root = element.root if isinstance(element, Selector) else element
    if not isinstance(root, lxml_html.HtmlElement):
        raise TypeError("expected an HTML element selector")
    return copy.deepcopy(root)


def drop(element: lxml_html.HtmlElement, xpath: str) -> int:
    """Remove matching descendants but keep their tail text; return how many went."""
    nodes = element.xpath(xpath)
    for node in nodes:
        node.drop_tree()
    return len(nodes)


def paragraphs(element: lxml_html.HtmlElement) -> list[str]:
    """Text blocks of an element: block tags and `<br>` both end a paragraph.

    ANTARA mixes `<p>` paragraphs with bare text separated by `<br><br>`, sometimes in
    one article, so neither "all <p>" nor "split on <br>" alone is enough.
    """
    blocks: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        text = clean_text("".join(buffer))
        buffer.clear()
        if text:
            blocks.append(text)

    def walk(node: lxml_html.HtmlElement) -> None:
        if node.text and isinstance(node.tag, str):
            buffer.append(node.text)
        for child in node:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "br":
                flush()
            elif tag in BLOCK_TAGS:
                flush()
                walk(child)
                flush()
            elif tag:
                walk(child)
            if child.tail:
                buffer.append(child.tail)

    walk(element)
    flush()
    return blocks


def jsonld_objects(sel: Selector) -> Iterator[dict[str, Any]]:
    """Every JSON object in the page's ld+json blocks (lists and @graph flattened).

    A block that is not valid JSON is skipped: publishers ship broken JSON-LD often
    enough that it must never cost the article.
    """
    for raw in css_values(sel, 'script[type="application/ld+json"]::text'):
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        yield from _flatten(data)


def _flatten(data: Any) -> Iterable[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        yield data
        if isinstance(data.get("@graph"), list):
            yield from _flatten(data["@graph"])


def is_paywalled(sel: Selector, queries: Iterable[str] = ()) -> bool:
    """True when the page says part of the article is for subscribers only: an outlet's
    subscribe box (`queries`), or schema.org's `isAccessibleForFree: false`."""
    if any(css_values(sel, q) for q in queries):
        return True
    for obj in jsonld_objects(sel):
        parts = obj.get("hasPart")
        parts = parts if isinstance(parts, list) else [parts]
        for item in (obj, *(p for p in parts if isinstance(p, dict))):
            if str(item.get("isAccessibleForFree", "")).strip().lower() == "false":
                return True
    return False


def looks_blocked(title: str, body_text: str = "") -> bool:
    """True for bot-challenge and access-denied pages (Cloudflare, Akamai, Incapsula)."""
    head = f"{title}\n{body_text[:4000]}".lower()
    return any(marker in head for marker in _BLOCK_MARKERS)


class PageError(Exception):
    """A fetched page that yields no article; `reason` keys the stats and the report."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
