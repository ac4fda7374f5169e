"""Parse the date strings Indonesian news sites print into timezone-aware UTC datetimes."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

# Local zones as printed on Indonesian pages; "WIT" must be matched after "WITA".
ZONE_OFFSETS: dict[str, int] = {"wib": 7, "wita": 8, "wit": 9}

_MONTHS: dict[str, int] = {
    "januari": 1, "februari": 2, "pebruari": 2, "maret": 3, "april": 4, "mei": 5,
    "juni": 6, "juli": 7, "agustus": 8, "september": 9, "oktober": 10,
    "nopember": 11, "november": 11, "desember": 12,
    # English names appear in RFC-822 feeds and in some English editions.
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
    "august": 8, "october": 10, "december": 12,
}  # fmt: skip
_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "peb": 2, "mar": 3, "apr": 4, "mei": 5, "may": 5, "jun": 6,
    "jul": 7, "agu": 8, "ags": 8, "agt": 8, "aug": 8, "sep": 9, "sept": 9, "okt": 10,
    "oct": 10, "nov": 11, "nop": 11, "des": 12, "dec": 12,
}  # fmt: skip

_ISO = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)
_NAMED_DATE = re.compile(r"\b(\d{1,2})\s+([a-z]{3,9})\.?,?\s+(\d{4})\b")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/-](\d{1,2})[/-](\d{4})\b")
_YEAR_FIRST = re.compile(r"\b(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})\b")
_MONTH_FIRST = re.compile(r"\b([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b")
_TIME = re.compile(r"(?<![\d/.:-])(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?![\d/-])")
_ZONE = re.compile(
    r"\b(wita|wib|wit)\b|(?:gmt|utc)?\s*([+-])(\d{1,2}):?(\d{2})?\b|\b(z|gmt|utc|ut)\b"
)


def month_number(name: str) -> int | None:
    """Month number for an Indonesian or English month name or abbreviation."""
    token = name.lower().rstrip(".")
    if token in _MONTHS:
        return _MONTHS[token]
    if token in _ABBREVIATIONS:
        return _ABBREVIATIONS[token]
    return None


def _tz(match: re.Match[str] | None, default_offset_hours: int) -> timezone:
    if match is None:
        return timezone(timedelta(hours=default_offset_hours))
    local, sign, hours, minutes, utc = match.groups()
    if local:
        return timezone(timedelta(hours=ZONE_OFFSETS[local]))
    if utc:
        return UTC
    delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
    return timezone(-delta if sign == "-" else delta)


def _parse_iso(text: str, default_offset_hours: int) -> datetime | None:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone(timedelta(hours=default_offset_hours)))
    return value.astimezone(UTC)


def _find_date(text: str) -> tuple[int, int, int, int] | None:
    """(year, month, day, end offset) of the first date in `text`."""
    for match in _NAMED_DATE.finditer(text):
        month = month_number(match.group(2))
        if month is not None:
            return int(match.group(3)), month, int(match.group(1)), match.end()
    numeric = _NUMERIC_DATE.search(text)
    if numeric is not None:
        # Indonesian order is day/month/year.
        day, month, year = (int(g) for g in numeric.groups())
        return year, month, day, numeric.end()
    year_first = _YEAR_FIRST.search(text)  # "2024/11/27 17:02:00" (detik's meta)
    if year_first is not None:
        year, month, day = (int(g) for g in year_first.groups())
        return year, month, day, year_first.end()
    for match in _MONTH_FIRST.finditer(text):  # "November 27, 2024"
        month = month_number(match.group(1))
        if month is not None:
            return int(match.group(3)), month, int(match.group(2)), match.end()
    return None


def parse_indonesian_datetime(text: str, *, default_offset_hours: int = 7) -> datetime | None:
    """Parse a date as Indonesian sites print it; return it in UTC, or None.

    Understands "Kamis, 28 November 2024 14:30 WIB", "Rabu, 27 Nov 2024 17:02 WIB",
    "27/11/2024, 20:11 WIB", "JUMAT, 04 OKTOBER 2024 | 01:27 WIB", "... pukul 13.00 WITA",
    RFC-822 ("Thu, 28 Nov 2024 13:27:46 +0700") and ISO 8601. A time without a zone is
    taken as `default_offset_hours` (WIB); a date without a time as local midnight. Text
    with no calendar date (only "pukul 13.00 WIB" or "2 jam lalu") gives None.
    """
    cleaned = " ".join(text.replace("\u00a0", " ").split())
    if not cleaned:
        return None
    if _ISO.match(cleaned):
        return _parse_iso(cleaned, default_offset_hours)
    lowered = cleaned.lower()
    found = _find_date(lowered)
    if found is None:
        return None
    year, month, day, end = found
    rest = lowered[end:]
    hour = minute = second = 0
    time_match = _TIME.search(rest)
    if time_match is not None:
        hour, minute = int(time_match.group(1)), int(time_match.group(2))
        second = int(time_match.group(3) or 0)
        rest = rest[time_match.end() :]
    tz = _tz(_ZONE.search(rest), default_offset_hours)
    try:
        local = datetime(year, month, day, hour, minute, second, tzinfo=tz)
    except ValueError:
        return None
    return local.astimezone(UTC)
