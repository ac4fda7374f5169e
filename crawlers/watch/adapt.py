"""The adaptive polling interval: learned from how many new items a feed brings, jittered.

Two rates are learned per feed, exponentially weighted over about an hour: `fresh`, the
items that appeared in it since its last poll, and `new`, those of them no other feed had
brought before (`watch_seen` remembers which feed claimed an item, and when). A feed whose
fresh items another feed of the site nearly always brought first (a section feed beside
"terkini") is redundant and polled at the slow `REDUNDANT_INTERVAL`. Every other feed is
polled at a frequency proportional to the square root of its rate of new items (for
Poisson arrivals this minimises the mean delay to discovery for a given number of polls),
between the source's bounds: `max_interval` is what caps the delay for quiet sites.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

REFERENCE_RATE = 1 / 60.0  # one new item a minute ...
REFERENCE_INTERVAL = 40.0  # ... is polled every 40 s; 1 an hour every ~5 min
MEMORY = 3600.0  # seconds: older observations fade with this time constant
PRIOR_RATE = 1 / 3600.0  # what a feed is assumed to bring before it showed anything
REDUNDANT_SHARE = 0.2  # brings under a fifth of its fresh items first: redundant
REDUNDANT_EVIDENCE = 2.0  # fresh items seen (faded) before a feed can be called redundant
REDUNDANT_INTERVAL = 1800.0
# A source's second and later feeds must show this many items of their own (faded) to be
# polled within the bounds: usually the first ("terkini") brings everything.
SECONDARY_EVIDENCE = 1.5
JITTER = 0.15  # ±15 %, so feeds of one host do not fall due together forever
BACKOFF_MAX = 6 * 3600.0


@dataclass(frozen=True)
class Rates:
    """What a feed taught so far: items per second, and the (faded) seconds observed."""

    new: float | None = None
    fresh: float | None = None
    window: float | None = None

    @property
    def redundant(self) -> bool:
        if not self.fresh or self.new is None or self.window is None:
            return False
        return self.fresh * self.window >= REDUNDANT_EVIDENCE and (
            self.new < REDUNDANT_SHARE * self.fresh
        )


def learn(
    rates: Rates,
    *,
    new: int,
    fresh: int,
    elapsed: float | None,
    dates: Sequence[datetime] = (),
    items: int = 0,
) -> Rates:
    """Fold one poll into the rates: `new` items this feed brought first, `fresh` items
    that appeared since its last poll (new ones and those another feed brought first).

    The first poll has nothing to compare with: the items' dates give the feed's rate
    (plus a small prior, so a feed without dates is not left at its slowest bound), and
    the share of its `items` that were new says how much of it is the feed's own; a feed
    listing three or more items and none of them new is redundant from the start.
    """
    if rates.new is None or rates.fresh is None or rates.window is None:
        listed = _dated_rate(dates) + PRIOR_RATE
        share = min(1.0, new / items) if items else 1.0
        if items >= 3 and new == 0:
            listed = max(listed, REDUNDANT_EVIDENCE / MEMORY)
        return Rates(share * listed, listed, MEMORY)
    if not elapsed or elapsed <= 0:
        return rates
    fade = math.exp(-elapsed / MEMORY)
    window = rates.window * fade + elapsed
    return Rates(
        (rates.new * rates.window * fade + new) / window,
        (rates.fresh * rates.window * fade + fresh) / window,
        window,
    )


def _dated_rate(dates: Sequence[datetime]) -> float:
    """Items per second from the items' dates: their spacing, or the count of the last
    MEMORY seconds when there are too few to space."""
    stamps = sorted(d.timestamp() for d in dates)
    if len(stamps) >= 3 and stamps[-1] > stamps[0]:
        return (len(stamps) - 1) / (stamps[-1] - stamps[0])
    recent = [t for t in stamps if t >= time.time() - MEMORY]
    return len(recent) / MEMORY


def next_interval(
    rates: Rates,
    *,
    low: float,
    high: float,
    secondary: bool = False,
    rng: random.Random | None = None,
) -> float:
    """Seconds to the next poll: slow for a redundant feed, and for a `secondary` one
    (not its source's first) that brought next to nothing of its own; else the
    square-root law between the bounds; jittered."""
    own = (rates.new or 0.0) * (rates.window or 0.0)
    if rates.redundant or (secondary and own < SECONDARY_EVIDENCE):
        base = max(high, REDUNDANT_INTERVAL)
    elif not rates.new:
        base = high
    else:
        base = REFERENCE_INTERVAL * math.sqrt(REFERENCE_RATE / rates.new)
        base = min(high, max(low, base))
    return base * (1 + (rng or random).uniform(-JITTER, JITTER))


def backoff(interval: float, failures: int, retry_after: float | None) -> float:
    """Seconds to wait after the `failures`-th failure in a row (Retry-After wins)."""
    delay = min(BACKOFF_MAX, interval * 2.0 ** min(failures, 12))
    if retry_after is not None:
        delay = max(delay, min(retry_after, BACKOFF_MAX))
    return delay
