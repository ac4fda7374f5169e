"""Evidence snapshots: the page as fetched when an alert fires, re-checked later.

Snapshots are rows of the operational store (`snapshot`), bytes and all, with the
SHA-256 of the bytes beside them: several web and worker processes on several hosts
share one PostgreSQL, so a file under one host's data dir would not be there for the
others, and the store's backup then covers the evidence too. No code updates or deletes
a snapshot row; a re-check adds a row of its own (`kind="cek"`) with its verdict and a
text diff against the original, and marks the alert "berubah" or "dihapus".
"""

from __future__ import annotations

import difflib
import hashlib
import json
import logging
import time
from dataclasses import dataclass
from typing import Any

import trafilatura
from sqlalchemy import Connection, and_, exists, func, select
from sqlalchemy import update as sql_update

from alerts.fetch import Fetched, PageFetcher
from store.db import Store
from store.offices import Scope, scope_clause
from store.tables import alert, snapshot

log = logging.getLogger(__name__)

GONE = (404, 410)
VERDICTS = {"sama": "tidak berubah", "berubah": "berubah", "dihapus": "dihapus", "gagal": "gagal"}


@dataclass(frozen=True)
class Snapshot:
    id: int
    alert_id: str
    kind: str  # asli | cek
    url: str
    fetched_at: float
    status: int | None
    headers: dict[str, str]
    sha256: str
    size: int
    text: str
    verdict: str | None
    diff: str | None
    error: str | None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def extract_text(body: bytes) -> str:
    if not body:
        return ""
    try:
        return trafilatura.extract(body.decode("utf-8", "replace")) or ""
    except Exception:  # a page trafilatura cannot read still has its bytes kept
        log.warning("text extraction failed", exc_info=True)
        return ""


def text_diff(before: str, after: str) -> str:
    lines = difflib.unified_diff(
        before.splitlines(), after.splitlines(), "asli", "sekarang", lineterm="", n=1
    )
    return "\n".join(lines)


class Evidence:
    """Takes, lists, verifies and re-checks the snapshots of the store's alerts."""

    def __init__(self, db: Store, fetcher: PageFetcher | None = None) -> None:
        self.db = db
        self.fetcher = fetcher or PageFetcher()

    def take(self, alert_id: str, url: str, *, now: float | None = None) -> Snapshot:
        """The original snapshot of an alert's article (fetched now)."""
        return self._store(alert_id, "asli", self.fetcher.fetch(url), now=now)

    def take_for(self, alert_id: str) -> Snapshot | None:
        """The original snapshot of one alert (when the dispatcher has not taken it)."""
        with self.db.read() as conn:
            event = conn.execute(select(alert.c.event).where(alert.c.id == alert_id)).scalar()
        return None if event is None else self.take(alert_id, _event_url(event))

    def take_pending(self, *, limit: int = 20) -> int:
        """Original snapshots for alerts that have none yet (the dispatcher's rounds)."""
        has = exists().where(snapshot.c.alert_id == alert.c.id, snapshot.c.kind == "asli")
        sql = select(alert.c.id, alert.c.event).where(~has).order_by(alert.c.created_at)
        with self.db.read() as conn:
            rows = conn.execute(sql.limit(limit)).all()
        for row in rows:
            url = _event_url(row.event)
            self.take(row.id, url)
        return len(rows)

    def recheck(self, alert_id: str, *, now: float | None = None) -> Snapshot | None:
        """Fetch the page again; None when the alert has no original snapshot."""
        first = self.original(alert_id)
        if first is None:
            return None
        got = self.fetcher.fetch(first.url)
        return self._store(alert_id, "cek", got, now=now, against=first)

    def recheck_due(self, *, older_than: float, limit: int = 20) -> int:
        """Re-check alerts whose last snapshot is older than `older_than` seconds."""
        cutoff = time.time() - older_than
        fresh = exists().where(snapshot.c.alert_id == alert.c.id, snapshot.c.fetched_at > cutoff)
        taken = exists().where(snapshot.c.alert_id == alert.c.id)
        sql = select(alert.c.id).where(and_(taken, ~fresh)).limit(limit)
        with self.db.read() as conn:
            ids = list(conn.execute(sql).scalars())
        for alert_id in ids:
            self.recheck(alert_id)
        return len(ids)

    def _store(
        self,
        alert_id: str,
        kind: str,
        got: Fetched,
        *,
        now: float | None,
        against: Snapshot | None = None,
    ) -> Snapshot:
        text = extract_text(got.body)
        row: dict[str, Any] = {
            "alert_id": alert_id,
            "kind": kind,
            "url": got.url,
            "fetched_at": time.time() if now is None else now,
            "status": got.status,
            "headers": got.headers,
            "body": got.body,
            "text": text,
            "sha256": hashlib.sha256(got.body).hexdigest(),
            "error": got.error,
        }
        if against is not None:
            row["verdict"], row["diff"] = _verdict(against, got, text)
        with self.db.write() as conn:
            new_id = conn.execute(snapshot.insert().values(row).returning(snapshot.c.id))
            row["id"] = int(new_id.scalar_one())
            if row.get("verdict") in ("berubah", "dihapus", "sama"):
                mark = None if row["verdict"] == "sama" else row["verdict"]
                conn.execute(
                    sql_update(alert).where(alert.c.id == alert_id).values(page_state=mark)
                )
        return _snapshot({**row, "size": len(got.body)})

    # -- reading -------------------------------------------------------------------

    def of(self, alert_id: str, *, scope: Scope = None) -> list[Snapshot]:
        """An alert's snapshots, oldest first, without their bytes (scope as the feed)."""
        with self.db.read() as conn:
            return self.of_in(conn, alert_id, scope=scope)

    def of_in(self, conn: Connection, alert_id: str, *, scope: Scope = None) -> list[Snapshot]:
        cols = [c for c in snapshot.c if c.name != "body"]
        size = _length(self.db, snapshot.c.body)
        inside = scope_clause(alert.c.id, scope)
        sql = (
            select(*cols, size.label("size"))
            .join(alert, alert.c.id == snapshot.c.alert_id)
            .where(snapshot.c.alert_id == alert_id, inside)
            .order_by(snapshot.c.id)
        )
        return [_snapshot(dict(r)) for r in conn.execute(sql).mappings()]

    def original(self, alert_id: str) -> Snapshot | None:
        return next((s for s in self.of(alert_id) if s.kind == "asli"), None)

    def body(self, snapshot_id: int, *, scope: Scope = None) -> tuple[Snapshot, bytes] | None:
        """One snapshot with its bytes, if its alert lies within scope."""
        inside = scope_clause(alert.c.id, scope)
        sql = (
            select(snapshot.c.alert_id, snapshot.c.body)
            .join(alert, alert.c.id == snapshot.c.alert_id)
            .where(snapshot.c.id == snapshot_id, inside)
        )
        with self.db.read() as conn:
            row = conn.execute(sql).first()
        if row is None:
            return None
        meta = next(s for s in self.of(row.alert_id) if s.id == snapshot_id)
        return meta, bytes(row.body)

    def verify(self, alert_id: str) -> list[tuple[Snapshot, bool]]:
        """Each snapshot with whether its bytes still hash to the SHA-256 recorded."""
        out = []
        for meta in self.of(alert_id):
            found = self.body(meta.id)
            ok = found is not None and hashlib.sha256(found[1]).hexdigest() == meta.sha256
            out.append((meta, ok))
        return out


def _verdict(first: Snapshot, got: Fetched, text: str) -> tuple[str, str | None]:
    if got.status in GONE:
        return "dihapus", None
    if got.status is None or got.status >= 400:
        return "gagal", None
    if hashlib.sha256(got.body).hexdigest() == first.sha256 or text == first.text:
        return "sama", None
    return "berubah", text_diff(first.text, text)


def _length(db: Store, column: Any) -> Any:
    return func.octet_length(column) if db.is_postgres else func.length(column)


def _event_url(event: str) -> str:
    return str(json.loads(event)["url"])


def _snapshot(r: dict[str, Any]) -> Snapshot:
    return Snapshot(
        id=int(r["id"]),
        alert_id=r["alert_id"],
        kind=r["kind"],
        url=r["url"],
        fetched_at=float(r["fetched_at"]),
        status=r["status"],
        headers=dict(r["headers"]),
        sha256=r["sha256"],
        size=int(r["size"] or 0),
        text=r["text"],
        verdict=r.get("verdict"),
        diff=r.get("diff"),
        error=r.get("error"),
    )
