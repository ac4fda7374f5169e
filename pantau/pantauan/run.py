"""A saved search run now: its query from the stored page parameters, in its owner's scope.

"New" hits: those the saved search finds now that were not among its hits when its owner
last opened it. Neither engine can say when an article was indexed (the SQLite index
keeps no such time; Elasticsearch's `indexed_at` is rewritten by every re-index and
replay), so what is remembered at a visit is the ids of the hits *published* in the
LOOKBACK before it, and new ones are looked for among the hits published since that
same moment. An article crawled up to LOOKBACK after its publication still counts as
new; one published earlier than that and indexed only now does not.
"""

from __future__ import annotations

import time
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
WINDOW = 500  # hits remembered per visit (the engines' largest page)


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


def recent_query(saved: SavedSearch | list[tuple[str, str]], since: float) -> SearchQuery:
    """The newest hits published after `since` minus LOOKBACK (at most WINDOW of them)."""
    params = saved.params if isinstance(saved, SavedSearch) else saved
    start = datetime.fromtimestamp(since, UTC) - LOOKBACK
    return window(params_query(params, limit=WINDOW, facet_size=0, sort="date"), start)


def seen_now(backend: SearchBackend, saved: SavedSearch | list[tuple[str, str]]) -> list[str]:
    """The ids to remember at a visit now (`backend` in the owner's scope)."""
    return [h.id for h in backend.search(recent_query(saved, time.time())).hits]


def count_new(backend: SearchBackend, saved: SavedSearch) -> int:
    """How many hits are new since the last visit (`backend` in the owner's scope)."""
    found = backend.search(recent_query(saved, saved.last_seen_at))
    unseen = sum(h.id not in saved.seen_ids for h in found.hits)
    if found.total <= len(found.hits):
        return unseen
    # more than a window's worth: what lies beyond it is new unless it was seen
    return max(unseen, found.total - len(saved.seen_ids))


def office_of(user: User) -> str:
    """The name of the user's office (the national office for users without one)."""
    if not user.office_id or user.office_id == NATIONAL_ID:
        return NATIONAL_OFFICE
    return OfficeDirectory.bundled().office_of(user.office_id) or NATIONAL_OFFICE
