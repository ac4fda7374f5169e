"""`pantau sources add URL`: find a site's feeds and sitemaps, test-parse a few articles."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from parsel import Selector

from crawlers.urls import outlet_for
from crawlers.watch.fetch import Fetcher
from crawlers.watch.links import NotAFeed, article_links, read_entries
from crawlers.watch.pages import parse_page
from crawlers.watch.registry import GENERIC, Source, name_for

COMMON_PATHS = (
    "/feed",
    "/rss",
    "/rss.xml",
    "/feed.xml",
    "/atom.xml",
    "/index.xml",
    "/rss/terkini.xml",
)
_ALTERNATE = (
    "link[rel~='alternate'][type*='rss']::attr(href), "
    "link[rel~='alternate'][type*='atom']::attr(href)"
)


@dataclass
class Sample:
    url: str
    path: str  # "rules:<family>", "generic" or "failed:<reason>"
    title: str = ""


@dataclass
class Discovery:
    """What was found at a URL, and how, before anything is saved."""

    source: Source | None
    found: list[tuple[str, str]] = field(default_factory=list)  # (url, how)
    samples: list[Sample] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def parsed(self) -> int:
        return sum(not s.path.startswith("failed") for s in self.samples)


async def discover(
    url: str, *, name: str | None = None, region: str | None = None, delay: float = 1.0,
    allow_private: bool = False, samples: int = 3,
) -> Discovery:  # fmt: skip
    fetcher = Fetcher(timeout=20.0, allow_private=allow_private)
    trusted = {urlsplit(url).netloc.lower()}
    base = f"{urlsplit(url).scheme}://{urlsplit(url).netloc}"
    found: list[tuple[str, str]] = []
    sitemaps: list[str] = []
    out = Discovery(None)

    async def get(target: str) -> tuple[bytes, str] | None:
        got = await fetcher.get(target, trusted=trusted)
        await asyncio.sleep(delay)
        if not got.ok:
            out.problems.append(f"{target}: {got.reason or 'HTTP ' + str(got.status)}")
            return None
        return got.body, got.headers.get("content-type", "")

    try:
        first = await get(url)
        if first is not None and _is_feed(url, *first):
            found.append((url, "the URL itself"))
        elif first is not None:
            for href in Selector(text=first[0].decode("utf-8", "replace")).css(_ALTERNATE).getall():
                found.append((urljoin(url, href.strip()), "<link rel=alternate>"))
        if not found:
            for path in COMMON_PATHS:
                got = await get(base + path)
                if got is not None and _is_feed(base + path, *got):
                    found.append((base + path, "common feed path"))
        robots = await get(base + "/robots.txt")
        for line in (robots[0].decode("utf-8", "replace") if robots else "").splitlines():
            key, _, value = line.partition(":")
            if key.strip().lower() == "sitemap" and value.strip():
                sitemaps.append(value.strip())
        out.found = found + [(s, "robots.txt Sitemap") for s in sitemaps]
        feeds = list(dict.fromkeys(u for u, _ in found))
        out.source = _source(url, name, region, feeds, sitemaps)
        if out.source is not None:
            await _samples(out, fetcher, trusted, delay, samples)
    finally:
        await fetcher.close()
    return out


def _is_feed(url: str, body: bytes, content_type: str) -> bool:
    try:
        return bool(read_entries(url, body, content_type)) and b"<html" not in body[:512].lower()
    except NotAFeed:
        return False


def _source(
    url: str, name: str | None, region: str | None, feeds: list[str], sitemaps: list[str]
) -> Source | None:
    if not feeds and not sitemaps:
        return None
    outlet = outlet_for(url)
    return Source(
        name=name or name_for(url), homepage=url, feeds=feeds, sitemaps=sitemaps[:3],
        family=outlet.name if outlet else GENERIC, region=region,
    )  # fmt: skip


async def _samples(
    out: Discovery, fetcher: Fetcher, trusted: set[str], delay: float, count: int
) -> None:
    assert out.source is not None
    source = out.source
    trusted |= source.netlocs()
    links: list[str] = []
    for entry_point in source.entry_points():
        got = await fetcher.get(entry_point, trusted=trusted)
        await asyncio.sleep(delay)
        try:
            entries = read_entries(got.url, got.body, got.headers.get("content-type", ""))
        except NotAFeed:
            continue
        links += list(article_links(source, got.url, entries).articles.values())
        if len(links) >= count:
            break
    for link in links[:count]:
        got = await fetcher.get(link, trusted=trusted)
        await asyncio.sleep(delay)
        if not got.ok:
            out.samples.append(Sample(link, f"failed:{got.reason or got.status}"))
            continue
        page = await asyncio.to_thread(parse_page, source, got.url, got.body, got.headers)
        if page.article is None:
            out.samples.append(Sample(link, f"failed:{page.reason}"))
            continue
        path = "generic" if page.generic else f"rules:{source.family}"
        out.samples.append(Sample(link, path, page.article.title))
