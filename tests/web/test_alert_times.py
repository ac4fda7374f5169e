"""Alert cards tell time in the office's own zone, and how long an alert has waited."""

from __future__ import annotations

from datetime import UTC, datetime

from alerts.records import StoredAlert
from pantau.web.alert_pages import zone_of
from pantau.web.view import age, wib
from tests.store.alerting import drafts

NOON_UTC = datetime(2026, 12, 6, 5, 0, tzinfo=UTC)


def _item(code: str) -> StoredAlert:
    [d] = drafts("r", "a1", code=code)("g1")
    return StoredAlert(d.alert, d.rule_name, d.offices, d.region)


def test_published_time_in_the_offices_zone() -> None:
    assert zone_of(_item("31.72")) == "WIB" and zone_of(_item("51.71")) == "WITA"
    assert wib(NOON_UTC, zone="WIB") == "6 Des 2026 12:00 WIB"
    assert wib(NOON_UTC, zone="WITA") == "6 Des 2026 13:00 WITA"
    assert wib(NOON_UTC, zone="WIT") == "6 Des 2026 14:00 WIT"


def test_age_in_words() -> None:
    start = NOON_UTC.timestamp()
    assert age(start, now=start + 30) == "baru saja"
    assert age(start, now=start + 5 * 60) == "5 menit"
    assert age(start, now=start + 3 * 3600 + 59) == "3 jam"
    assert age(NOON_UTC, now=start + 2 * 86400) == "2 hari"
