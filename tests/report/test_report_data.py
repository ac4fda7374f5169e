"""What a report finds for an office and period: counts, alerts, stories, people, stages."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from alerts.store import AlertStore
from pantau.report.office import OfficeError, find_office
from pantau.report.period import Period
from pantau.report.reading import AlertReader
from pantau.report.service import make_report
from search.backend import SearchBackend
from tests.report.fixtures import OFFICE

DAY = date(2024, 11, 25)


def test_daily_counts_cover_the_office_region_in_its_time_zone(backend, store):
    r = make_report(backend, store, OFFICE, "daily", DAY)
    # items 1-6: a kecamatan (31.72.01) lies beneath the city; 00:30 WIB on the 26th
    # (still the 25th in UTC) and Jakarta Pusat are left out
    assert r.current.articles == 6
    assert r.current.outlets == 5
    assert r.previous.articles == 2 and r.previous_label == "Minggu, 24 November 2024"
    assert r.story_count == 4  # the lurah story and its two copies count once
    assert r.office.zone_name == "WIB" and r.period.label == "Senin, 25 November 2024"
    assert r.period.since == datetime(2024, 11, 24, 17, tzinfo=UTC)


def test_alert_of_the_period_with_status_and_evidence(backend, store):
    r = make_report(backend, store, OFFICE, "daily", DAY)
    assert r.current.alerts == 1 and r.previous.alerts == 0
    (alert,) = r.alerts
    stored = store.get(alert.id)
    assert stored is not None
    # severity is the stored alert's (the rule's, lowered when the evidence is weak)
    assert alert.severity == stored.alert.severity and alert.status == "menunggu"
    assert alert.copies == 2
    assert "netralitas ASN" in alert.evidence[0]
    assert r.current.alerts_by_status == {"menunggu": 1}


def test_top_story_folds_copies_and_is_marked_alerted(backend, store):
    r = make_report(backend, store, OFFICE, "daily", DAY)
    top = r.stories[0]
    assert top.alerted
    # led by the first publisher, the copies after it in the order they appeared
    assert top.source == "antara" and top.title.startswith("Lurah di Jakarta Utara")
    assert [c.source for c in top.also_published_by] == ["detik", "kompas"]
    assert [s.alerted for s in r.stories[1:]] == [False] * (len(r.stories) - 1)
    assert "<mark>" not in top.snippet and top.snippet.startswith("Bawaslu")


def test_people_counted_per_article_with_roles_titles_topics(backend, store):
    r = make_report(backend, store, OFFICE, "daily", DAY)
    people = {p.name: p for p in r.people}
    assert people["Andika Pratama"].articles == 3 and people["Andika Pratama"].role == "candidate"
    assert dict(people["Andika Pratama"].topics) == {"netralitas_asn": 2, "politik_uang": 1}
    assert people["Hendra Wijaya"].articles == 3
    assert people["Hendra Wijaya"].title == "Lurah Kamal Muara"
    assert [p.name for p in r.people][-1] == "Ali Maulana Hakim"
    wali = people["Ali Maulana Hakim"]
    assert wali.articles == 2 and wali.role == "official"
    assert dict(wali.topics) == {"apk": 1, "kampanye": 1, "logistik": 1}


def test_stage_and_chart_series_of_a_daily_report(backend, store):
    r = make_report(backend, store, OFFICE, "daily", DAY)
    assert [s.key for s in r.stages] == ["masa_tenang"]
    assert r.chart_days[0] == date(2024, 11, 19) and r.chart_days[-1] == DAY
    topics = {s.name: s for s in r.by_topic}
    assert topics["netralitas_asn"].highlight
    assert topics["netralitas_asn"].counts == [1, 0, 0, 0, 0, 0, 3]
    assert topics["netralitas_tni_polri"].counts[5] == 1
    sources = {s.name: s.counts for s in r.by_source}
    assert sum(sum(c) for c in sources.values()) == 10  # every article of the 7 days, once


def test_weekly_report_is_monday_to_sunday(backend, store):
    r = make_report(backend, store, OFFICE, "weekly", date(2024, 11, 27))
    assert (r.period.first, r.period.last) == (date(2024, 11, 25), date(2024, 12, 1))
    assert r.current.articles == 7  # the 26th's article joins
    assert r.previous.articles == 4
    assert {s.key for s in r.stages} >= {"masa_tenang", "pemungutan_suara", "rekapitulasi"}


def test_province_report_includes_its_cities(backend, store):
    r = make_report(backend, store, "Bawaslu Provinsi DKI Jakarta", "daily", DAY)
    assert r.current.articles == 7  # Jakarta Pusat too
    # the ASN alert, routed to the province as well, and the built-in masa tenang rule's
    # alert on campaign material reported on 25 November (item 4)
    assert r.current.alerts == 2
    assert {a.rule_name for a in r.alerts} == {"Netralitas ASN", "Kampanye di masa tenang"}


def test_empty_period(backend, store):
    r = make_report(backend, store, OFFICE, "daily", date(2024, 10, 1))
    assert r.empty and r.stories == [] and r.alerts == [] and r.people == []
    assert [s.key for s in r.stages] == ["masa_kampanye"]


def test_default_day_is_yesterday_in_the_office_zone(backend: SearchBackend, store: AlertStore):
    now = datetime(2024, 11, 25, 18, tzinfo=UTC)  # 26 Nov 01:00 WIB
    r = make_report(backend, store, OFFICE, "daily", now=now)
    assert r.period.first == DAY


@pytest.mark.parametrize(
    ("name", "zone", "code"),
    [
        ("bawaslu  kota makassar", "WITA", "73.71"),
        ("Bawaslu Provinsi Papua", "WIT", "91"),
        ("Bawaslu Republik Indonesia", "WIB", None),
    ],
)
def test_offices_and_their_time_zones(name, zone, code):
    office = find_office(name)
    assert office.zone_name == zone and office.region_code == code


def test_unknown_office_names_close_matches():
    with pytest.raises(OfficeError, match="Bawaslu Kota Jakarta Utara"):
        find_office("Bawaslu Jakarta Utara")


def test_wita_day_starts_at_local_midnight():
    p = Period.of("daily", DAY, "Asia/Makassar")
    assert p.since == datetime(2024, 11, 24, 16, tzinfo=UTC)
    assert p.until == datetime(2024, 11, 25, 16, tzinfo=UTC)
    assert p.previous().first == date(2024, 11, 24)


def test_alert_reader_says_when_the_feed_limit_cut_it_short(backend, store):
    office = find_office(OFFICE)
    period = Period.of("daily", DAY, office.timezone)
    reader = AlertReader(backend, store, limit=1)
    assert len(reader.of(office, period)) == 1 and reader.truncated
    whole = AlertReader(backend, store)
    assert len(whole.of(office, period)) == 1 and not whole.truncated
    # an alert fired before the period began ends the reading: nothing older can belong
    later = Period.of("daily", date(2099, 1, 1), office.timezone)
    assert whole.of(office, later) == [] and not whole.truncated


def test_calendar_from_settings_and_a_clear_error_for_a_bad_file(tmp_path, backend, store):
    from pantau.config import ReportSettings, Settings
    from pantau.wiring import SetupError, install_calendar

    own = tmp_path / "cal.yaml"
    own.write_text(
        "elections:\n  - key: pilkada2024\n    name: Uji\n    source: uji\n    stages:\n"
        "      - {key: hari_uji, label: Hari uji, start: 2024-11-25, end: 2024-11-25}\n"
    )
    # PANTAU_REPORTS__CALENDAR, the setting's old name: installed for every reader
    install_calendar(Settings(data_dir=tmp_path, reports=ReportSettings(calendar=own)))
    r = make_report(backend, store, OFFICE, "daily", DAY)
    assert [s.label for s in r.stages] == ["Hari uji"]
    own.write_text("elections: [")
    with pytest.raises(SetupError, match=r"cal\.yaml"):
        install_calendar(Settings(data_dir=tmp_path, calendar=own))


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2024, 11, 20), "18-24 November 2024"),
        (date(2024, 11, 27), "25 November - 1 Desember 2024"),
        (date(2024, 12, 31), "30 Desember 2024 - 5 Januari 2025"),
    ],
)
def test_weekly_period_labels(day, label):
    assert Period.of("weekly", day, "Asia/Jakarta").label == label


def test_topics_against_the_previous_period(backend, store):
    r = make_report(backend, store, OFFICE, "daily", DAY)
    rows = {name: (now, before) for name, now, before in r.topic_rows}
    assert rows["netralitas_asn"] == (3, 0)
    assert rows["netralitas_tni_polri"] == (0, 1)
    assert rows["pengawasan_tps"] == (0, 1)
    assert r.topic_rows[0][0] == "netralitas_asn"  # the most covered first
