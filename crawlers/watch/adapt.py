"""The adaptive polling interval: learned from how often a feed publishes, with jitter."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime

# Aim for about one new item per poll: a busier feed is polled more often, a quiet one
# less, within the source's bounds.
ITEMS_PER_POLL = 1.0
SMOOTHING = 0.3  # weight of the newest observation in the rate estimate
JITTER = 0.15  # ±15 %, so feeds of one host do not fall due together forever
BACKOFF_MAX = 6 * 3600.0


def observed_rate(new: int, elapsed: float | None, dates: Sequence[datetime]) -> float | None:
    """Items per second: from the items' own dates when the feed gives them (its whole
    window, so one poll suffices), else from the new items since the last poll."""
    stamps = sorted(d.timestamp() for d in dates)
    if len(stamps) >= 3 and stamps[-1] > stamps[0]:
        return (len(stamps) - 1) / (stamps[-1] - stamps[0])
    if elapsed is not None and elapsed > 0:
        return new / elapsed
    return None


def next_interval(
    previous_rate: float | None,
    rate: float | None,
    *,
    low: float,
    high: float,
    rng: random.Random | None = None,
) -> tuple[float, float | None]:
    """(seconds to the next poll, smoothed rate) between the bounds, jittered."""
    smoothed = previous_rate
    if rate is not None:
        smoothed = rate if previous_rate is None else (
            SMOOTHING * rate + (1 - SMOOTHING) * previous_rate
        )  # fmt: skip
    base = high if not smoothed else ITEMS_PER_POLL / smoothed
    base = min(high, max(low, base))
    jitter = 1 + (rng or random).uniform(-JITTER, JITTER)
    return base * jitter, smoothed


def backoff(interval: float, failures: int, retry_after: float | None) -> float:
    """Seconds to wait after the `failures`-th failure in a row (Retry-After wins)."""
    delay = min(BACKOFF_MAX, interval * 2.0 ** min(failures, 12))
    if retry_after is not None:
        delay = max(delay, min(retry_after, BACKOFF_MAX))
    return delay
