"""Triage notifications through the outbox: an alert assigned to someone, an alert overdue.

They are delivery rows like the alert's own (`delivery.kind` assigned / overdue), sent
to the channels the alert itself was routed to, one at a time (never in a digest), so
they get the same retries, dead-lettering and visibility.
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from store.db import Store
from store.tables import delivery

KINDS = {"assigned": "Ditugaskan", "overdue": "Lewat tenggat"}


def queue(db: Store, conn: Connection, alert_id: str, kind: str, now: float) -> int:
    """One pending `kind` delivery per channel of the alert (a newer assignment replaces
    an older one not yet sent, and is due again); how many channels."""
    d = delivery.c
    channels = conn.execute(
        select(d.channel).where(d.alert_id == alert_id, d.kind == "alert").distinct()
    ).scalars()
    rows = [
        {"alert_id": alert_id, "channel": ch, "kind": kind, "mode": "none",
         "status": "pending", "attempts": 0, "next_at": now}
        for ch in channels
    ]  # fmt: skip
    if not rows:
        return 0
    again = {"status": "pending", "attempts": 0, "next_at": now, "last_error": None,
             "lease_until": None, "delivered_at": None}  # fmt: skip
    upsert = db.insert(delivery)
    conn.execute(
        upsert.on_conflict_do_update(index_elements=["alert_id", "channel", "kind"], set_=again),
        rows,
    )
    return len(rows)
