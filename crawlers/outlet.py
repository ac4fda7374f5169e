"""What pantau knows about one outlet family: its URL rules, entry points and page markup."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote_plus

# Lines that are never article text, on any outlet.
COMMON_NOISE = re.compile(
    r"^(?:baca juga\s*:|baca juga\b.{0,3}$|advertisement$|scroll to continue|"
    r"copyright\s*©|©\s*\d{4}|dilarang keras mengambil konten|simak (?:juga )?video|"
    r"ikuti berita terkini|dapatkan update berita)",
    re.IGNORECASE,
)
_NO_PATTERN = re.compile(r"(?!)")


@dataclass(frozen=True)
class PageProfile:
    """CSS/XPath queries for an outlet's article pages, most specific design first."""

    title: tuple[str, ...]
    body: tuple[str, ...]
    date_text: tuple[str, ...] = ()
    caption: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    crumbs: tuple[str, ...] = ()
    # Elements whose text lines read "Pewarta: X", "Editor: Y", "LAPORAN: Z" ...
    credits: tuple[str, ...] = ()
    # Elements holding the byline only ("Nama Reporter - detikNews").
    byline: tuple[str, ...] = ()
    byline_suffix: re.Pattern[str] = _NO_PATTERN
    # Removed from the body before reading paragraphs (ads, related links, promos).
    noise_xpath: str = ""
    noise_lines: re.Pattern[str] = _NO_PATTERN
    # Opens the body: "Jakarta (ANTARA) - ", "JAKARTA, KOMPAS.com - " (group "city").
    dateline: re.Pattern[str] = _NO_PATTERN
    # Removed from og:title when the page has no headline element.
    title_suffix: re.Pattern[str] = _NO_PATTERN
    # Text that says the rest is behind a paywall; counted as a warning.
    paywall: tuple[str, ...] = ()


@dataclass(frozen=True)
class ListingProfile:
    """How an outlet's listing, index and search pages list articles."""

    cards: str  # CSS of one card
    link: str  # CSS of the article link inside a card (::attr(href))
    date: str = ""  # CSS of the card's printed time, if any
    next_pages: str = "ul.pagination a::attr(href), a[rel='next']::attr(href)"


@dataclass(frozen=True)
class Outlet:
    """One outlet family (all its hosts): rules that turn URLs and pages into RawArticles."""

    name: str
    domains: tuple[str, ...]  # a host belongs if it is one of these or a subdomain
    article_path: re.Pattern[str]
    page: PageProfile
    listing: ListingProfile | None = None
    not_article_path: re.Pattern[str] = _NO_PATTERN
    # (AMP path pattern, replacement) applied before canonicalising.
    amp_paths: tuple[tuple[re.Pattern[str], str], ...] = ()
    # Hosts that only serve copies of another host's pages (m.antaranews.com -> www).
    host_aliases: dict[str, str] = field(default_factory=dict)
    # Query parameters that only change the presentation (kompas ?page=all).
    drop_params: frozenset[str] = frozenset()
    # RSS-first default entry points, then listings, sitemaps.
    feeds: tuple[str, ...] = ()
    listings: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    search: str = ""  # "https://host/search?q={q}&page={page}"
    # Hosts of the regional editions crawled by default (configurable per run).
    regional_hosts: tuple[str, ...] = ()
    # Post-processing hook for outlets with one odd field (RMOL's header line).
    fix_credits: Callable[[dict[str, str]], dict[str, str]] | None = None

    def owns(self, host: str) -> bool:
        host = host.lower()
        return any(host == d or host.endswith("." + d) for d in self.domains)

    def search_url(self, keyword: str, page: int = 1) -> str | None:
        if not self.search:
            return None
        return self.search.format(q=quote_plus(keyword), page=page)

    def start_urls(self) -> list[str]:
        """Default entry points: feeds first (RSS-first), then listings."""
        return [*self.feeds, *self.listings]
