"""Title, authors and other metadata of any article page: JSON-LD, meta, markup."""

from __future__ import annotations

import re
from typing import Any

from parsel import Selector

from crawlers.parsers.html import (
    clean_text,
    css_values,
    first_attr,
    first_text,
    jsonld_objects,
    text_of_node,
)

_SEPARATOR = re.compile(r"\s+[-|–—:•»·]\s+|\s*[|»]\s*|(?<=\.com):\s+|(?<=\.id):\s+")
_WORD = re.compile(r"[a-z0-9]+")
_CMS_ACCOUNT = re.compile(
    r"\b(?:admin|administrator|developer|webmaster|redaksi|editorial|newsroom|web ?team|"
    r"super ?user|wp ?admin|operator)\b|\.(?:com|co\.id|id|net)\b|^(?:tim|team)$",
    re.IGNORECASE,
)


def article_jsonld(sel: Selector) -> dict[str, Any]:
    """The page's JSON-LD object of an article type ({} when there is none)."""
    fallback: dict[str, Any] = {}
    for obj in jsonld_objects(sel):
        kinds = types(obj)
        if any(k.endswith(("Article", "BlogPosting")) for k in kinds):
            return obj
        if not fallback and "WebPage" in kinds and obj.get("datePublished"):
            fallback = obj
    return fallback


def types(obj: dict[str, Any]) -> list[str]:
    value = obj.get("@type")
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)] if value else []


def text_of(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@id")
    return clean_text(str(value)) if value else None


# -- site names and titles ------------------------------------------------------------


def site_names(sel: Selector, info: dict[str, Any], *hosts: str) -> set[str]:
    """Normalised names the site calls itself: og:site_name, publisher, host labels."""
    names = {
        first_attr(sel, 'meta[property="og:site_name"]::attr(content)'),
        first_attr(sel, 'meta[name="application-name"]::attr(content)'),
        text_of(info.get("publisher")),
    }
    found = {_norm(n) for n in names if n}
    labels = [
        p
        for host in hosts
        for p in host.lower().split(".")
        if p not in ("www", "m", "com", "co", "id", "net", "org") and not p.isdigit()
    ]
    found.update(label for label in labels if len(label) >= 4)
    return {n for n in found if n}


def _norm(text: str) -> str:
    return "".join(_WORD.findall(text.lower()))


def _is_site(segment: str, sites: set[str]) -> bool:
    norm = _norm(segment)
    if not norm:
        return True
    if re.search(r"\.(?:com|co\.id|id|net|org|tv)\b", segment.lower()) and len(segment) < 40:
        return True
    return any(site and (site in norm or norm in site) for site in sites) and len(norm) < 40


def strip_site_name(title: str, sites: set[str]) -> str:
    """ "KapanLagi.com: X", "X - Kompas.com", "X | Republika Online" -> "X"."""
    parts = _SEPARATOR.split(title)
    while len(parts) > 1 and _is_site(parts[-1], sites):
        parts.pop()
    while len(parts) > 1 and _is_site(parts[0], sites):
        parts.pop(0)
    if len(parts) == len(_SEPARATOR.split(title)):
        return clean_text(title)
    # Rejoin what is left with the separators the headline itself used.
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return clean_text(title[start:end]) if start >= 0 and end > start else clean_text(title)


def _similar(a: str, b: str) -> bool:
    wa, wb = set(_WORD.findall(a.lower())), set(_WORD.findall(b.lower()))
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= 0.8


def page_title(sel: Selector, sites: set[str], info: dict[str, Any], *queries: str) -> str | None:
    """The headline: an outlet's own title element, else the page's h1 when it agrees with
    og:title / JSON-LD / <title> (minus the site name), else that reference itself."""
    own = first_text(sel, *queries) if queries else None
    if own:
        return own
    references = [
        text_of(info.get("headline")),
        first_attr(sel, 'meta[property="og:title"]::attr(content)'),
        first_attr(sel, 'meta[name="twitter:title"]::attr(content)'),
        clean_text(" ".join(css_values(sel, "title::text"))) or None,
    ]
    cleaned = [strip_site_name(clean_text(r), sites) for r in references if r]
    cleaned = [r for r in cleaned if not _is_site(r, sites)]
    reference = next((r for r in cleaned if r), None)
    for h1 in css_values(sel, "article h1, main h1, h1"):
        text = text_of_node(h1)
        if not text or _is_site(text, sites):
            continue
        if reference is None or _similar(text, reference):
            return text
    return reference


# -- authors ----------------------------------------------------------------------------


def is_person_name(name: str, sites: set[str]) -> bool:
    """False for the publisher, the site, a CMS account or anything not a name."""
    if not name or len(name) > 60 or _CMS_ACCOUNT.search(name) or "@" in name:
        return False
    if any(ch.isdigit() for ch in name) or len(name.split()) > 6:
        return False
    norm = _norm(name)
    return not any(site and (site in norm or norm in site) for site in sites)


def jsonld_authors(info: dict[str, Any], sites: set[str]) -> list[str]:
    author = info.get("author")
    people = author if isinstance(author, list) else [author] if author else []
    found = []
    for person in people:
        if isinstance(person, dict):
            if "Organization" in types(person):
                continue
            person = person.get("name")
        name = clean_text(str(person or ""))
        if is_person_name(name, sites):
            found.append(name)
    return list(dict.fromkeys(found))


_AUTHOR_META = (
    'meta[name="author"]::attr(content)',
    'meta[name="content_author"]::attr(content)',
    'meta[name="dc.creator"]::attr(content)',
    'meta[property="article:author"]::attr(content)',
)


def meta_authors(sel: Selector, sites: set[str]) -> list[str]:
    """People named in author meta tags (a URL or the site's own name is no author)."""
    for query in _AUTHOR_META:
        value = first_attr(sel, query)
        if value and "://" not in value:
            people = [n for n in names(value) if is_person_name(n, sites)]
            if people:
                return people
    return []


_NAME_SPLIT = re.compile(r"\s*(?:,|;|/|&|\bdan\b)\s*")


def names(value: str) -> list[str]:
    """Person names of a credit ("A, B dan C"); names printed in capitals made readable."""
    found = [clean_text(n) for n in _NAME_SPLIT.split(value)]
    return [n.title() if n.isupper() else n for n in found if n]


_HEADER = "//h1[1]/following::*[self::div or self::p or self::span][position() <= 6]"


def header_texts(sel: Selector) -> list[str]:
    """Short texts of the elements right after the headline: bylines, dates, credits."""
    out = []
    for node in sel.root.xpath(_HEADER):
        text = text_of_node(node)
        if 3 <= len(text) <= 200:
            out.append(text)
    return out


def canonical_href(sel: Selector) -> str | None:
    href = first_attr(sel, 'link[rel="canonical"]::attr(href)')
    return href if href and href.startswith(("http://", "https://")) else None


def language(sel: Selector) -> str:
    lang = (first_attr(sel, "html::attr(lang)") or "id").split("-")[0].lower()
    return lang if re.fullmatch(r"[a-z]{2,3}", lang) else "id"


def meta_tags(sel: Selector, info: dict[str, Any]) -> list[str]:
    tags = [str(t).strip() for t in css_values(sel, 'meta[property="article:tag"]::attr(content)')]
    if not tags:
        keywords = info.get("keywords") or first_attr(
            sel, 'meta[name="news_keywords"]::attr(content)', 'meta[name="keywords"]::attr(content)'
        )
        if isinstance(keywords, list):
            tags = [str(k) for k in keywords]
        elif keywords:
            tags = str(keywords).split(",")
    return list(dict.fromkeys(t.strip() for t in tags if t.strip()))
