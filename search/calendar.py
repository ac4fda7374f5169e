"""Election calendars: which stage (tahapan) a period falls in, and when a stage runs."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator

from search.dates import DEFAULT_TIMEZONE, utc_offset


class CalendarError(ValueError):
    """A calendar file that cannot be read, or a stage that no calendar knows."""


class Stage(BaseModel):
    """One stage of an election: first and last day, inclusive, as local dates."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    start: date
    end: date
    approximate: bool = False
    note: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Stage:
        if self.end < self.start:
            raise ValueError(f"stage {self.key}: end {self.end} is before start {self.start}")
        return self

    def overlaps(self, first: date, last: date) -> bool:
        return self.start <= last and first <= self.end

    def span(self, timezone: str = DEFAULT_TIMEZONE) -> tuple[datetime, datetime]:
        """[since, until) in UTC: from the first day's midnight to the midnight after the
        last day in `timezone` (what a date filter `--during` needs)."""
        utc_offset(timezone)  # a clear error for an unknown or DST zone
        zone = ZoneInfo(timezone)
        since = datetime.combine(self.start, time(), zone).astimezone(UTC)
        until = datetime.combine(self.end + timedelta(days=1), time(), zone).astimezone(UTC)
        return since, until


class Election(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    source: str = Field(description="where the dates come from (the KPU regulation)")
    stages: list[Stage]

    @model_validator(mode="after")
    def _unique(self) -> Election:
        keys = [s.key for s in self.stages]
        if len(set(keys)) != len(keys):
            raise ValueError(f"election {self.key}: a stage key is used twice")
        return self

    @property
    def first_day(self) -> date:
        return min(s.start for s in self.stages)


class StageInPeriod(BaseModel):
    """A stage that a period touches, with the election it belongs to."""

    model_config = ConfigDict(frozen=True)

    election: str
    election_name: str
    stage: Stage


class Calendar(BaseModel):
    """Every known election; later elections win when a stage key is ambiguous."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    elections: list[Election]
    _spans: dict[tuple[tuple[str, ...], str], list[tuple[datetime, datetime]]] = PrivateAttr(
        default_factory=dict
    )

    @classmethod
    def bundled(cls) -> Calendar:
        return _bundled()

    @classmethod
    def current(cls) -> Calendar:
        """The calendar this process reads: the one `install`ed at startup, else the bundled one."""
        return _installed[-1] if _installed else _bundled()

    @classmethod
    def load(cls, path: Path) -> Calendar:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise CalendarError(f"cannot read calendar {path}: {exc.strerror or exc}") from exc
        return cls.parse(text, origin=str(path))

    @classmethod
    def parse(cls, text: str, *, origin: str = "calendar") -> Calendar:
        try:
            return cls.model_validate(yaml.safe_load(text) or {})
        except yaml.YAMLError as exc:
            raise CalendarError(f"{origin} is not valid YAML: {exc}") from exc
        except ValidationError as exc:
            raise CalendarError(f"{origin}: {_explain(exc)}") from exc

    def keys(self) -> list[str]:
        """Every stage key, the latest election's first (what `during` accepts unqualified)."""
        elections = sorted(self.elections, key=lambda e: e.first_day, reverse=True)
        return list(dict.fromkeys(s.key for e in elections for s in e.stages))

    def stages_between(self, first: date, last: date) -> list[StageInPeriod]:
        """The stages that days `first`..`last` (inclusive) touch, in date order."""
        found = [
            StageInPeriod(election=e.key, election_name=e.name, stage=s)
            for e in self.elections
            for s in e.stages
            if s.overlaps(first, last)
        ]
        return sorted(found, key=lambda f: (f.stage.start, f.stage.end, f.election))

    def stages_on(self, day: date) -> list[StageInPeriod]:
        return self.stages_between(day, day)

    def stage(self, key: str) -> StageInPeriod:
        """A stage by key (`masa_tenang`) or election-qualified key
        (`pilkada2024:masa_tenang`); an unqualified key means the latest election that
        has it."""
        election_key, _, stage_key = key.strip().lower().rpartition(":")
        elections = sorted(self.elections, key=lambda e: e.first_day, reverse=True)
        for e in elections:
            if election_key and e.key != election_key:
                continue
            for s in e.stages:
                if s.key == stage_key:
                    return StageInPeriod(election=e.key, election_name=e.name, stage=s)
        known = sorted({f"{e.key}:{s.key}" for e in self.elections for s in e.stages})
        raise CalendarError(f"unknown election stage {key[:60]!r}; known: {', '.join(known)}")

    def spans(self, keys: tuple[str, ...], timezone: str) -> list[tuple[datetime, datetime]]:
        """[since, until) in UTC of each stage named, remembered (an alert rule asks this
        for every article)."""
        found = self._spans.get((keys, timezone))
        if found is None:
            found = self._spans[keys, timezone] = [self.stage(k).stage.span(timezone) for k in keys]
        return found


# The one calendar of the process. Search, alert rules, the web form and reports all read
# `Calendar.current()`; the composition root (pantau.wiring) installs the configured file
# once at startup, since search sits below the settings and must not import them.
_installed: list[Calendar] = []


def install(calendar: Calendar | None) -> None:
    """Make `calendar` the one `Calendar.current()` returns (None: the bundled one again)."""
    _installed[:] = [calendar] if calendar is not None else []


def _explain(exc: ValidationError) -> str:
    """'elections.0.stages.1.end: stage x: end ... is before start ...; ...' (what to fix)."""
    parts = [
        f"{'.'.join(str(p) for p in e['loc']) or '(top)'}: {e['msg'].removeprefix('Value error, ')}"
        for e in exc.errors()[:5]
    ]
    more = exc.error_count() - len(parts)
    return "; ".join(parts) + (f" (+{more} more)" if more > 0 else "")


@cache
def _bundled() -> Calendar:
    text = (resources.files("search") / "elections.yaml").read_text(encoding="utf-8")
    return Calendar.parse(text, origin="search/elections.yaml")
