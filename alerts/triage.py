"""Triage: what an office did with an alert (state, outcome, assignee, due date, notes).

Every change is one transaction: the alert row is updated only if its `version` is still
the one the editor saw (optimistic locking), and one append-only history row records
who, when, from, to and the note. A second editor working from the same version gets a
`TriageConflict`, never a silent overwrite; concurrent updates on PostgreSQL queue on the
row lock and the later one finds the version moved.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlalchemy import Connection, and_, exists, select
from sqlalchemy import update as sql_update

from alerts.notify import queue
from store.db import Store
from store.offices import Scope, scope_clause, scope_for
from store.tables import alert, alert_history, delivery, users

State = Literal["baru", "ditinjau", "ditindaklanjuti", "bukan_pelanggaran", "duplikat"]
Outcome = Literal["temuan", "diteruskan"]
STATES: dict[str, str] = {
    "baru": "baru",
    "ditinjau": "ditinjau",
    "ditindaklanjuti": "ditindaklanjuti",
    "bukan_pelanggaran": "bukan pelanggaran",
    "duplikat": "duplikat",
}
OUTCOMES: dict[str, str] = {
    "temuan": "temuan",
    "diteruskan": "diteruskan ke penanganan pelanggaran",
}
OPEN_STATES = ("baru", "ditinjau")  # still waiting for the office
NOTE_CHARS = 2000


class TriageError(ValueError):
    """A change that cannot be made (unknown assignee, outcome without follow-up...)."""


class TriageConflict(Exception):
    """Someone changed the alert since the editor read it; `current` is its version now."""

    def __init__(self, alert_id: str, current: int) -> None:
        super().__init__(
            f"peringatan {alert_id} sudah diubah orang lain (versi {current}); "
            "muat ulang halaman, lalu ulangi perubahan Anda"
        )
        self.current = current


class TriageChange(BaseModel):
    """One edit. Fields left out stay as they are; `assignee: ""` / `due_at: null` clear."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, description="the alert version the editor saw (conflict check)")
    state: State | None = None
    outcome: Outcome | None = Field(default=None, description="required with state ditindaklanjuti")
    assignee: str | None = Field(default=None, max_length=64, description='"" unassigns')
    due_at: datetime | None = None
    note: str | None = Field(default=None, max_length=NOTE_CHARS)

    @model_validator(mode="after")
    def _outcome(self) -> TriageChange:
        if self.outcome and self.state not in (None, "ditindaklanjuti"):
            raise ValueError("outcome hanya untuk status ditindaklanjuti")
        if self.state == "ditindaklanjuti" and not self.outcome:
            raise ValueError("status ditindaklanjuti memerlukan hasil: temuan atau diteruskan")
        return self


@dataclass(frozen=True)
class HistoryEntry:
    at: float
    actor: str
    from_state: str | None
    to_state: str | None
    changes: dict[str, Any]
    note: str | None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


FIELDS = ("state", "outcome", "assignee", "due_at")


def apply_change(
    db: Store,
    alert_id: str,
    change: TriageChange,
    actor: str,
    *,
    scope: Scope = None,
    now: float | None = None,
) -> bool:
    """Make `change` as `actor`; False when the alert does not exist within scope."""
    with db.write() as conn:
        return apply_in(db, conn, alert_id, change, actor, scope=scope, now=now)


def apply_in(
    db: Store,
    conn: Connection,
    alert_id: str,
    change: TriageChange,
    actor: str,
    *,
    scope: Scope = None,
    now: float | None = None,
) -> bool:
    """`apply_change` inside the caller's write transaction."""
    now = time.time() if now is None else now
    where = (alert.c.id == alert_id) & scope_clause(alert.c.id, scope)
    row = conn.execute(select(alert.c.version, *alert.c[FIELDS]).where(where)).first()
    if row is None:
        return False
    if row.version != change.version:
        raise TriageConflict(alert_id, row.version)
    wanted = _wanted(conn, alert_id, change)
    diffs = {k: [getattr(row, k), v] for k, v in wanted.items() if getattr(row, k) != v}
    if not diffs and not change.note:
        raise TriageError("tidak ada yang diubah")
    bumped = conn.execute(
        sql_update(alert)
        .where(alert.c.id == alert_id, alert.c.version == change.version)
        .values(**wanted, version=alert.c.version + 1, changed_at=now)
    )
    if bumped.rowcount != 1:  # another writer got in between the read and the update
        raise TriageConflict(alert_id, change.version + 1)
    state = diffs.pop("state", [row.state, row.state])
    entry = {"alert_id": alert_id, "at": now, "actor": actor, "note": change.note or None}
    conn.execute(
        alert_history.insert().values(
            **entry, from_state=state[0], to_state=state[1], changes=diffs
        )
    )
    if diffs.get("assignee", [None, None])[1]:  # someone new is in charge: tell them
        queue(db, conn, alert_id, "assigned", now)
    return True


def _wanted(conn: Connection, alert_id: str, change: TriageChange) -> dict[str, Any]:
    given = change.model_fields_set
    wanted: dict[str, Any] = {}
    if "state" in given and change.state:
        wanted["state"] = change.state
        wanted["outcome"] = change.outcome if change.state == "ditindaklanjuti" else None
    if "assignee" in given:
        name = (change.assignee or "").strip() or None
        if name is not None:
            _may_be_assigned(conn, alert_id, name)
        wanted["assignee"] = name
    if "due_at" in given:
        wanted["due_at"] = change.due_at.timestamp() if change.due_at else None
    return wanted


def _may_be_assigned(conn: Connection, alert_id: str, name: str) -> None:
    """An assignee must be an active user who can see the alert: staff of another office
    would be handed a case they cannot open (and learn of an alert outside their scope)."""
    u = users.c
    known = conn.execute(
        select(u.role, u.office_id).where(u.username == name, u.disabled.is_(False))
    ).first()
    if known is None:
        raise TriageError(f"tidak ada pengguna aktif bernama {name!r}")
    visible = alert.c.id == alert_id
    their = scope_for(known.role, known.office_id)
    if (
        conn.execute(select(alert.c.id).where(visible, scope_clause(alert.c.id, their))).first()
        is None
    ):
        raise TriageError(
            f"{name!r} tidak dapat melihat peringatan ini (di luar wilayah kantornya)"
        )


def history(db: Store, alert_ids: list[str]) -> dict[str, list[HistoryEntry]]:
    """Each alert's history, oldest first."""
    with db.read() as conn:
        return history_in(conn, alert_ids)


def history_in(conn: Connection, alert_ids: list[str]) -> dict[str, list[HistoryEntry]]:
    out: dict[str, list[HistoryEntry]] = {i: [] for i in alert_ids}
    if not alert_ids:
        return out
    h = alert_history.c
    sql = select(alert_history).where(h.alert_id.in_(alert_ids)).order_by(h.alert_id, h.id)
    for r in conn.execute(sql).mappings():
        out[r["alert_id"]].append(
            HistoryEntry(
                at=float(r["at"]),
                actor=r["actor"],
                from_state=r["from_state"],
                to_state=r["to_state"],
                changes=dict(r["changes"]),
                note=r["note"],
            )
        )
    return out


def queue_overdue(db: Store, *, now: float | None = None, limit: int = 100) -> int:
    """Overdue notifications for open alerts past their due date, once per alert."""
    now = time.time() if now is None else now
    told = exists().where(delivery.c.alert_id == alert.c.id, delivery.c.kind == "overdue")
    late = and_(alert.c.due_at < now, alert.c.state.in_(OPEN_STATES), ~told)
    with db.write() as conn:
        ids = list(conn.execute(select(alert.c.id).where(late).limit(limit)).scalars())
        for alert_id in ids:
            queue(db, conn, alert_id, "overdue", now)
    return len(ids)
