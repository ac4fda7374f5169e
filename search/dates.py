"""Dates in filters: ISO, relative (7d, 7 hari) and human dates ("1 Nov 2024", "kemarin")."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from search.errors import DATE_HELP, ZONE_HELP, QuerySyntaxError

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

# Bawaslu's dates are Western Indonesian Time (UTC+7): "since 2024-11-28" and the days
# of a trend are WIB days unless a query names another zone (WITA, WIT, UTC...).
DEFAULT_TIMEZONE = "Asia/Jakarta"
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# "7d", "24h", "2w" and their Indonesian words ("7 hari", "7hari"): exactly that long ago.
_AGO = re.compile(r"^(\d+)\s*(d|h|w|hari|jam|minggu)$")
_UNITS = {"h": 3600, "jam": 3600, "d": 86400, "hari": 86400, "w": 7 * 86400, "minggu": 7 * 86400}


def utc_offset(timezone: str) -> timedelta:
    """The offset from UTC of a time zone without daylight saving time (QuerySyntaxError
    otherwise): trends count days in it on both engines the same way."""
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise QuerySyntaxError(
            f"unknown time zone {timezone[:40]!r}: use an IANA name such as Asia/Jakarta "
            "(WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT) or UTC",
            f"zona waktu {timezone[:40]!r} tidak dikenal.",
            help=ZONE_HELP,
        ) from exc
    year = datetime.now(UTC).year
    january, july = (zone.utcoffset(datetime(year, m, 1)) for m in (1, 7))
    if january is None or january != july:
        raise QuerySyntaxError(
            f"time zone {timezone[:40]!r} has daylight saving time; use a fixed-offset zone "
            "such as Asia/Jakarta, Asia/Makassar, Asia/Jayapura or UTC",
            f"zona waktu {timezone[:40]!r} memakai waktu musim panas; pakai zona tetap.",
            help=ZONE_HELP,
        )
    return january


def parse_when(
    text: str,
    *,
    now: datetime | None = None,
    timezone: str = DEFAULT_TIMEZONE,
    whole_day: bool = False,
) -> datetime:
    """A date for filters, in UTC: ISO (`2024-11-28`, `...T10:00+07:00`), an age (`7d`,
    `24h`, `2w`, `7 hari`, `3 jam`) or a human date in Indonesian or English ("1 Nov
    2024", "1 November 2024", "28/11/2024", "kemarin", "hari ini", "November 2024").

    A date or time without an offset is read in `timezone` (WIB unless told): a Bawaslu
    office's "since 2024-11-28" starts at its midnight, not at 07:00 WIB. `whole_day`
    (an "until", which filters exclude) moves a date without a time to the start of the
    next day (or month, year: "until November 2024" keeps all of November)."""
    now = now or datetime.now(UTC)
    raw = " ".join(text.strip().lower().split())
    utc_offset(timezone)  # a clear error for an unknown or DST zone
    zone = ZoneInfo(timezone)
    try:
        ago = _AGO.match(raw)
        if ago:
            return now - timedelta(seconds=int(ago[1]) * _UNITS[ago[2]])
        try:
            value = datetime.fromisoformat(text.strip())
        except ValueError:
            return _human(text, now=now, zone=zone, whole_day=whole_day)
        if whole_day and _DATE_ONLY.match(text.strip()):
            value += timedelta(days=1)
        if value.tzinfo is None:
            value = value.replace(tzinfo=zone)
        # 0001-01-01 in WIB is before year 1 in UTC: OverflowError, not a 500
        return value.astimezone(UTC)
    except OverflowError as exc:
        raise QuerySyntaxError(
            f"date {text[:40]!r} is out of range",
            f"tanggal {text[:40]!r} di luar jangkauan.",
            help=DATE_HELP,
        ) from exc


def _human(text: str, *, now: datetime, zone: ZoneInfo, whole_day: bool) -> datetime:
    """A human date (dateparser), the start of its period unless it names a time."""
    local_now = now.astimezone(zone).replace(tzinfo=None)
    raw = " ".join(text.split())
    # a bare number is a year only with four digits ("99" is not taken for 1999)
    readable = len(raw) <= 60 and (not raw.isdigit() or len(raw) == 4)
    found = _parser(local_now).get_date_data(raw) if readable else None
    if found is None or found.date_obj is None:
        raise QuerySyntaxError(
            f"cannot read {raw[:40]!r} as a date: use YYYY-MM-DD, '1 Nov 2024', "
            "'kemarin', or 7d / 24h / 2w",
            f"{raw[:40]!r} tidak dapat dibaca sebagai tanggal.",
            help=DATE_HELP,
        )
    value, period = found.date_obj, found.period or "day"
    if value.tzinfo is not None:  # "10:00 WITA": the zone it names
        return value.astimezone(UTC)
    if period != "time":
        start = _period_start(value.date(), period)
        value = datetime.combine(_next(start, period) if whole_day else start, time())
    return value.replace(tzinfo=zone).astimezone(UTC)


def _period_start(day: date, period: str) -> date:
    if period == "month":
        return day.replace(day=1)
    if period == "year":
        return day.replace(month=1, day=1)
    return day


def _next(start: date, period: str) -> date:
    if period == "month":
        return (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    if period == "year":
        return start.replace(year=start.year + 1)
    return start + timedelta(days=1)  # a day, or the day an age in weeks points at


def _parser(base: datetime) -> DateDataParser:
    """dateparser made strict: day-month-year order, a year required in absolute dates
    (no guessing "1 Nov" is this year's), no timestamps or digit runs read as dates."""
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["id", "en"],
        settings={
            "DATE_ORDER": "DMY",
            "PREFER_DAY_OF_MONTH": "first",
            "PREFER_MONTH_OF_YEAR": "first",
            "REQUIRE_PARTS": ["year"],
            "PARSERS": ["relative-time", "absolute-time"],
            "RETURN_TIME_AS_PERIOD": True,
            "RELATIVE_BASE": base,
        },
    )
