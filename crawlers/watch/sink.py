"""Hand parsed articles to the pipeline from one thread, then mark them seen."""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence

from crawlers.watch.state import WatchState
from pipeline.events import RawArticle

log = logging.getLogger(__name__)
Publish = Callable[[Sequence[RawArticle]], None]


class Sink:
    """A queue drained by one thread: `publish` (bus publish + flush, which in embedded
    mode runs enrich, index and alerts) gets batches; an article is marked seen only after
    its batch was published, so a crash or SIGTERM never loses one."""

    def __init__(self, publish: Publish, state: WatchState, *, batch: int = 32) -> None:
        self.publish = publish
        self.state = state
        self.batch = batch
        self.published = 0
        self.failed = 0
        self._queue: queue.Queue[tuple[RawArticle, str] | None] = queue.Queue()
        self._busy = 0
        self._thread = threading.Thread(target=self._loop, name="pantau-watch-sink", daemon=True)
        self._thread.start()

    def put(self, article: RawArticle, claim: str) -> None:
        self._queue.put((article, claim))

    def pending(self) -> int:
        return self._queue.qsize() + self._busy

    def close(self, timeout: float | None = None) -> None:
        """Publish what is queued, then stop the thread."""
        self._queue.put(None)
        self._thread.join(timeout)

    def _loop(self) -> None:
        done = False
        while not done:
            items: list[tuple[RawArticle, str]] = []
            item = self._queue.get()
            while item is not None:
                items.append(item)
                if len(items) >= self.batch:
                    break
                try:
                    item = self._queue.get(timeout=0.05)
                except queue.Empty:
                    break
            done = item is None
            if items:
                self._busy = len(items)
                self._send(items)
                self._busy = 0

    def _send(self, items: list[tuple[RawArticle, str]]) -> None:
        now = time.time()
        try:
            self.publish([a for a, _ in items])
        except Exception:  # the bus is down: forget the claims so the next poll retries
            log.exception("publishing %d articles failed", len(items))
            self.failed += len(items)
            for _, claim in items:
                self.state.settle(claim, None, now)
            return
        self.published += len(items)
        for _, claim in items:
            self.state.settle(claim, "article", now)
