"""Entry points of a crawl from source names: RSS-first, listings/sitemaps for backfills."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from crawlers.outlets import by_name


def entry_points(
    sources: Sequence[str],
    *,
    keywords: Sequence[str] = (),
    backfill: bool = False,
    search_pages: int = 1,
    regional_hosts: Mapping[str, Sequence[str]] | None = None,
) -> list[str]:
    """Start URLs for the named outlets.

    Feeds only by default (RSS-first: the lightest load on a site, and what outlets offer
    for this purpose); a backfill (`--since`) adds listings and news sitemaps, and each
    keyword adds the outlet's search pages. Outlets with regional editions (ANTARA) add
    the feeds (and for a backfill the listings) of the regional hosts chosen in
    `regional_hosts` (by outlet name), else of their default ones. Unknown names raise
    KeyError.
    """
    urls: list[str] = []
    for name in sources:
        outlet = by_name(name)
        regional = (regional_hosts or {}).get(outlet.name)
        urls.extend(outlet.feeds)
        urls.extend(outlet.regional_urls(regional, backfill=False))
        if backfill:
            urls.extend(outlet.listings)
            urls.extend(outlet.regional_urls(regional, backfill=True))
            urls.extend(outlet.sitemaps)
        for keyword in keywords:
            for page in range(1, search_pages + 1):
                url = outlet.search_url(keyword, page)
                if url:
                    urls.append(url)
    return list(dict.fromkeys(urls))
