"""Routing: a region code -> its Bawaslu Kabupaten/Kota and Bawaslu Provinsi."""

from __future__ import annotations

import pytest

from alerts.offices import NATIONAL_OFFICE, OfficeDirectory


@pytest.mark.parametrize(
    ("code", "offices"),
    [
        ("31.72", ["Bawaslu Kota Jakarta Utara", "Bawaslu Provinsi DKI Jakarta"]),
        ("31.72.01", ["Bawaslu Kota Jakarta Utara", "Bawaslu Provinsi DKI Jakarta"]),
        ("32.01", ["Bawaslu Kabupaten Bogor", "Bawaslu Provinsi Jawa Barat"]),
        ("31", ["Bawaslu Provinsi DKI Jakarta"]),
        (None, [NATIONAL_OFFICE]),
        ("99.99", [NATIONAL_OFFICE]),
    ],
)
def test_route_by_region(code: str | None, offices: list[str]) -> None:
    assert OfficeDirectory.bundled().route(code) == offices
