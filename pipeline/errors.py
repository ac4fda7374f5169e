"""The errors stages, engines and transports raise to tell the runner what to do with a batch."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


class BusError(RuntimeError):
    """The transport failed in a way the caller must report (broker down, not acked)."""


class TransientError(RuntimeError):
    """A stage's dependency is unavailable for now: retry the batch, do not commit it."""


class Discard(Exception):
    """An expected discard (Scrapy's DropItem): counted by reason, not dead-lettered."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ItemsFailed(RuntimeError):
    """Part of a batch went through and part did not (a bulk write's per-item errors).

    `failures` maps an event key (the article id) to the reason; `retry` holds the keys
    whose failure is transient (429, 503: worth retrying), the rest are permanent;
    `done` counts the items that succeeded and `outputs` are their results, if any.
    """

    def __init__(
        self,
        failures: Mapping[str, str],
        *,
        retry: frozenset[str] = frozenset(),
        done: int = 0,
        outputs: Sequence[Any] = (),
    ) -> None:
        super().__init__(f"{len(failures)} items failed: {next(iter(failures.values()), '')}")
        self.failures = dict(failures)
        self.retry = retry
        self.done = done
        self.outputs = list(outputs)
