"""Every hit of a query in its order, page by page: what an export reads of an engine."""

from __future__ import annotations

from collections.abc import Callable, Generator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from search.query import SearchHit, SearchQuery, SearchResult


@dataclass(frozen=True)
class Scan:
    """The query's total, and its hits page after page (at most the asked limit in all).

    The first answer is read before a Scan exists, so a bad query or an engine outage
    fails before an export sends a byte; closing `pages` early stops the reading."""

    total: int
    pages: Generator[list[SearchHit]]


def chained(search: Callable[[SearchQuery], SearchResult], query: SearchQuery, limit: int) -> Scan:
    """Pages of `query.limit` through the cursor (never an offset, which stops at 10,000),
    from the query's own cursor if it has one; the next page is asked for (in a thread)
    while this one is used, so the engine's time and the caller's overlap."""
    first = search(query)
    return Scan(first.total, _pages(search, query, first, limit))


def _pages(
    search: Callable[[SearchQuery], SearchResult],
    query: SearchQuery,
    page: SearchResult,
    left: int,
) -> Generator[list[SearchHit]]:
    ahead = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pantau-scan")
    try:
        while True:
            taken = page.hits[:left]
            left -= len(taken)
            later = None
            if left > 0 and page.next_cursor and taken:
                update = {"cursor": page.next_cursor, "exact_total": False}  # counted once
                later = ahead.submit(search, query.model_copy(update=update))
            if taken:
                yield taken
            if later is None:
                return
            page = later.result()
    finally:  # closed early (the client went away): a page in flight is left to finish alone
        ahead.shutdown(wait=False, cancel_futures=True)
