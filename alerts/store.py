"""AlertStore: one SQLite file holding stories, alerts (the feed) and the delivery outbox.

Everything an alert needs is written in one transaction: the article's syndication group,
the alert (unique per rule and group) and one delivery row per channel. Deliveries are
then sent from this outbox, so a crash anywhere never loses one and a redelivered
article never creates another.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alerts.grouping import Grouping
from alerts.records import SCHEMA, STATUSES, DeliveryStatus, Draft, Due, Recorded, StoredAlert
from alerts.rules import Rule
from pipeline.events import Alert


class AlertStore:
    """Thread-safe by one connection per thread; WAL lets workers and the CLI share it."""

    def __init__(self, path: Path, *, grouping: Grouping | None = None) -> None:
        self.path = path
        self.grouping = grouping or Grouping()
        self._local = threading.local()
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db().executescript(SCHEMA)  # executescript commits on its own

    def _db(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            self._local.db = db
        return db

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE: the writer lock is taken up front, so two workers cannot both
        decide that the same story is new."""
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

    # -- writing -------------------------------------------------------------------

    def record(
        self,
        article_id: str,
        fingerprint: str | None,
        url: str,
        source: str,
        make: Callable[[str], Sequence[Draft]],
        *,
        now: float | None = None,
    ) -> Recorded:
        """Group the article, then store the drafts `make(group)` returns, deduplicated."""
        now = time.time() if now is None else now
        with self._tx() as db:
            group = self._group(db, article_id, fingerprint, now)
            out = Recorded(group)
            for draft in make(group):
                self._store_one(db, draft, article_id, url, source, now, out)
        return out

    def _group(self, db: sqlite3.Connection, article_id: str, fp: str | None, now: float) -> str:
        row = db.execute("SELECT grp FROM story WHERE article_id = ?", (article_id,)).fetchone()
        if row is not None:
            return str(row["grp"])
        since = now - self.grouping.window_seconds
        recent = db.execute(
            "SELECT grp, fingerprint FROM story WHERE fingerprint IS NOT NULL AND seen_at >= ?",
            (since,),
        ).fetchall()
        group = self.grouping.assign(article_id, fp, [(r["grp"], r["fingerprint"]) for r in recent])
        db.execute(
            "INSERT INTO story (article_id, grp, fingerprint, seen_at) VALUES (?, ?, ?, ?)",
            (article_id, group, fp, now),
        )
        return group

    def _store_one(
        self,
        db: sqlite3.Connection,
        draft: Draft,
        article_id: str,
        url: str,
        source: str,
        now: float,
        out: Recorded,
    ) -> None:
        a = draft.alert
        inserted = db.execute(
            "INSERT OR IGNORE INTO alert (id, rule_id, grp, article_id, created_at, rule_name,"
            " offices, region, event) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                a.id,
                a.rule_id,
                a.group,
                a.article_id,
                now,
                draft.rule_name,
                json.dumps(draft.offices, ensure_ascii=False),
                json.dumps(draft.region, ensure_ascii=False) if draft.region else None,
                a.model_dump_json(),
            ),
        ).rowcount
        if inserted:
            db.executemany(
                "INSERT OR IGNORE INTO delivery (alert_id, channel, mode, status, next_at)"
                " VALUES (?, ?, ?, 'pending', ?)",
                [(a.id, ch, mode, at) for ch, mode, at in draft.deliveries],
            )
            out.new.append(a)
            out.owned.append(a)
            return
        row = db.execute(
            "SELECT article_id, event FROM alert WHERE rule_id = ? AND grp = ?",
            (a.rule_id, a.group),
        ).fetchone()
        if row["article_id"] == article_id:  # the same article again: a redelivery or replay
            out.owned.append(Alert.model_validate_json(row["event"]))
            return
        db.execute(
            "INSERT OR IGNORE INTO copy (alert_id, article_id, url, source, seen_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (a.id, article_id, url, source, now),
        )
        out.copies.append(a.id)

    # -- the outbox ----------------------------------------------------------------

    def claim_due(
        self, *, now: float | None = None, lease: float = 120.0, limit: int = 20
    ) -> list[Due]:
        """Pending deliveries whose time has come, leased for `lease` seconds: at most
        `limit` single sends (so the lease outlasts their timeouts), every due digest row
        (a digest is one send per channel)."""
        now = time.time() if now is None else now
        due = (
            "SELECT * FROM delivery WHERE status = 'pending' AND next_at <= ?"
            " AND (lease_until IS NULL OR lease_until < ?)"
        )
        with self._tx() as db:
            rows = db.execute(
                f"{due} AND mode = 'none' ORDER BY next_at, id LIMIT ?", (now, now, limit)
            ).fetchall()
            rows += db.execute(f"{due} AND mode != 'none' ORDER BY id", (now, now)).fetchall()
            db.executemany(
                "UPDATE delivery SET lease_until = ? WHERE id = ?",
                [(now + lease, r["id"]) for r in rows],
            )
        items = self._items([r["alert_id"] for r in rows])
        return [Due(_status(r), items[r["alert_id"]]) for r in rows]

    def delivered(self, ids: Sequence[int], *, now: float | None = None) -> None:
        now = time.time() if now is None else now
        with self._tx() as db:
            db.executemany(
                "UPDATE delivery SET status = 'delivered', attempts = attempts + 1,"
                " delivered_at = ?, lease_until = NULL, last_error = NULL WHERE id = ?",
                [(now, i) for i in ids],
            )

    def failed(self, ids: Sequence[int], error: str, retry_at: float | None) -> None:
        """Count a failed attempt; `retry_at` None dead-letters the delivery (visible, and
        `requeue` brings it back)."""
        status = "pending" if retry_at is not None else "dead"
        with self._tx() as db:
            db.executemany(
                "UPDATE delivery SET status = ?, attempts = attempts + 1, last_error = ?,"
                " next_at = COALESCE(?, next_at), lease_until = NULL WHERE id = ?",
                [(status, error[:1000], retry_at, i) for i in ids],
            )

    def requeue(self, *, alert_id: str | None = None, now: float | None = None) -> int:
        """Dead deliveries back to pending, due now."""
        now = time.time() if now is None else now
        sql = "UPDATE delivery SET status = 'pending', next_at = ?, lease_until = NULL"
        sql += " WHERE status = 'dead'"
        args: list[Any] = [now]
        if alert_id:
            sql += " AND alert_id = ?"
            args.append(alert_id)
        with self._tx() as db:
            return int(db.execute(sql, args).rowcount)

    def next_due(self) -> float | None:
        """When the next pending delivery may be sent (a leased one: when its lease ends)."""
        sql = (
            "SELECT MIN(MAX(next_at, COALESCE(lease_until, 0))) AS t FROM delivery"
            " WHERE status = 'pending'"
        )
        row = self._db().execute(sql).fetchone()
        return None if row["t"] is None else float(row["t"])

    # -- rules managed at run time (the API) ---------------------------------------

    def put_rule(self, rule: Rule) -> None:
        """Add or replace a rule; running alert stages pick it up at their next batch."""
        with self._tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO rule (id, body, updated_at) VALUES (?, ?, ?)",
                (rule.id, rule.model_dump_json(), time.time()),
            )
            self._bump(db)

    def delete_rule(self, rule_id: str) -> bool:
        with self._tx() as db:
            gone = db.execute("DELETE FROM rule WHERE id = ?", (rule_id,)).rowcount
            self._bump(db)
        return bool(gone)

    def stored_rules(self) -> list[Rule]:
        rows = self._db().execute("SELECT body FROM rule ORDER BY id").fetchall()
        return [Rule.model_validate_json(r["body"]) for r in rows]

    def rules_version(self) -> int:
        row = self._db().execute("SELECT value FROM meta WHERE key = 'rules'").fetchone()
        return 0 if row is None else int(row["value"])

    @staticmethod
    def _bump(db: sqlite3.Connection) -> None:
        db.execute(
            "INSERT INTO meta (key, value) VALUES ('rules', 1)"
            " ON CONFLICT (key) DO UPDATE SET value = value + 1"
        )

    # -- the feed ------------------------------------------------------------------

    def feed(
        self,
        *,
        limit: int = 50,
        rule: str | None = None,
        office: str | None = None,
        status: str | None = None,
        scope: frozenset[str] | None = None,
    ) -> list[StoredAlert]:
        """Newest alerts first, filtered by rule, office, a delivery status, and `scope`
        (region-code prefixes; None: everything)."""
        sql, args = _scoped("SELECT id FROM alert a WHERE 1=1", scope)
        if rule:
            sql += " AND rule_id = ?"
            args.append(rule)
        if office:
            sql += " AND EXISTS (SELECT 1 FROM json_each(a.offices) WHERE value = ?)"
            args.append(office)
        if status:
            sql += " AND EXISTS (SELECT 1 FROM delivery d WHERE d.alert_id = a.id AND status = ?)"
            args.append(status)
        sql += " ORDER BY created_at DESC, id LIMIT ?"
        args.append(limit)
        ids = [r["id"] for r in self._db().execute(sql, args).fetchall()]
        items = self._items(ids)
        return [items[i] for i in ids]

    def counts(self, *, scope: frozenset[str] | None = None) -> dict[str, int]:
        db = self._db()
        inside, args = _scoped("SELECT id FROM alert a WHERE 1=1", scope)
        n = db.execute(f"SELECT COUNT(*) FROM ({inside})", args).fetchone()
        out = {"alerts": int(n[0])}
        n = db.execute(f"SELECT COUNT(*) FROM copy WHERE alert_id IN ({inside})", args).fetchone()
        out["copies"] = int(n[0])
        for status in STATUSES:
            n = db.execute(
                f"SELECT COUNT(*) FROM delivery WHERE status = ? AND alert_id IN ({inside})",
                (status, *args),
            ).fetchone()
            out[status] = int(n[0])
        return out

    def _items(self, ids: Sequence[str]) -> dict[str, StoredAlert]:
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        db = self._db()
        marks = ",".join("?" * len(wanted))
        items: dict[str, StoredAlert] = {}
        for r in db.execute(f"SELECT * FROM alert WHERE id IN ({marks})", wanted):
            items[r["id"]] = StoredAlert(
                alert=Alert.model_validate_json(r["event"]),
                rule_name=r["rule_name"],
                offices=json.loads(r["offices"]),
                region=json.loads(r["region"]) if r["region"] else None,
            )
        for r in db.execute(
            f"SELECT * FROM copy WHERE alert_id IN ({marks}) ORDER BY seen_at", wanted
        ):
            items[r["alert_id"]].copies.append(
                {"article_id": r["article_id"], "url": r["url"], "source": r["source"]}
            )
        for r in db.execute(
            f"SELECT * FROM delivery WHERE alert_id IN ({marks}) ORDER BY id", wanted
        ):
            items[r["alert_id"]].deliveries.append(_status(r))
        return items


def _status(r: sqlite3.Row) -> DeliveryStatus:
    return DeliveryStatus(
        id=int(r["id"]),
        channel=r["channel"],
        mode=r["mode"],
        status=r["status"],
        attempts=int(r["attempts"]),
        next_at=float(r["next_at"]),
        last_error=r["last_error"],
        delivered_at=r["delivered_at"],
    )


def _scoped(sql: str, scope: frozenset[str] | None) -> tuple[str, list[Any]]:
    """`sql` (over `alert a`) limited to alerts whose region code lies within `scope`."""
    if scope is None:
        return sql, []
    code = "json_extract(a.region, '$.code')"
    tests = [f"{code} = ? OR {code} LIKE ?" for _ in scope]
    args = [v for p in sorted(scope) for v in (p, p + ".%")]
    return f"{sql} AND ({' OR '.join(tests) or '0'})", args
