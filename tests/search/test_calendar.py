"""The election calendar: stages of a period, a stage's dates, elections added as data."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from search.calendar import Calendar, CalendarError

MORE = """
elections:
  - key: pilkada2029
    name: Pilkada 2029 (contoh)
    source: contoh untuk uji
    stages:
      - {key: masa_tenang, label: Masa tenang, start: 2029-11-25, end: 2029-11-27}
"""


def test_pilkada_2024_stages_from_the_regulation():
    cal = Calendar.bundled()
    (election,) = cal.elections
    assert "PKPU Nomor 2 Tahun 2024" in election.source
    campaign = cal.stage("masa_kampanye").stage
    assert (campaign.start, campaign.end) == (date(2024, 9, 25), date(2024, 11, 23))
    assert cal.stage("pemungutan_suara").stage.start == date(2024, 11, 27)


@pytest.mark.parametrize(
    ("first", "last", "keys"),
    [
        (date(2024, 11, 25), date(2024, 11, 25), ["masa_tenang"]),
        (date(2024, 11, 23), date(2024, 11, 24), ["masa_kampanye", "masa_tenang"]),
        (date(2024, 11, 27), date(2024, 11, 27), ["pemungutan_suara", "rekapitulasi"]),
        (date(2024, 9, 24), date(2024, 9, 24), []),  # between two stages
        (date(2023, 1, 1), date(2023, 1, 7), []),
    ],
)
def test_which_stages_a_period_falls_in(first, last, keys):
    assert [s.stage.key for s in Calendar.bundled().stages_between(first, last)] == keys


def test_stage_span_is_local_midnight_to_midnight():
    stage = Calendar.bundled().stage("pilkada2024:masa_tenang").stage
    assert stage.span("Asia/Jakarta") == (
        datetime(2024, 11, 23, 17, tzinfo=UTC),
        datetime(2024, 11, 26, 17, tzinfo=UTC),
    )
    assert stage.span("Asia/Jayapura")[0] == datetime(2024, 11, 23, 15, tzinfo=UTC)


def test_an_election_added_as_data_wins_for_its_keys(tmp_path: Path):
    bundled = Path(__file__).resolve().parents[2] / "search" / "elections.yaml"
    path = tmp_path / "cal.yaml"
    path.write_text(bundled.read_text() + MORE.replace("elections:\n", ""))
    cal = Calendar.load(path)
    assert cal.stage("masa_tenang").election == "pilkada2029"
    assert cal.stage("pilkada2024:masa_tenang").stage.start == date(2024, 11, 24)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "elections: [{key: x, name: X, source: s, stages: "
            "[{key: a, label: A, start: 2024-01-02, end: 2024-01-01}]}]",
            "before start",
        ),
        (
            "elections: [{key: x, name: X, source: s, stages: "
            "[{key: a, label: A, start: 2024-01-01, end: 2024-01-01}, "
            "{key: a, label: B, start: 2024-01-03, end: 2024-01-04}]}]",
            "used twice",
        ),
        ("elections: [{key: x, name: X}]", "stages"),
        ("elections: [", "calendar"),
    ],
)
def test_bad_calendar_files_are_refused_with_the_reason(text, message):
    with pytest.raises(CalendarError, match=message):
        Calendar.parse(text)


def test_unknown_stage_lists_the_known_ones():
    with pytest.raises(CalendarError, match="pilkada2024:masa_tenang"):
        Calendar.bundled().stage("masa_sunyi")
