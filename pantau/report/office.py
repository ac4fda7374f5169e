"""A Bawaslu office for a report: its region (Kemendagri code) and its time zone."""

from __future__ import annotations

from dataclasses import dataclass

from alerts.offices import NATIONAL_OFFICE, OfficeDirectory

WIB, WITA, WIT = "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"
ZONE_NAMES = {WIB: "WIB", WITA: "WITA", WIT: "WIT"}
# Provinces by their Kemendagri code: Bali, Nusa Tenggara, South, East and North
# Kalimantan and Sulawesi keep Central Indonesian Time; Maluku and Papua Eastern.
_WITA = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
_WIT = {"81", "82", "91", "92", "93", "94", "95", "96"}


class OfficeError(ValueError):
    """No Bawaslu office has this name; the message names close matches."""


@dataclass(frozen=True)
class Office:
    name: str  # "Bawaslu Kota Jakarta Utara"
    region_code: str | None  # "31.72"; None for Bawaslu RI (the whole country)
    region_name: str  # "Jakarta Utara" / "Indonesia"
    level: str  # provinsi | kabupaten | kota | nasional
    timezone: str  # IANA name of the office's local time

    @property
    def zone_name(self) -> str:
        return ZONE_NAMES.get(self.timezone, self.timezone)


def timezone_of(code: str | None) -> str:
    """The local time of a region: by its province (the first part of the code)."""
    province = (code or "").split(".", 1)[0]
    return WITA if province in _WITA else WIT if province in _WIT else WIB


def find_office(name: str, directory: OfficeDirectory | None = None) -> Office:
    """The office called `name` (case and spacing do not matter)."""
    wanted = " ".join(name.split()).casefold()
    if wanted == NATIONAL_OFFICE.casefold():
        return Office(NATIONAL_OFFICE, None, "Indonesia", "nasional", WIB)
    directory = directory or OfficeDirectory.bundled()
    for code, place in directory.places.items():
        office = directory.office_of(code)
        if office and office.casefold() == wanted:
            return Office(office, code, place.name, place.level, timezone_of(code))
    words = wanted.replace("bawaslu", "").split()
    close = sorted(
        o
        for code in directory.places
        if (o := directory.office_of(code)) and words and all(w in o.casefold() for w in words)
    )
    hint = f" Mungkin: {', '.join(close[:5])}." if close else ""
    raise OfficeError(f"Kantor Bawaslu {name[:80]!r} tidak dikenal.{hint}")
