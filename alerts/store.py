"""AlertStore: stories, alerts (the feed) and the delivery outbox, in the operational store.

Everything an alert needs is written in one transaction: the article's syndication group,
the alert (unique per rule and group) and one delivery row per channel. Deliveries are
then sent from this outbox, so a crash anywhere never loses one and a redelivered
article never creates another. The same holds for several processes on several hosts
sharing one PostgreSQL: `record` runs under one advisory lock (two copies of a story
cannot both start a group) and `claim_due` skips rows another sender has locked.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, bindparam, case, delete, func, select
from sqlalchemy import update as sql_update

from alerts.evidence import Evidence
from alerts.feed import Feed, delivery_status, items_in
from alerts.grouping import Grouping
from alerts.records import Case, Draft, Due, Recorded, StoredAlert
from alerts.rules import Rule
from alerts.triage import (
    HistoryEntry,
    TriageChange,
    apply_change,
    apply_in,
    history,
    history_in,
)
from pipeline.events import Alert
from store.db import Store, open_store, sqlite_url
from store.offices import Scope, ancestors, scope_clause
from store.tables import (
    alert,
    alert_copy,
    alert_office,
    alert_region,
    alert_rule,
    delivery,
    store_meta,
    story,
)

log = logging.getLogger(__name__)
RECORD_LOCK = "pantau.alerts.record"


class AlertStore(Feed):
    """The alert tables of one operational store (thread-safe: a connection per call).

    Given a Path (tests, tools), it opens a SQLite store of its own in that file.
    """

    def __init__(self, store: Store | Path, *, grouping: Grouping | None = None) -> None:
        self._owned = isinstance(store, Path)
        self.db = open_store(sqlite_url(store)) if isinstance(store, Path) else store
        self.path = self.db.where  # named in error messages
        self.grouping = grouping or Grouping()
        self.evidence = Evidence(self.db)

    def close(self) -> None:
        if self._owned:
            self.db.close()

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
        with self.db.write(lock=RECORD_LOCK) as conn:
            group = self._group(conn, article_id, fingerprint, now)
            out = Recorded(group)
            for draft in make(group):
                self._store_one(conn, draft, article_id, url, source, now, out)
        return out

    def _group(self, conn: Connection, article_id: str, fp: str | None, now: float) -> str:
        known = conn.execute(select(story.c.grp).where(story.c.article_id == article_id))
        found = known.scalar()
        if found is not None:
            return str(found)
        since = now - self.grouping.window_seconds
        recent = conn.execute(
            select(story.c.grp, story.c.fingerprint)
            .where(story.c.fingerprint.is_not(None), story.c.seen_at >= since)
            .order_by(story.c.seen_at)
        ).all()
        group = self.grouping.assign(article_id, fp, [(r.grp, r.fingerprint) for r in recent])
        conn.execute(
            story.insert().values(article_id=article_id, grp=group, fingerprint=fp, seen_at=now)
        )
        return group

    def _store_one(
        self,
        conn: Connection,
        draft: Draft,
        article_id: str,
        url: str,
        source: str,
        now: float,
        out: Recorded,
    ) -> None:
        a = draft.alert
        row = {
            "id": a.id,
            "rule_id": a.rule_id,
            "grp": a.group,
            "article_id": a.article_id,
            "created_at": now,
            "rule_name": draft.rule_name,
            "offices": draft.offices,
            "region": draft.region,
            "region_code": (draft.region or {}).get("code"),
            "event": a.model_dump_json(),
            "severity": a.severity,
            "published_at": a.published_at.timestamp() if a.published_at else None,
        }
        # RETURNING, not rowcount: psycopg reports -1 for INSERT ... ON CONFLICT DO NOTHING.
        insert = self.db.insert(alert).values(row).on_conflict_do_nothing()
        if conn.execute(insert.returning(alert.c.id)).first() is not None:
            offices = [{"alert_id": a.id, "office": o} for o in dict.fromkeys(draft.offices)]
            if offices:
                conn.execute(alert_office.insert(), offices)
            code = (draft.region or {}).get("code")
            levels = [{"alert_id": a.id, "code": c} for c in ancestors(code)]
            if levels:
                conn.execute(alert_region.insert(), levels)
            rows = [
                {"alert_id": a.id, "channel": ch, "mode": mode, "status": "pending", "next_at": at}
                for ch, mode, at in draft.deliveries
            ]
            if rows:
                conn.execute(self.db.insert(delivery).on_conflict_do_nothing(), rows)
            out.new.append(a)
            out.owned.append(a)
            return
        first = conn.execute(
            select(alert.c.article_id, alert.c.event).where(
                alert.c.rule_id == a.rule_id, alert.c.grp == a.group
            )
        ).one()
        if first.article_id == article_id:  # the same article again: a redelivery or replay
            out.owned.append(Alert.model_validate_json(first.event))
            return
        copy = {"alert_id": a.id, "article_id": article_id, "url": url, "source": source}
        conn.execute(
            self.db.insert(alert_copy).values(**copy, seen_at=now).on_conflict_do_nothing()
        )
        out.copies.append(a.id)

    # -- triage (alerts/triage.py) --------------------------------------------------

    def triage(
        self,
        alert_id: str,
        change: TriageChange,
        actor: str,
        *,
        scope: Scope = None,
        now: float | None = None,
    ) -> StoredAlert | None:
        """Apply one triage change (TriageConflict when the version moved); the alert as
        it is now, or None when it does not exist within scope."""
        if not apply_change(self.db, alert_id, change, actor, scope=scope, now=now):
            return None
        return self.get(alert_id, scope=scope)

    def triage_case(
        self, alert_id: str, change: TriageChange, actor: str, *, scope: Scope = None
    ) -> Case | None:
        """`triage`, answered with the whole case (what the API returns): one transaction."""
        with self.db.write() as conn:
            if not apply_in(self.db, conn, alert_id, change, actor, scope=scope):
                return None
            return self._case_in(conn, alert_id)

    def history(self, alert_id: str) -> list[HistoryEntry]:
        return history(self.db, [alert_id])[alert_id]

    def case(self, alert_id: str, *, scope: Scope = None) -> Case | None:
        """The alert, its history and its snapshots, read in one transaction."""
        inside = scope_clause(alert.c.id, scope)
        sql = select(alert.c.id).where(alert.c.id == alert_id, inside)
        with self.db.read() as conn:
            if conn.execute(sql).scalar() is None:
                return None
            return self._case_in(conn, alert_id)

    def _case_in(self, conn: Connection, alert_id: str) -> Case:
        item = items_in(conn, [alert_id])[alert_id]
        steps = history_in(conn, [alert_id])[alert_id]
        return Case(item, steps, self.evidence.of_in(conn, alert_id))

    # -- the outbox ----------------------------------------------------------------

    def claim_due(
        self, *, now: float | None = None, lease: float = 120.0, limit: int = 20
    ) -> list[Due]:
        """Pending deliveries whose time has come, leased for `lease` seconds: at most
        `limit` single sends (so the lease outlasts their timeouts), every due digest row
        (a digest is one send per channel). Rows another sender is claiming right now are
        skipped (FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite has one writer anyway)."""
        now = time.time() if now is None else now
        d = delivery.c
        due = select(delivery).where(
            d.status == "pending",
            d.next_at <= now,
            (d.lease_until.is_(None)) | (d.lease_until < now),
        )
        singles = due.where(d.mode == "none").order_by(d.next_at, d.id).limit(limit)
        digests = due.where(d.mode != "none").order_by(d.id)
        with self.db.write() as conn:
            rows = [
                *conn.execute(singles.with_for_update(skip_locked=True)).mappings(),
                *conn.execute(digests.with_for_update(skip_locked=True)).mappings(),
            ]
            if rows:
                conn.execute(
                    sql_update(delivery)
                    .where(d.id == bindparam("b_id"))
                    .values(lease_until=now + lease),
                    [{"b_id": r["id"]} for r in rows],
                )
        items = self._items([r["alert_id"] for r in rows])
        return [Due(delivery_status(r), items[r["alert_id"]]) for r in rows]

    def delivered(self, ids: Sequence[int], *, now: float | None = None) -> None:
        now = time.time() if now is None else now
        if not ids:
            return
        d = delivery.c
        with self.db.write() as conn:
            conn.execute(
                sql_update(delivery)
                .where(d.id == bindparam("b_id"))
                .values(
                    status="delivered",
                    attempts=d.attempts + 1,
                    delivered_at=now,
                    lease_until=None,
                    last_error=None,
                ),
                [{"b_id": i} for i in ids],
            )

    def failed(self, ids: Sequence[int], error: str, retry_at: float | None) -> None:
        """Count a failed attempt; `retry_at` None dead-letters the delivery (visible, and
        `requeue` brings it back)."""
        if not ids:
            return
        d = delivery.c
        values: dict[str, Any] = {
            "status": "pending" if retry_at is not None else "dead",
            "attempts": d.attempts + 1,
            "last_error": error[:1000],
            "lease_until": None,
        }
        if retry_at is not None:
            values["next_at"] = retry_at
        with self.db.write() as conn:
            conn.execute(
                sql_update(delivery).where(d.id == bindparam("b_id")).values(values),
                [{"b_id": i} for i in ids],
            )

    def requeue(self, *, alert_id: str | None = None, now: float | None = None) -> int:
        """Dead deliveries back to pending, due now."""
        now = time.time() if now is None else now
        sql = sql_update(delivery).where(delivery.c.status == "dead")
        if alert_id:
            sql = sql.where(delivery.c.alert_id == alert_id)
        with self.db.write() as conn:
            done = conn.execute(sql.values(status="pending", next_at=now, lease_until=None))
            return int(done.rowcount)

    def next_due(self) -> float | None:
        """When the next pending delivery may be sent (a leased one: when its lease ends)."""
        d = delivery.c
        later = case((d.lease_until > d.next_at, d.lease_until), else_=d.next_at)
        with self.db.read() as conn:
            t = conn.execute(select(func.min(later)).where(d.status == "pending")).scalar()
        return None if t is None else float(t)

    # -- rules managed at run time (the API) ---------------------------------------

    def put_rule(self, rule: Rule) -> None:
        """Add or replace a rule; running alert stages pick it up at their next batch."""
        row = {"id": rule.id, "body": rule.model_dump_json(), "updated_at": time.time()}
        upsert = self.db.insert(alert_rule).values(row)
        with self.db.write() as conn:
            conn.execute(upsert.on_conflict_do_update(index_elements=["id"], set_=row))
            self._bump(conn)

    def delete_rule(self, rule_id: str) -> bool:
        with self.db.write() as conn:
            gone = conn.execute(delete(alert_rule).where(alert_rule.c.id == rule_id)).rowcount
            self._bump(conn)
        return bool(gone)

    def stored_rules(self) -> list[Rule]:
        """The rules added through the API. One no longer valid (its stage is missing from
        the election calendar configured since) is left out with an error in the log, so
        the others still run and an administrator can replace or delete it by id."""
        with self.db.read() as conn:
            found = conn.execute(select(alert_rule).order_by(alert_rule.c.id)).all()
        rules = []
        for row in found:
            try:
                rules.append(Rule.model_validate_json(row.body))
            except ValidationError as exc:
                problem = "; ".join(e["msg"] for e in exc.errors()[:3])
                log.error("stored alert rule %r ignored: %s", row.id, problem)
        return rules

    def rules_version(self) -> int:
        with self.db.read() as conn:
            found = conn.execute(select(store_meta.c.value).where(store_meta.c.key == "rules"))
            value = found.scalar()
        return 0 if value is None else int(value)

    def bump_rules(self) -> None:
        """Tell running stages the stored rules changed (they reload at their next batch)."""
        with self.db.write() as conn:
            self._bump(conn)

    def _bump(self, conn: Connection) -> None:
        bump = self.db.insert(store_meta).values(key="rules", value=1)
        conn.execute(
            bump.on_conflict_do_update(
                index_elements=["key"], set_={"value": store_meta.c.value + 1}
            )
        )
