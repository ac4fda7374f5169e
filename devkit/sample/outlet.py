"""What an outlet's sample module gives the site, and the markup every outlet shares."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from html import escape
from urllib.parse import urlsplit

from devkit.sample.story import DAYS as DAYS  # re-exported for the outlet modules
from devkit.sample.story import MONTHS as MONTHS
from devkit.sample.story import ZONES

BASE = "{{BASE}}"
WIB = timezone(timedelta(hours=7))
_SHORT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
AD = '<div class="ads-on-body"><ins class="adsbygoogle"></ins><script>ads();</script></div>'


@dataclass(frozen=True)
class OutletStory:
    """One article page of a non-ANTARA outlet, served under /<host>/ on the local server."""

    key: str
    outlet: str
    host: str
    path: str
    title: str
    local_time: str  # "2024-11-28 14:30", in `zone`
    city: str | None
    paragraphs: tuple[str, ...]
    tags: tuple[str, ...]
    reporters: tuple[str, ...]
    editor: str | None
    caption: str
    section: str
    zone: str = "WIB"
    copy_of: str | None = None  # key of the ANTARA story this republishes
    amp: bool = False  # linked from its feed through the AMP copy
    # Only the opening is free: the page shows `paragraphs`, then a subscribe box.
    paywalled: bool = False

    @property
    def canonical(self) -> str:
        return f"https://{self.host}{self.path}"

    @property
    def local_path(self) -> str:
        return f"/{self.host}{self.path}"

    @property
    def published(self) -> datetime:
        tz = timezone(timedelta(hours=ZONES[self.zone]))
        return datetime.strptime(self.local_time, "%Y-%m-%d %H:%M").replace(tzinfo=tz)

    @property
    def summary(self) -> str:
        first = self.paragraphs[0]
        return first if len(first) <= 200 else first[:197].rsplit(" ", 1)[0] + "..."


@dataclass(frozen=True)
class Card:
    """One card of an index or search page."""

    title: str
    url: str  # as linked from the page (through the local server)
    published: datetime
    section: str


@dataclass(frozen=True)
class OutletSample:
    """An outlet's part of the sample site: its stories, page markup and entry points.

    Entry points are the outlet rules' own URLs (`crawlers/outlets/<name>.py`), served
    under their host prefix; `start` says which one a full sample crawl begins from.
    """

    name: str
    stories: tuple[OutletStory, ...]
    page: Callable[[OutletStory], str]
    start: str  # "feed", "listing" or "sitemap": the rules' first URL of that kind
    feed_url: str = ""  # only for a site without rules (the generic extractor's)
    card: Callable[[Card], str] | None = None  # its index pages, when it has some
    wrap: str = "div"  # element around the cards: "div", "ul class='list-group'"...
    pager: str = "pagination"  # class of the pagination list
    # Archive stories' addresses: (n, slug, time) -> local path (listed, never rendered).
    archive_path: Callable[[int, str, datetime], str] | None = None
    creator: bool = False  # its feed names the reporter in dc:creator
    files: Callable[[], dict[str, str]] = field(default=dict)  # any further files


def local(url: str) -> str:
    """The local server's path of an outlet URL: /<host><path>."""
    parts = urlsplit(url)
    return f"/{parts.hostname}{parts.path}"


def newest(stories: tuple[OutletStory, ...]) -> list[OutletStory]:
    return sorted(stories, key=lambda s: s.published, reverse=True)


def t(text: str) -> str:
    return escape(text, quote=False)


def a(text: str) -> str:
    return escape(text, quote=True)


def short_date(at: datetime, zone: str) -> str:
    """detik/republika style: "Rabu, 27 Nov 2024 17:02 WIB"."""
    return f"{DAYS[at.weekday()]}, {at.day:02d} {_SHORT[at.month - 1]} {at.year} {at:%H:%M} {zone}"


def long_date(at: datetime) -> str:
    """ "Senin, 04 Oktober 2024": weekday and full month name."""
    return f"{DAYS[at.weekday()]}, {at.day:02d} {MONTHS[at.month - 1]} {at.year}"


def head(s: OutletStory, site: str, extra: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>{t(s.title)} - {site}</title>
<link rel="canonical" href="{s.canonical}">
<meta property="og:type" content="article">
<meta property="og:title" content="{a(s.title)}">
<meta property="og:url" content="{s.canonical}">
<meta name="description" content="{a(s.summary)}">
{extra}<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>
</head>
"""


def ps(paragraphs: list[str]) -> str:
    return "\n".join(f"<p>{p}</p>" for p in paragraphs)


def texts(s: OutletStory, opener: str) -> list[str]:
    """Escaped paragraphs, the first one opened by the outlet's dateline."""
    out = [t(p) for p in s.paragraphs]
    out[0] = opener + out[0]
    return out


def _link(story: OutletStory) -> str:
    if story.amp:
        host, _, rest = story.local_path.lstrip("/").partition("/")
        return f"{BASE}/{host}/amp/{rest}"
    return BASE + story.local_path


def feed(title: str, home: str, stories: list[OutletStory], *, creator: bool = False) -> str:
    items = []
    for s in stories:
        extra = f"<dc:creator>{escape(s.reporters[0])}</dc:creator>\n" if creator else ""
        items.append(
            f"<item>\n<title>{escape(s.title)}</title>\n<link>{_link(s)}</link>\n"
            f"<pubDate>{format_datetime(s.published.astimezone(WIB))}</pubDate>\n{extra}"
            f"<description><![CDATA[{escape(s.summary)}]]></description>\n</item>"
        )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>{escape(title)}</title>
<link>{home}</link>
<description>{escape(title)}</description>
<language>id</language>
{chr(10).join(items)}
</channel>
</rss>
"""


def antara_paragraphs(key: str) -> tuple[str, ...]:
    """The paragraphs of an ANTARA sample story, for other outlets' syndicated copies."""
    from devkit.sample.stories_asn import STORIES

    return next(s for s in STORIES if s.key == key).paragraphs
