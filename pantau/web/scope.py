"""Office scope on the server: the search backend as one user may see it.

Every SearchQuery and TrendQuery that reaches the engine from the web UI or the API
carries the user's region-code prefixes in `SearchQuery.scope` (ANDed with everything
else by both engines), and an article outside them is "not found". Routes get this
backend through `search.api.get_backend`, which the composition root overrides with
`scoped_backend`, so no route can ask the engine unscoped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated

from fastapi import Depends, Request

from pantau.web.auth import caller_scope
from pipeline.events import EnrichedArticle
from search.backend import SearchBackend
from search.query import SearchQuery, SearchResult, TrendQuery, TrendResult
from search.scan import Scan
from store.offices import Scope, in_scope


class ScopedBackend:
    """Reads through `backend`, limited to `prefixes`; writes are not the web's business."""

    def __init__(self, backend: SearchBackend, prefixes: frozenset[str]) -> None:
        self.backend = backend
        self.name = backend.name
        self.prefixes = prefixes
        self._scope = tuple(sorted(prefixes))  # sorted: the cursor fingerprint is stable

    def search(self, query: SearchQuery) -> SearchResult:
        return self.backend.search(query.model_copy(update={"scope": self._scope}))

    def scan(self, query: SearchQuery, limit: int) -> Scan:
        return self.backend.scan(query.model_copy(update={"scope": self._scope}), limit)

    def trends(self, query: TrendQuery) -> TrendResult:
        scoped = query.query.model_copy(update={"scope": self._scope})
        return self.backend.trends(query.model_copy(update={"query": scoped}))

    def get(self, article_id: str) -> EnrichedArticle | None:
        doc = self.backend.get(article_id)
        code = doc.region.code if doc is not None and doc.region is not None else None
        return doc if doc is not None and in_scope(code, self.prefixes) else None

    def count(self) -> int:
        return self.search(SearchQuery(limit=1, facet_size=0)).total

    def ensure(self) -> None:
        self.backend.ensure()

    def upsert(self, docs: Sequence[EnrichedArticle]) -> int:
        raise PermissionError("a scoped view of the index is read-only")

    def reindex(self, *, counted: Callable[[int], None] | None = None) -> int:
        raise PermissionError("a scoped view of the index is read-only")

    def close(self) -> None:
        """The shared backend stays open; it belongs to the app."""


def scoped_backend(
    request: Request, scope: Annotated[Scope, Depends(caller_scope)]
) -> SearchBackend:
    """The app's backend, scoped to the caller's office (itself for admins and analysts)."""
    backend: SearchBackend = request.app.state.backend
    return backend if scope is None else ScopedBackend(backend, scope)
