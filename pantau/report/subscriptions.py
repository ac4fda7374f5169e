"""Who gets which office's reports: a YAML file for now (PANTAU_REPORTS__SUBSCRIPTIONS).

    subscriptions:
      - office: Bawaslu Kota Jakarta Utara
        to: [p2h@jakut.example]
        reports: [daily, weekly]

The accounts and offices store will hold these later; the scheduler only needs `load`.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pantau.report.office import Office, OfficeError, find_office
from pantau.report.period import KINDS, Kind


class SubscriptionError(ValueError):
    """The subscriptions file cannot be used; the message says where and why."""


class Subscription(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    office: str
    to: list[str] = Field(min_length=1)
    reports: list[Kind] = Field(default_factory=lambda: list(KINDS), min_length=1)


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")

    subscriptions: list[Subscription] = Field(default_factory=list)


def load(path: Path | None) -> dict[tuple[Office, Kind], list[str]]:
    """Recipients per (office, kind), merged over the file's entries; {} without a file."""
    if path is None:
        return {}
    try:
        parsed = _File.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    except OSError as exc:
        raise SubscriptionError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except (yaml.YAMLError, ValidationError) as exc:
        raise SubscriptionError(f"{path}: {exc}") from exc
    out: dict[tuple[Office, Kind], list[str]] = {}
    for n, sub in enumerate(parsed.subscriptions, 1):
        try:
            office = find_office(sub.office)
        except OfficeError as exc:
            raise SubscriptionError(f"{path}, subscription {n}: {exc}") from exc
        for kind in sub.reports:
            recipients = out.setdefault((office, kind), [])
            recipients.extend(r for r in sub.to if r not in recipients)
    return out
