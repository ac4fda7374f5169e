"""The adaptive polling interval: learned from how many new items a feed brings, jittered.

Polling each feed at a frequency proportional to the square root of its rate of new items
minimises the mean delay to discovery for a given number of polls (for Poisson arrivals:
minimise sum r_i / 2 f_i subject to sum f_i = F). A feed whose items another feed of the
site always brought first (a section feed beside "terkini") learns a rate near zero and
drifts to its slowest bound.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Sequence
from datetime import datetime

REFERENCE_RATE = 1 / 60.0  # one new item a minute ...
REFERENCE_INTERVAL = 40.0  # ... is polled every 40 s; 1 an hour every ~5 min
MEMORY = 3600.0  # seconds: older observations fade with this time constant
PRIOR_RATE = 1 / 3600.0  # what a feed is assumed to bring before it showed anything
JITTER = 0.15  # ±15 %, so feeds of one host do not fall due together forever
BACKOFF_MAX = 6 * 3600.0


def update_rate(
    rate: float | None,
    window: float | None,
    *,
    new: int,
    elapsed: float | None,
    dates: Sequence[datetime] = (),
    items: int = 0,
) -> tuple[float | None, float | None]:
    """(new items per second, seconds observed), exponentially weighted.

    The first poll has nothing to compare with: the items' own dates give the feed's
    rate (plus a small prior, so a feed without dates is not left at its slowest bound),
    scaled by the share of its `items` that were `new`: a section feed whose items the
    site's "terkini" feed brought first starts at zero.
    """
    if rate is None or window is None:
        share = min(1.0, new / items) if items else 1.0
        return share * (_dated_rate(dates) + PRIOR_RATE), MEMORY
    if not elapsed or elapsed <= 0:
        return rate, window
    fade = math.exp(-elapsed / MEMORY)
    seen = rate * window * fade + new
    window = window * fade + elapsed
    return seen / window, window


def _dated_rate(dates: Sequence[datetime]) -> float:
    """Items per second from the items' dates: their spacing, or the count of the last
    MEMORY seconds when there are too few to space."""
    stamps = sorted(d.timestamp() for d in dates)
    if len(stamps) >= 3 and stamps[-1] > stamps[0]:
        return (len(stamps) - 1) / (stamps[-1] - stamps[0])
    recent = [t for t in stamps if t >= time.time() - MEMORY]
    return len(recent) / MEMORY


def next_interval(
    rate: float | None, *, low: float, high: float, rng: random.Random | None = None
) -> float:
    """Seconds to the next poll: square-root law between the bounds, jittered."""
    base = high if not rate else REFERENCE_INTERVAL * math.sqrt(REFERENCE_RATE / rate)
    base = min(high, max(low, base))
    return base * (1 + (rng or random).uniform(-JITTER, JITTER))


def backoff(interval: float, failures: int, retry_after: float | None) -> float:
    """Seconds to wait after the `failures`-th failure in a row (Retry-After wins)."""
    delay = min(BACKOFF_MAX, interval * 2.0 ** min(failures, 12))
    if retry_after is not None:
        delay = max(delay, min(retry_after, BACKOFF_MAX))
    return delay
