"""The form's time choices: election stages, date shortcuts and the zone of dates and times."""

from __future__ import annotations

from datetime import date

from pantau.web.view import MONTHS, Params, link
from search.calendar import Calendar, Stage

DATE_PARAMS = ("since", "until", "during")
# The zones an Indonesian office works in; the value is what `tz=` takes.
ZONE_CHOICES = (("Asia/Jakarta", "WIB"), ("Asia/Makassar", "WITA"), ("Asia/Jayapura", "WIT"))
ZONE_NAMES = dict(ZONE_CHOICES)
# Shortcuts: what a click sets in place of the dates and stage given (dates stay words,
# so a bookmarked "7 hari" keeps meaning the last seven days).
SHORTCUTS: tuple[tuple[str, Params], ...] = (
    ("hari ini", [("since", "hari ini")]),
    ("kemarin", [("since", "kemarin"), ("until", "kemarin")]),
    ("7 hari terakhir", [("since", "7 hari")]),
    ("30 hari terakhir", [("since", "30 hari")]),
    ("bulan ini", [("since", "bulan ini")]),
    ("masa kampanye", [("during", "masa_kampanye")]),
    ("masa tenang", [("during", "masa_tenang")]),
)


def zone_name(timezone: str) -> str:
    """WIB, WITA, WIT, or the zone's own name (UTC)."""
    return ZONE_NAMES.get(timezone, timezone)


def _day(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _days(stage: Stage) -> str:
    if stage.start == stage.end:
        return _day(stage.start)
    return f"{_day(stage.start)} – {_day(stage.end)}"


def stage_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """The select's option groups: (election name, [(during value, label with days)]),
    the latest election first; values are qualified so an older election stays reachable."""
    elections = sorted(Calendar.current().elections, key=lambda e: e.first_day, reverse=True)
    return [
        (e.name, [(f"{e.key}:{s.key}", f"{s.label} ({_days(s)})") for s in e.stages])
        for e in elections
    ]


def stage_label(value: str) -> str:
    """'Masa tenang (Pilkada Serentak 2024)' for a `during` value; the value when unknown."""
    try:
        found = Calendar.current().stage(value)
    except ValueError:
        return value
    return f"{found.stage.label} ({found.election_name})"


def stage_value(value: str) -> str:
    """A `during` value as the select names it (`masa_tenang` -> `pilkada2024:masa_tenang`)."""
    try:
        found = Calendar.current().stage(value)
    except ValueError:
        return value
    return f"{found.election}:{found.stage.key}"


def shortcuts(params: Params) -> list[tuple[str, str]]:
    """(label, link) of each shortcut: this page, its dates and stage replaced."""
    kept = [(k, v) for k, v in params if k not in (*DATE_PARAMS, "cursor")]
    known = set(Calendar.current().keys())  # a configured calendar may lack a stage
    return [
        (label, link("", [*kept, *chosen]))
        for label, chosen in SHORTCUTS
        if all(v in known for k, v in chosen if k == "during")
    ]


def timezone_choices(timezone: str) -> list[tuple[str, str]]:
    """The zone select's options, with the one asked for when it is another (UTC)."""
    extra = [] if timezone in ZONE_NAMES else [(timezone, timezone)]
    return [*ZONE_CHOICES, *extra]
