"""ReportOutbox: one row per (office, kind, period) to mail; the rows are also the marks.

UNIQUE (office, kind, period) in the operational store makes enqueueing idempotent: two
schedulers (on one host or several), or one that restarts, can decide the same period is
due and only one row (one email) results. Sending is leased like the alert outbox's
deliveries; rows another sender is claiming are skipped (FOR UPDATE SKIP LOCKED).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import bindparam, func, select, update

from store.db import Store
from store.tables import report_delivery

_d = report_delivery.c


@dataclass(frozen=True)
class ReportDelivery:
    id: int
    office: str
    kind: str
    period: date
    recipients: list[str]
    status: str
    attempts: int
    last_error: str | None


class ReportOutbox:
    def __init__(self, store: Store) -> None:
        self.store = store

    def last_mark(self, office: str, kind: str) -> date | None:
        """The newest period of this office and kind ever enqueued (sent or not)."""
        with self.store.read() as conn:
            found: date | None = conn.execute(
                select(func.max(_d.period)).where(_d.office == office, _d.kind == kind)
            ).scalar()
        return found

    def enqueue(
        self, office: str, kind: str, periods: Sequence[date], recipients: Sequence[str], now: float
    ) -> int:
        """Rows for these periods; those already there stay as they are. Returns how many
        are new."""
        row = {"office": office, "kind": kind, "recipients": list(recipients)}
        new = 0
        with self.store.write() as conn:
            for period in periods:
                insert = self.store.insert(report_delivery).values(
                    **row, period=period, status="pending", attempts=0, next_at=now, created_at=now
                )
                # RETURNING, not rowcount: psycopg reports -1 for an INSERT that returns
                new += len(conn.execute(insert.on_conflict_do_nothing().returning(_d.id)).all())
        return new

    def claim_due(self, now: float, *, lease: float = 600.0) -> list[ReportDelivery]:
        """Pending rows whose time has come, leased for `lease` seconds (rendering a
        weekly province report takes a while)."""
        due = (
            select(report_delivery)
            .where(
                _d.status == "pending",
                _d.next_at <= now,
                _d.lease_until.is_(None) | (_d.lease_until < now),
            )
            .order_by(_d.period, _d.id)
            .with_for_update(skip_locked=True)
        )
        with self.store.write() as conn:
            rows = list(conn.execute(due).mappings())
            if rows:
                conn.execute(
                    update(report_delivery)
                    .where(_d.id == bindparam("b_id"))
                    .values(lease_until=now + lease),
                    [{"b_id": r["id"]} for r in rows],
                )
        return [_delivery(r) for r in rows]

    def delivered(self, delivery_id: int, now: float) -> None:
        self._update(
            delivery_id,
            status="delivered",
            attempts=_d.attempts + 1,
            delivered_at=now,
            lease_until=None,
            last_error=None,
        )

    def failed(self, delivery_id: int, error: str, retry_at: float | None) -> None:
        """A failed attempt: retried at `retry_at`, or `dead` (kept, visible) when None."""
        self._update(
            delivery_id,
            status="pending" if retry_at is not None else "dead",
            attempts=_d.attempts + 1,
            last_error=error[:1000],
            next_at=_d.next_at if retry_at is None else retry_at,
            lease_until=None,
        )

    def _update(self, delivery_id: int, **values: Any) -> None:
        with self.store.write() as conn:
            conn.execute(update(report_delivery).where(_d.id == delivery_id).values(**values))

    def all(self, *, status: str | None = None, limit: int = 1000) -> list[ReportDelivery]:
        """The newest rows first (optionally of one status): what was sent, what waits."""
        query = select(report_delivery).order_by(_d.id.desc()).limit(limit)
        if status:
            query = query.where(_d.status == status)
        with self.store.read() as conn:
            return [_delivery(r) for r in conn.execute(query).mappings()]

    def requeue(self, now: float) -> int:
        """Dead rows back to pending, due now (after the cause was fixed)."""
        with self.store.write() as conn:
            done = conn.execute(
                update(report_delivery)
                .where(_d.status == "dead")
                .values(status="pending", next_at=now, lease_until=None)
            )
            return int(done.rowcount)


def _delivery(r: Any) -> ReportDelivery:
    return ReportDelivery(
        id=int(r["id"]),
        office=r["office"],
        kind=r["kind"],
        period=r["period"],
        recipients=list(r["recipients"]),
        status=r["status"],
        attempts=int(r["attempts"]),
        last_error=r["last_error"],
    )
