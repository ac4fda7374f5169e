"""When a digest goes out: at the end of the hour, or of the day in WIB (UTC+7)."""

from __future__ import annotations

import math

HOUR = 3600.0
DAY = 24 * HOUR
# Daily digests close at midnight in Jakarta, where most offices read them in the morning;
# times stay UTC everywhere else.
WIB_OFFSET = 7 * HOUR


def period_end(mode: str, now: float) -> float:
    """The first moment a delivery in `mode` may be sent (now, unless it is a digest)."""
    if mode == "hourly":
        return (math.floor(now / HOUR) + 1) * HOUR
    if mode == "daily":
        return (math.floor((now + WIB_OFFSET) / DAY) + 1) * DAY - WIB_OFFSET
    return now
