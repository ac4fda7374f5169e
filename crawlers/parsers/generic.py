"""The extractor for pages no outlet rules fit: trafilatura for the body on a page pruned
of embeds and link lists, JSON-LD / OpenGraph / meta / markup for the rest."""

from __future__ import annotations

import copy
import re
from typing import Any

from lxml import html as lxml_html
from scrapy.http import TextResponse

from crawlers.outcomes import CrawlError
from crawlers.outlet import Outlet
from crawlers.parsers.boilerplate import credit_lines, prune
from crawlers.parsers.html import PageError, clean_text, first_attr, first_text, is_paywalled
from crawlers.parsers.metadata import (
    article_jsonld,
    header_texts,
    is_person_name,
    jsonld_authors,
    meta_authors,
    meta_tags,
    names,
    page_title,
    site_names,
    text_of,
)
from crawlers.parsers.parsed import Draft, ParsedArticle, finish
from crawlers.parsers.published import page_dates
from crawlers.urls import host_of, logical_url

_MIN_BODY_CHARS = 200
# Bylines printed near the headline: "Penulis: A", "Reporter: A", "Oleh: A", "Oleh A".
_BYLINE = re.compile(r"^(?:oleh|penulis|reporter|pewarta|ditulis oleh)\s*:?\s*(.{3,60})$", re.I)
_BYLINE_NODES = (
    "//*[contains(@class, 'author') or contains(@class, 'byline') or contains(@class, 'penulis')"
    " or contains(@class, 'reporter') or @rel='author'][not(self::meta)][position() <= 3]"
)


class ExtractorMissing(CrawlError):
    """The generic extractor's library cannot be imported: a broken install, not a page."""


def check_extractor() -> None:
    """Fail at start-up, with the fix, when trafilatura (or lxml_html_clean) is missing."""
    try:
        import trafilatura  # noqa: F401
    except ImportError as exc:
        raise ExtractorMissing(
            f"the generic article extractor cannot be loaded ({exc}); reinstall pantau "
            "with its dependencies (pip install -e . installs trafilatura and lxml_html_clean)"
        ) from exc


def parse_generic(response: TextResponse, outlet: Outlet | None = None) -> ParsedArticle:
    """Extract an article from any news page; PageError when it does not look like one."""
    sel = response.selector
    info = article_jsonld(sel)
    host = host_of(logical_url(response.url))
    sites = site_names(sel, info, host, *(outlet.domains if outlet else ()))
    title = page_title(sel, sites, info)
    if not title:
        raise PageError("no_title", "no headline in JSON-LD, og:title or h1")
    lines = _body_lines(sel.root, response.url, info)
    if sum(len(p) for p in lines) < _MIN_BODY_CHARS:
        raise PageError("no_body", "no article text found by the generic extractor")
    profile = outlet.page if outlet is not None else None
    draft = Draft(
        source=outlet.name if outlet is not None else host.removeprefix("www."),
        extractor="generic",
        title=title,
        lines=[line for line in lines if profile is None or not profile.noise_lines.match(line)],
        dates=page_dates(sel, info, response.url),
        sites=sites,
        url=_jsonld_url(info) or "",
        credits=credit_lines(header_texts(sel)),
        authors=_authors(sel, info, sites),
        section=first_attr(sel, 'meta[property="article:section"]::attr(content)')
        or text_of(info.get("articleSection")),
        tags=meta_tags(sel, info),
        caption=first_text(sel, "article figure figcaption", "figure figcaption"),
        paywalled=is_paywalled(sel),
        agency_ok=outlet is not None and outlet.name == "antara",
        warnings=["generic_extractor"],
    )
    if profile is not None:
        draft.dateline = profile.dateline
    if draft.url and not draft.url.startswith(("http://", "https://")):
        draft.url = ""
    return finish(sel, response.url, draft)


def _body_lines(root: Any, url: str, info: dict[str, Any]) -> list[str]:
    """The article text, cheapest try first: the pruned page without trafilatura's
    second opinions; then with them; then the unpruned page; then JSON-LD articleBody."""
    text = None
    for pruned, fast in ((True, True), (True, False), (False, False)):
        text = _trafilatura_text(root, url, pruned=pruned, fast=fast)
        if text and len(text) >= _MIN_BODY_CHARS:
            break
    if not text or len(text) < _MIN_BODY_CHARS:
        text = text_of(info.get("articleBody")) or text or ""
    return [clean_text(line) for line in re.split(r"\n+", text) if clean_text(line)]


def _trafilatura_text(root: Any, url: str, *, pruned: bool, fast: bool) -> str | None:
    import trafilatura

    if not isinstance(root, lxml_html.HtmlElement):
        return None
    tree = copy.deepcopy(root.getroottree().getroot())
    body = tree.find("body")
    if body is not None and pruned:
        prune(body)
    result: str | None = trafilatura.extract(
        tree,
        url=url,
        fast=fast,  # no readability/jusText second opinion: half the time per page
        output_format="txt",
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        deduplicate=False,
        with_metadata=False,
    )
    return result


def _jsonld_url(info: dict[str, Any]) -> str | None:
    page = info.get("mainEntityOfPage")
    value = page.get("@id") if isinstance(page, dict) else page or info.get("url")
    return text_of(value) if isinstance(value, str) else None


def _authors(sel: Any, info: dict[str, Any], sites: set[str]) -> list[str]:
    """JSON-LD persons, else meta author, else a byline near the headline; never the
    publisher, the site or a CMS account."""
    found = jsonld_authors(info, sites)
    if found:
        return found
    people = meta_authors(sel, sites)
    if people:
        return people
    for node in sel.root.xpath(_BYLINE_NODES):
        for piece in node.itertext():
            people = _byline_names(clean_text(piece), sites)
            if people:
                return people
    return []


def _byline_names(text: str, sites: set[str]) -> list[str]:
    """Names in one piece of a byline ("Oleh: A", "Penulis A", "A - detikNews")."""
    match = _BYLINE.match(text)
    candidate = match.group(1) if match else text
    candidate = re.split(r"\s+[-|–]\s+|\s*,\s*(?:jurnalis|wartawan|reporter)\b", candidate)[0]
    if not candidate or len(candidate) > 60 or candidate.lower() in ("oleh", "penulis", "oleh :"):
        return []
    people = [n for n in names(candidate) if is_person_name(n, sites) and len(n) >= 3]
    return people if all(p[:1].isupper() for p in people) else []
