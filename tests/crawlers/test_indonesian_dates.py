"""Indonesian date strings -> UTC datetimes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crawlers.dates import month_number, parse_indonesian_datetime


def utc(year: int, month: int, day: int, *hms: int) -> datetime:
    hour, minute, second, micro = (*hms, 0, 0, 0, 0)[:4]
    return datetime(year, month, day, hour, minute, second, micro, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ANTARA current design
        ("Kamis, 28 November 2024 14:30 WIB", utc(2024, 11, 28, 7, 30)),
        # detik
        ("Rabu, 27 Nov 2024 17:02 WIB", utc(2024, 11, 27, 10, 2)),
        # kompas, with and without the outlet prefix
        ("27/11/2024, 20:11 WIB", utc(2024, 11, 27, 13, 11)),
        ("Kompas.com - 27/11/2024, 20:11 WIB", utc(2024, 11, 27, 13, 11)),
        # rmol header in capitals, with the reporter after the time
        ("JUMAT, 04 OKTOBER 2024 | 01:27 WIB | LAPORAN: BUDI SANTOSO", utc(2024, 10, 3, 18, 27)),
        ("Jum'at, 04 Oktober 2024 01:27 WIB", utc(2024, 10, 3, 18, 27)),
        # "pukul" with a dot, in central and eastern Indonesian time
        ("Rabu, 27 November 2024 pukul 13.00 WITA", utc(2024, 11, 27, 5, 0)),
        ("27 November 2024 pukul 13.00 WIT", utc(2024, 11, 27, 4, 0)),
        ("Selasa (12/11/2024) pukul 09.15 WITA", utc(2024, 11, 12, 1, 15)),
        # abbreviations that differ from English
        ("17 Agu 2024 08:00 WIB", utc(2024, 8, 17, 1, 0)),
        ("17 Ags 2024 08:00 WIB", utc(2024, 8, 17, 1, 0)),
        ("1 Mei 2024 10:00 WIB", utc(2024, 5, 1, 3, 0)),
        ("5 Okt 2024 10:00 WIB", utc(2024, 10, 5, 3, 0)),
        ("24 Des 2024 23:30 WIB", utc(2024, 12, 24, 16, 30)),
        ("24 Des. 2024 23:30 WIB", utc(2024, 12, 24, 16, 30)),
        ("Minggu, 1 September 2024 00:15 WIB", utc(2024, 8, 31, 17, 15)),
        # RFC-822 from RSS
        ("Thu, 28 Nov 2024 13:27:46 +0700", utc(2024, 11, 28, 6, 27, 46)),
        ("Thu, 28 Nov 2024 06:27:46 GMT", utc(2024, 11, 28, 6, 27, 46)),
        ("Sat, 30 Nov 2024 16:45:00 +0800", utc(2024, 11, 30, 8, 45)),
        # ISO 8601 as in JSON-LD and meta tags
        ("2024-11-28T14:30:00+07:00", utc(2024, 11, 28, 7, 30)),
        ("2024-11-28T15:30:00+08:00", utc(2024, 11, 28, 7, 30)),
        ("2024-11-28T07:30:00Z", utc(2024, 11, 28, 7, 30)),
        ("2024-11-28T07:30:00.123+00:00", utc(2024, 11, 28, 7, 30, 0, 123000)),
        # no zone: WIB, the default of Indonesian outlets
        ("2024-11-28 14:30:00", utc(2024, 11, 28, 7, 30)),
        ("28 November 2024 14:30", utc(2024, 11, 28, 7, 30)),
        # date only: local midnight
        ("28 November 2024", utc(2024, 11, 27, 17, 0)),
        # non-breaking spaces and stray whitespace from HTML
        ("\u00a0Kamis,\u00a028 November 2024\n 14:30\tWIB ", utc(2024, 11, 28, 7, 30)),
    ],
)
def test_parses_to_utc(text: str, expected: datetime) -> None:
    parsed = parse_indonesian_datetime(text)
    assert parsed == expected
    assert parsed is not None and parsed.utcoffset() is not None
    assert parsed.tzinfo == UTC


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "pukul 13.00 WITA",  # a time but no calendar date
        "2 jam lalu",  # relative times on listings
        "Kamis",
        "31 Februari 2024 10:00 WIB",  # no such day
        "28 Nopembre 2024",  # misspelt month
        "Baca 3 menit",
    ],
)
def test_returns_none_without_a_usable_date(text: str) -> None:
    assert parse_indonesian_datetime(text) is None


def test_default_offset_applies_only_without_a_zone() -> None:
    assert parse_indonesian_datetime("28 November 2024 14:30", default_offset_hours=8) == utc(
        2024, 11, 28, 6, 30
    )
    assert parse_indonesian_datetime("28 November 2024 14:30 WIB", default_offset_hours=8) == utc(
        2024, 11, 28, 7, 30
    )


@pytest.mark.parametrize(
    ("name", "number"),
    [("Januari", 1), ("Pebruari", 2), ("Mei", 5), ("Agustus", 8), ("Agu", 8), ("Ags", 8),
     ("Sept", 9), ("Okt", 10), ("Nopember", 11), ("Des", 12), ("DESEMBER", 12), ("May", 5),
     ("desa", None), ("jam", None)],
)  # fmt: skip
def test_month_names_and_abbreviations(name: str, number: int | None) -> None:
    assert month_number(name) == number
