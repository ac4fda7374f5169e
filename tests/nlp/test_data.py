"""Integrity of the shipped gazetteers: codes, parents, unique aliases."""

from __future__ import annotations

from collections import Counter

import pytest

from nlp.component import read_data
from nlp.places import parent

PLACES = read_data("places.jsonl")
AGENCIES = read_data("agencies.jsonl")
BY_CODE = {r["code"]: r for r in PLACES}


@pytest.mark.parametrize(
    ("code", "name", "level"),
    [
        ("31", "DKI Jakarta", "provinsi"),
        ("31.01", "Kepulauan Seribu", "kabupaten"),
        ("31.71", "Jakarta Pusat", "kota"),
        ("31.72", "Jakarta Utara", "kota"),
        ("31.73", "Jakarta Barat", "kota"),
        ("31.74", "Jakarta Selatan", "kota"),
        ("31.75", "Jakarta Timur", "kota"),
        ("32", "Jawa Barat", "provinsi"),
        ("32.73", "Bandung", "kota"),
    ],
)
def test_known_codes(code, name, level):
    assert (BY_CODE[code]["name"], BY_CODE[code]["level"]) == (name, level)


def test_counts():
    levels = Counter(r["level"] for r in PLACES)
    assert levels["provinsi"] == 38
    assert levels["kabupaten"] + levels["kota"] == 514
    assert sum(1 for r in PLACES if r["code"].startswith("31.") and r["level"] == "kecamatan") == 44


def test_every_province_has_a_capital():
    capitals = {r["capital_of"] for r in PLACES if "capital_of" in r}
    # DKI Jakarta is itself the city: no separate capital entry
    assert capitals | {"31"} == {r["code"] for r in PLACES if r["level"] == "provinsi"}


def test_regencies_have_their_province():
    for r in PLACES:
        if r["level"] in ("kabupaten", "kota"):
            assert parent(r["code"]) in BY_CODE


@pytest.mark.parametrize("records", [PLACES, AGENCIES], ids=["places", "agencies"])
def test_aliases_are_unique(records):
    counts = Counter(a for r in records for a in r["aliases"])
    assert [a for a, n in counts.items() if n > 1] == []


def test_agency_ids_are_unique():
    ids = [r["id"] for r in AGENCIES]
    assert len(ids) == len(set(ids))
