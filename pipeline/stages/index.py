"""IndexStage: EnrichedArticle -> the search index (a sink: it emits nothing)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from pipeline.events import EnrichedArticle, Event


class Indexer(Protocol):
    """What the index stage needs of a search backend: idempotent bulk upsert by id.

    Raises pipeline.bus.TransientError while the engine is unavailable.
    """

    def upsert(self, docs: Sequence[EnrichedArticle]) -> int: ...


class IndexStage:
    """Writes enriched articles with `_id` = article id, so replays never duplicate."""

    name = "index"

    def __init__(self, index: Indexer) -> None:
        self.index = index
        self.indexed = 0

    def process(self, batch: Sequence[EnrichedArticle]) -> list[Event]:
        self.indexed += self.index.upsert(batch)
        return []
