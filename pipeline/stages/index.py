"""IndexStage: EnrichedArticle -> the search index (a sink: it emits nothing)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import Protocol

from pipeline.errors import ItemsFailed, TransientError
from pipeline.events import EnrichedArticle, Event

log = logging.getLogger(__name__)


class Indexer(Protocol):
    """What the index stage needs of a search backend: idempotent bulk upsert by id.

    Raises pipeline.bus.TransientError while the engine is unavailable, and
    pipeline.bus.ItemsFailed when only some documents of the bulk were refused.
    """

    def upsert(self, docs: Sequence[EnrichedArticle]) -> int: ...


class IndexStage:
    """Writes enriched articles with `_id` = article id, so replays never duplicate.

    A bulk that partly fails is not re-sent whole: the documents refused for a transient
    reason (429, 503) are retried one by one with backoff; those refused for good are
    reported to the runner (ItemsFailed), which dead-letters just them. Items still
    failing transiently after `retries` rounds make the whole batch transient (the bus
    pauses and redelivers it; re-indexing the rest is harmless, ids are deterministic).
    """

    name = "index"

    def __init__(
        self,
        index: Indexer,
        *,
        retries: int = 3,
        backoff: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.index = index
        self.indexed = 0
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep

    def process(self, batch: Sequence[EnrichedArticle]) -> list[Event]:
        try:
            self.indexed += self.index.upsert(batch)
            return []
        except ItemsFailed as exc:
            self.indexed += exc.done
            refused = {k: v for k, v in exc.failures.items() if k not in exc.retry}
            retry = [d for d in batch if d.id in exc.retry]
        log.info("index: %d refused, %d to retry one by one", len(refused), len(retry))
        for attempt in range(self.retries):
            if not retry:
                break
            self.sleep(self.backoff * 2**attempt)
            retry = self._retry_each(retry, refused)
        if retry:
            raise TransientError(
                f"{len(retry)} documents still rejected after {self.retries} tries"
            )
        if refused:
            raise ItemsFailed(refused, done=len(batch) - len(refused))
        return []

    def _retry_each(
        self, docs: Sequence[EnrichedArticle], refused: dict[str, str]
    ) -> list[EnrichedArticle]:
        still: list[EnrichedArticle] = []
        for doc in docs:
            try:
                self.indexed += self.index.upsert([doc])
            except ItemsFailed as exc:
                if doc.id in exc.retry:
                    still.append(doc)
                else:
                    refused[doc.id] = exc.failures.get(doc.id, str(exc))
        return still
