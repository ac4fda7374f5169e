"""What pantau knows about one outlet family: its URL rules, entry points and page markup."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote_plus, urlsplit

_NO_PATTERN = re.compile(r"(?!)")


@dataclass(frozen=True)
class PageProfile:
    """CSS/XPath queries for one design of an outlet's article pages."""

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
    # CSS of the subscribe box that replaces the rest of a paywalled article (schema.org
    # `isAccessibleForFree: false` is recognised on every outlet); counted as a warning.
    paywall: tuple[str, ...] = ()
    design: str = "current"  # named in RawArticle.extractor: "rules:antara/older"


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
    # Other designs of its article pages (an older layout still served, subsites); a page
    # no design fits goes to the generic extractor and is counted as a generic_fallback.
    more_pages: tuple[PageProfile, ...] = ()
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
    # Outlets with regional editions (ANTARA): `main_hosts` are always crawled; another
    # subdomain only when it is one of the configured regional hosts (default
    # `regional_hosts`), each read through `regional_feeds` / `regional_listings` paths.
    main_hosts: tuple[str, ...] = ()
    regional_hosts: tuple[str, ...] = ()
    regional_feeds: tuple[str, ...] = ()
    regional_listings: tuple[str, ...] = ()
    # Post-processing hook for outlets with one odd field (RMOL's header line).
    fix_credits: Callable[[dict[str, str]], dict[str, str]] | None = None

    @property
    def designs(self) -> tuple[PageProfile, ...]:
        return (self.page, *self.more_pages)

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

    def regional_host(self, value: str) -> str:
        """A regional edition's host from "jatim", "jatim.antaranews.com" or its URL.

        Raises ValueError for a host outside this outlet or one of its main hosts.
        """
        if not self.main_hosts:
            raise ValueError(f"{self.name} has no regional editions")
        text = value.strip().lower()
        host = (urlsplit(text).hostname or "") if "//" in text else text.split("/")[0]
        if host and "." not in host:
            host = f"{host}.{self.domains[0]}"
        if not host or not self.owns(host) or host in self.main_hosts or host in self.domains:
            raise ValueError(
                f"{value!r} is not a regional {self.name} host (e.g. {self.regional_hosts[0]})"
            )
        return host

    def allowed_hosts(self, regional: Collection[str] | None = None) -> frozenset[str] | None:
        """Hosts of this outlet that may be crawled (None: every host of its domains)."""
        if not self.main_hosts:
            return None
        chosen = self.regional_hosts if regional is None else regional
        return frozenset((*self.main_hosts, *chosen))

    def regional_urls(self, regional: Sequence[str] | None, *, backfill: bool) -> list[str]:
        """Feeds (and, for a backfill, listings) of the chosen regional editions."""
        hosts = self.regional_hosts if regional is None else regional
        paths = [*self.regional_feeds, *(self.regional_listings if backfill else ())]
        return [f"https://{host}{path}" for host in hosts for path in paths]
