"""The SearchBackend protocol that the SQLite and Elasticsearch backends implement."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from pipeline.events import EnrichedArticle
from search.query import SearchQuery, SearchResult, TrendQuery, TrendResult
from search.scan import Scan


class BackendError(RuntimeError):
    """The engine cannot be used; the message names the cause and the fix."""


class SearchBackend(Protocol):
    """Index and query enriched articles; upsert is idempotent by article id."""

    name: str

    def ensure(self) -> None: ...

    def upsert(self, docs: Sequence[EnrichedArticle]) -> int: ...

    def search(self, query: SearchQuery) -> SearchResult: ...

    def scan(self, query: SearchQuery, limit: int) -> Scan:
        """Every hit of `query` in its order, up to `limit`, `query.limit` a page (exports)."""
        ...

    def trends(self, query: TrendQuery) -> TrendResult: ...

    def get(self, article_id: str) -> EnrichedArticle | None: ...

    def count(self) -> int: ...

    def reindex(self, *, counted: Callable[[int], None] | None = None) -> int:
        """Rebuild every indexed document from the stored events (new analysis, mapping)."""
        ...

    def close(self) -> None: ...
