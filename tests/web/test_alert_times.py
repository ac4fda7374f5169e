"""Alert cards tell time in the office's own zone, and how long an alert has waited."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi.testclient import TestClient

from alerts.records import StoredAlert
from alerts.stage import AlertStage
from pantau.config import Settings
from pantau.web.alert_pages import zone_of
from pantau.web.view import age, wib
from pantau.wiring import build_alert_rules, build_alert_store
from pipeline.events import Region
from tests.alerts.conftest import story
from tests.conftest import enriched
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


BALI = (
    "Bawaslu Kota Denpasar memeriksa seorang kepala dinas yang menghadiri deklarasi "
    "dukungan kepada pasangan calon wali kota. Pegawai negeri sipil wajib menjaga "
    "netralitas selama tahapan pemilihan berlangsung."
)


def _fire_in_bali(settings: Settings) -> str:
    """An ASN alert in Kota Denpasar (WITA) beside the fixture's Jakarta Utara one (WIB)."""
    raw = story(9, "Kepala dinas di Denpasar diperiksa soal netralitas", BALI, host="www.bp.id")
    doc = enriched(raw, topics={"netralitas_asn": 0.9})
    doc = doc.model_copy(update={"region": Region(code="51.71", name="Denpasar", level="kota")})
    store = build_alert_store(settings)
    try:
        AlertStage(build_alert_rules(settings), store).process([doc])
        [bali] = [i for i in store.feed(limit=10) if (i.region or {}).get("code") == "51.71"]
    finally:
        store.close()
    return bali.alert.id


def _footer(page: str) -> str:
    return page.split("<footer>")[1].split("</footer>")[0]


def test_alert_pages_footer_names_the_zone_their_times_are_in(
    settings: Settings, client: TestClient
) -> None:
    from tests.web.conftest import csrf_of

    bali = _fire_in_bali(settings)
    page = client.get(f"/alerts/{bali}").text
    assert "WITA" in page.split("<footer>")[0]  # the times of the page
    assert _footer(page).endswith("waktu dalam WITA")
    assert _footer(client.get(f"/alerts/{bali}/berkas").text).endswith("waktu dalam WITA")
    feed = _footer(client.get("/alerts").text)
    assert "zona kantor tiap peringatan (WIB, WITA)" in feed and "saringan dalam WIB" in feed
    jakarta = _footer(client.get("/alerts", params={"office": "Bawaslu Kota Jakarta Utara"}).text)
    assert jakarta.endswith("waktu dalam WIB")
    # the due date is the end of that day where the office is, shown as that day again
    form = {"csrf_token": csrf_of(client.get(f"/alerts/{bali}")), "version": "1"}
    done = client.post(f"/alerts/{bali}/triage", data={**form, "due": "2026-12-20"})
    assert done.status_code == 200  # after the redirect
    assert "20 Des 2026 23:59 WITA" in done.text and 'value="2026-12-20"' in done.text
