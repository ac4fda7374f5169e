"""A saved search run now: its query from the stored page parameters, in its owner's scope.

"New" hits: neither engine can say when an article was indexed (the SQLite index keeps
no such time; Elasticsearch's `indexed_at` is rewritten by every re-index and replay, so
a replay would make all of history new), and publication time alone misses what is
crawled late (published 09:50, indexed 10:05, looked at 10:00: never new). So a visit
remembers how many hits were *published* in the LOOKBACK before it, and the new hits are
those published since that same moment beyond that number: every hit published after
the visit, plus those of the LOOKBACK before it that arrived late. Articles crawled more
than LOOKBACK after publication do not count; a hit that stops matching (re-enriched,
deleted) hides one new hit. Each count is a search that lists no hits.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from alerts.offices import NATIONAL_OFFICE, OfficeDirectory
from pantau.web.form import search_query
from pantau.web.scope import ScopedBackend
from search.backend import SearchBackend
from search.query import SearchQuery
from store.accounts import User
from store.offices import NATIONAL_ID, scope_of
from store.saved import SavedSearch

LOOKBACK = timedelta(days=3)  # crawl delay covered: see the module's docstring


def owner_backend(backend: SearchBackend, owner: User) -> SearchBackend:
    """The index as the owner may see it now (the office is read at run time, never saved)."""
    scope = scope_of(owner)
    return backend if scope is None else ScopedBackend(backend, scope)


def params_query(params: list[tuple[str, str]], **changes: object) -> SearchQuery:
    """The query of page parameters, as the search page reads them (QuerySyntaxError)."""
    query = search_query(params)
    return query.model_copy(update=changes) if changes else query


def saved_query(saved: SavedSearch, **changes: object) -> SearchQuery:
    """The query of the saved parameters (QuerySyntaxError if they no longer parse)."""
    return params_query(saved.params, **changes)


def window(query: SearchQuery, since: datetime, until: datetime | None = None) -> SearchQuery:
    """The query narrowed to articles published in [since, until) (its own dates kept)."""
    start = max(since, query.since) if query.since else since
    end = until if query.until is None else (min(until, query.until) if until else query.until)
    return query.model_copy(update={"since": start, "until": end})


@dataclass(frozen=True)
class Visit:
    at: float  # epoch seconds
    count: int  # hits published in the LOOKBACK before `at`


def visit_now(backend: SearchBackend, params: list[tuple[str, str]]) -> Visit:
    """What a visit now remembers (`backend` in the owner's scope)."""
    now = time.time()
    at = datetime.fromtimestamp(now, UTC)
    query = params_query(params, limit=1, facet_size=0)
    return Visit(now, backend.search(window(query, at - LOOKBACK, at)).total)


def count_new(backend: SearchBackend, saved: SavedSearch) -> int:
    """How many hits are new since the last visit (`backend` in the owner's scope)."""
    seen = datetime.fromtimestamp(saved.last_seen_at, UTC)
    query = saved_query(saved, limit=1, facet_size=0)
    if query.since is None and query.until is None:  # one search: the usual case
        return max(0, backend.search(window(query, seen - LOOKBACK)).total - saved.seen_count)
    # dates of its own ("7d" moves on): count after the visit and before it apart
    after = backend.search(window(query, seen)).total
    before = backend.search(window(query, seen - LOOKBACK, seen)).total
    return after + max(0, before - saved.seen_count)


def office_of(user: User) -> str:
    """The name of the user's office (the national office for users without one)."""
    if not user.office_id or user.office_id == NATIONAL_ID:
        return NATIONAL_OFFICE
    return OfficeDirectory.bundled().office_of(user.office_id) or NATIONAL_OFFICE
