"""The period a report covers: a day or a Monday-to-Sunday week in the office's time zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

Kind = Literal["daily", "weekly"]
KINDS: tuple[Kind, ...] = ("daily", "weekly")
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def long_date(day: date, *, weekday: bool = True) -> str:
    """'Senin, 25 November 2024'."""
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{DAYS[day.weekday()]}, {text}" if weekday else text


@dataclass(frozen=True)
class Period:
    """Days `first`..`last` (inclusive) in `timezone`."""

    kind: Kind
    first: date
    timezone: str

    @classmethod
    def of(cls, kind: Kind, day: date, timezone: str) -> Period:
        """The day itself, or the Monday-to-Sunday week that holds it."""
        start = day - timedelta(days=day.weekday()) if kind == "weekly" else day
        return cls(kind, start, timezone)

    @property
    def length(self) -> int:
        return 7 if self.kind == "weekly" else 1

    @property
    def last(self) -> date:
        return self.first + timedelta(days=self.length - 1)

    @property
    def days(self) -> list[date]:
        return [self.first + timedelta(days=i) for i in range(self.length)]

    @property
    def since(self) -> datetime:
        """The first moment, in UTC (local midnight of the first day)."""
        return _midnight(self.first, self.timezone)

    @property
    def until(self) -> datetime:
        """The end, exclusive, in UTC (local midnight after the last day)."""
        return _midnight(self.last + timedelta(days=1), self.timezone)

    def previous(self) -> Period:
        return Period(self.kind, self.first - timedelta(days=self.length), self.timezone)

    def next(self) -> Period:
        return Period(self.kind, self.first + timedelta(days=self.length), self.timezone)

    def contains(self, moment: datetime) -> bool:
        return self.since <= moment.astimezone(UTC) < self.until

    @property
    def label(self) -> str:
        """'Senin, 25 November 2024', '18-24 November 2024', '25 November - 1 Desember 2024'."""
        if self.kind == "daily":
            return long_date(self.first)
        last = long_date(self.last, weekday=False)
        if (self.first.year, self.first.month) == (self.last.year, self.last.month):
            return f"{self.first.day}-{last}"  # 18-24 November 2024
        first = f"{self.first.day} {MONTHS[self.first.month - 1]}"
        if self.first.year != self.last.year:
            first += f" {self.first.year}"
        return f"{first} - {last}"

    @property
    def title(self) -> str:
        return "Kliping berita harian" if self.kind == "daily" else "Laporan mingguan"


def _midnight(day: date, timezone: str) -> datetime:
    return datetime.combine(day, time(), ZoneInfo(timezone)).astimezone(UTC)
