"""Who gets which office's reports: a YAML file and/or the operational store, both read.

The file (PANTAU_REPORTS__SUBSCRIPTIONS):

    subscriptions:
      - office: Bawaslu Kota Jakarta Utara
        to: [p2h@jakut.example]
        reports: [daily, weekly]

The store's rows are what `pantau report subscribe` / `unsubscribe` change.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import delete, select

from pantau.report.office import Office, OfficeError, find_office
from pantau.report.period import KINDS, Kind
from store.db import Store
from store.offices import NATIONAL_ID
from store.tables import offices, report_subscription

log = logging.getLogger(__name__)
Recipients = dict[tuple[Office, Kind], list[str]]
_s = report_subscription.c


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


def load(path: Path | None) -> Recipients:
    """Recipients per (office, kind), merged over the file's entries; {} without a file."""
    if path is None:
        return {}
    try:
        parsed = _File.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    except OSError as exc:
        raise SubscriptionError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except (yaml.YAMLError, ValidationError) as exc:
        raise SubscriptionError(f"{path}: {exc}") from exc
    out: Recipients = {}
    for n, sub in enumerate(parsed.subscriptions, 1):
        try:
            office = find_office(sub.office)
        except OfficeError as exc:
            raise SubscriptionError(f"{path}, subscription {n}: {exc}") from exc
        for kind in sub.reports:
            _add(out, office, kind, sub.to)
    return out


def _add(out: Recipients, office: Office, kind: Kind, emails: Sequence[str]) -> None:
    recipients = out.setdefault((office, kind), [])
    recipients.extend(e for e in emails if e not in recipients)


def office_id(office: Office) -> str:
    """The office's id in the store: its region code, "RI" for Bawaslu RI."""
    return office.region_code or NATIONAL_ID


def checked_email(email: str) -> str:
    """`email` trimmed, or SubscriptionError: one address, no display name."""
    address = email.strip()
    local, _, domain = address.rpartition("@")
    if not local or "." not in domain or any(c.isspace() or c in "<>,;" for c in address):
        raise SubscriptionError(f"{email[:100]!r} is not an email address (name@host.domain)")
    return local + "@" + domain.lower()


def subscribe(store: Store, office: Office, email: str, kinds: Sequence[Kind], now: float) -> int:
    """Store these subscriptions; returns how many are new (the others were there)."""
    rows = [
        {
            "office_id": office_id(office),
            "email": checked_email(email),
            "kind": k,
            "created_at": now,
        }
        for k in dict.fromkeys(kinds)
    ]
    with store.write() as conn:
        insert = store.insert(report_subscription).on_conflict_do_nothing().returning(_s.kind)
        return sum(len(conn.execute(insert.values(**row)).all()) for row in rows)


def unsubscribe(store: Store, office: Office, email: str, kinds: Sequence[Kind]) -> int:
    """Remove these subscriptions from the store; returns how many there were."""
    with store.write() as conn:
        gone = conn.execute(
            delete(report_subscription).where(
                _s.office_id == office_id(office),
                _s.email == checked_email(email),
                _s.kind.in_(kinds),
            )
        )
        return int(gone.rowcount)


def stored(store: Store) -> Recipients:
    """The store's subscriptions per (office, kind), oldest first."""
    query = (
        select(offices.c.name, _s.kind, _s.email)
        .join(offices, offices.c.id == _s.office_id)
        .order_by(_s.created_at, _s.email)
    )
    with store.read() as conn:
        rows = conn.execute(query).all()
    out: Recipients = {}
    for name, kind, email in rows:
        try:
            office = find_office(name)
        except OfficeError:  # renamed since: the office table's name is the authority
            log.warning("report subscription of %s for an unknown office %r", email, name)
            continue
        _add(out, office, kind, [email])
    return out


def everyone(path: Path | None, store: Store) -> Recipients:
    """Both sources: the file's recipients, then the store's."""
    out = load(path)
    for (office, kind), emails in stored(store).items():
        _add(out, office, kind, emails)
    return out
