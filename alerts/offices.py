"""Routing by region: a Kemendagri code -> the Bawaslu offices responsible for it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from store.offices import NATIONAL_NAME, office_name

NATIONAL_OFFICE = NATIONAL_NAME
_LEVELS = ("provinsi", "kabupaten", "kota")


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    level: str


class OfficeDirectory:
    """Offices by region: Bawaslu Kabupaten/Kota for its area, then its Bawaslu Provinsi.

    A kecamatan or kelurahan rolls up to its kabupaten/kota (Panwaslu Kecamatan are
    ad hoc bodies supervised by that office). An article without a region goes to the
    national office, so a rule routed by region never routes nowhere.
    """

    def __init__(self, places: dict[str, Place]) -> None:
        self.places = places

    @classmethod
    def bundled(cls) -> OfficeDirectory:
        return _bundled()

    def office_of(self, code: str) -> str | None:
        place = self.places.get(code)
        return None if place is None else office_name(place.level, place.name)

    def route(self, code: str | None) -> list[str]:
        """Most specific office first: ["Bawaslu Kota Jakarta Utara", "Bawaslu Provinsi DKI
        Jakarta"] for 31.72 (and for its kecamatan 31.72.01)."""
        if not code:
            return [NATIONAL_OFFICE]
        parts = code.split(".")
        offices = [self.office_of(".".join(parts[:n])) for n in (min(len(parts), 2), 1)]
        found = list(dict.fromkeys(o for o in offices if o))
        return found or [NATIONAL_OFFICE]


@lru_cache(maxsize=1)
def _bundled() -> OfficeDirectory:
    """Provinces and kabupaten/kota from the NLP's place gazetteer (one source of codes)."""
    text = resources.files("nlp.data").joinpath("places.jsonl").read_text(encoding="utf-8")
    places: dict[str, Place] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row["level"] in _LEVELS:
            places[row["code"]] = Place(row["code"], row["name"], row["level"])
    return OfficeDirectory(places)
