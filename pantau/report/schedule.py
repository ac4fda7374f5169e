"""When reports fall due: the daily one at 07:00 local time the next day, the weekly one at
07:00 on the Monday after its week; after a pause, the missed periods since the last mark.
Pure functions of the clock, so tests move time by hand."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pantau.report.period import Kind


def latest_due(kind: Kind, timezone: str, now: datetime, *, hour: int = 7) -> date:
    """The first day of the newest period whose report is due at `now`."""
    local = now.astimezone(ZoneInfo(timezone))
    before_hour = local.time() < time(hour)
    if kind == "daily":
        return local.date() - timedelta(days=2 if before_hour else 1)
    monday = local.date() - timedelta(days=local.weekday())
    on_monday_early = local.weekday() == 0 and before_hour
    return monday - timedelta(days=14 if on_monday_early else 7)


def due_periods(
    kind: Kind,
    timezone: str,
    now: datetime,
    last_sent: date | None,
    *,
    hour: int = 7,
    catch_up: int = 3,
) -> list[date]:
    """Periods to send now, oldest first: those after `last_sent` (the mark of the last
    period sent) up to the newest due one, at most `catch_up` of the newest; without a
    mark (a new subscription), only the newest."""
    latest = latest_due(kind, timezone, now, hour=hour)
    if last_sent is None:
        return [latest]
    step = timedelta(days=7 if kind == "weekly" else 1)
    periods: list[date] = []
    day = latest
    while day > last_sent and len(periods) < catch_up:
        periods.append(day)
        day -= step
    return sorted(periods)
