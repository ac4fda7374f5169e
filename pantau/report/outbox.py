"""ReportOutbox: one row per (office, kind, period) to mail; the rows are also the marks.

UNIQUE (office, kind, period) makes enqueueing idempotent: two schedulers, or one that
restarts, can decide the same period is due and only one row (one email) results. Sending
is leased like the alert outbox's deliveries. A small SQLite file of its own
(`<data dir>/reports.sqlite3`) until the operational store takes these rows over.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS report_delivery (
    id INTEGER PRIMARY KEY AUTOINCREMENT, office TEXT NOT NULL, kind TEXT NOT NULL,
    period TEXT NOT NULL, recipients TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0, next_at REAL NOT NULL, lease_until REAL,
    last_error TEXT, created_at REAL NOT NULL, delivered_at REAL,
    UNIQUE (office, kind, period));
CREATE INDEX IF NOT EXISTS report_delivery_due ON report_delivery(status, next_at);
"""


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
    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db().executescript(SCHEMA)

    def _db(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode=WAL")
            self._local.db = db
        return db

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        db = self._db()
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

    def last_mark(self, office: str, kind: str) -> date | None:
        """The newest period of this office and kind ever enqueued (sent or not)."""
        row = (
            self._db()
            .execute(
                "SELECT MAX(period) AS p FROM report_delivery WHERE office = ? AND kind = ?",
                (office, kind),
            )
            .fetchone()
        )
        return None if row["p"] is None else date.fromisoformat(row["p"])

    def enqueue(
        self, office: str, kind: str, periods: Sequence[date], recipients: Sequence[str], now: float
    ) -> int:
        """Rows for these periods; those already there stay as they are. Returns how many
        are new."""
        with self._tx() as db:
            return sum(
                db.execute(
                    "INSERT OR IGNORE INTO report_delivery (office, kind, period, recipients,"
                    " next_at, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (office, kind, p.isoformat(), "\n".join(recipients), now, now),
                ).rowcount
                for p in periods
            )

    def claim_due(self, now: float, *, lease: float = 600.0) -> list[ReportDelivery]:
        """Pending rows whose time has come, leased for `lease` seconds (rendering a
        weekly province report takes a while)."""
        with self._tx() as db:
            rows = db.execute(
                "SELECT * FROM report_delivery WHERE status = 'pending' AND next_at <= ?"
                " AND (lease_until IS NULL OR lease_until < ?) ORDER BY period, id",
                (now, now),
            ).fetchall()
            db.executemany(
                "UPDATE report_delivery SET lease_until = ? WHERE id = ?",
                [(now + lease, r["id"]) for r in rows],
            )
        return [_delivery(r) for r in rows]

    def delivered(self, delivery_id: int, now: float) -> None:
        with self._tx() as db:
            db.execute(
                "UPDATE report_delivery SET status = 'delivered', attempts = attempts + 1,"
                " delivered_at = ?, lease_until = NULL, last_error = NULL WHERE id = ?",
                (now, delivery_id),
            )

    def failed(self, delivery_id: int, error: str, retry_at: float | None) -> None:
        """A failed attempt: retried at `retry_at`, or `dead` (kept, visible) when None."""
        status = "pending" if retry_at is not None else "dead"
        with self._tx() as db:
            db.execute(
                "UPDATE report_delivery SET status = ?, attempts = attempts + 1,"
                " last_error = ?, next_at = COALESCE(?, next_at), lease_until = NULL"
                " WHERE id = ?",
                (status, error[:1000], retry_at, delivery_id),
            )

    def all(self, *, status: str | None = None, limit: int = 1000) -> list[ReportDelivery]:
        """The newest rows first (optionally of one status): what was sent, what waits."""
        sql, args = "SELECT * FROM report_delivery", []
        if status:
            sql, args = sql + " WHERE status = ?", [status]
        rows = self._db().execute(f"{sql} ORDER BY id DESC LIMIT ?", [*args, limit]).fetchall()
        return [_delivery(r) for r in rows]

    def requeue(self, now: float) -> int:
        """Dead rows back to pending, due now (after the cause was fixed)."""
        with self._tx() as db:
            return int(
                db.execute(
                    "UPDATE report_delivery SET status = 'pending', next_at = ?,"
                    " lease_until = NULL WHERE status = 'dead'",
                    (now,),
                ).rowcount
            )


def _delivery(r: sqlite3.Row) -> ReportDelivery:
    return ReportDelivery(
        id=int(r["id"]),
        office=r["office"],
        kind=r["kind"],
        period=date.fromisoformat(r["period"]),
        recipients=[x for x in r["recipients"].split("\n") if x],
        status=r["status"],
        attempts=int(r["attempts"]),
        last_error=r["last_error"],
    )
