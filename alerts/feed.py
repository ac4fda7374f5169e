"""The read side of the alert store: the feed, single alerts and counts, scoped in SQL."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, RowMapping, Select, and_, exists, func, select, true

from alerts.records import STATUSES, DeliveryStatus, StoredAlert
from pipeline.events import Alert
from store.db import Store
from store.offices import Scope, minimal
from store.tables import alert, alert_copy, alert_office, alert_region, delivery

S = TypeVar("S", bound=Select[Any])


class Feed:
    """Part of `alerts.store.AlertStore`: what the web UI, the API and the CLI read."""

    db: Store

    # -- the feed ------------------------------------------------------------------

    def feed(
        self,
        *,
        limit: int = 50,
        rule: str | None = None,
        office: str | None = None,
        status: str | None = None,
        scope: Scope = None,
    ) -> list[StoredAlert]:
        """Newest alerts first, filtered by rule, office, a delivery status, and `scope`
        (region-code prefixes, `store.offices.scope_of(user)`; None: everything)."""
        sql = _scoped(select(alert.c.id), alert.c.id, scope).where(
            self._where(rule, office, status)
        )
        sql = sql.order_by(alert.c.created_at.desc(), alert.c.id).limit(limit)
        with self.db.read() as conn:
            ids = list(conn.execute(sql).scalars())
        items = self._items(ids)
        return [items[i] for i in ids]

    def get(self, alert_id: str, *, scope: Scope = None) -> StoredAlert | None:
        """One alert, if it exists and lies within scope."""
        sql = _scoped(select(alert.c.id), alert.c.id, scope).where(alert.c.id == alert_id)
        with self.db.read() as conn:
            found = conn.execute(sql).scalar()
        return self._items([found]).get(found) if found else None

    def counts(self, *, scope: Scope = None) -> dict[str, int]:
        """Alerts, suppressed copies and deliveries by status (the page header reads this
        on every render: scoped, it starts from the region index, not from every alert)."""
        n_alerts = _scoped(select(func.count()).select_from(alert), alert.c.id, scope)
        n_copies = _scoped(
            select(func.count()).select_from(alert_copy), alert_copy.c.alert_id, scope
        )
        by_status = _scoped(
            select(delivery.c.status, func.count()).group_by(delivery.c.status),
            delivery.c.alert_id,
            scope,
        )
        with self.db.read() as conn:
            out = {
                "alerts": int(conn.execute(n_alerts).scalar_one()),
                "copies": int(conn.execute(n_copies).scalar_one()),
            }
            statuses = {str(status): int(n) for status, n in conn.execute(by_status)}
        out.update({s: statuses.get(s, 0) for s in STATUSES})
        return out

    @staticmethod
    def _where(rule: str | None, office: str | None, status: str | None) -> ColumnElement[bool]:
        clauses: list[ColumnElement[bool]] = []
        if rule:
            clauses.append(alert.c.rule_id == rule)
        if office:
            o = alert_office.c
            clauses.append(exists().where(o.alert_id == alert.c.id, o.office == office))
        if status:
            d = delivery.c
            clauses.append(exists().where(d.alert_id == alert.c.id, d.status == status))
        return and_(true(), *clauses)

    def _items(self, ids: Sequence[str]) -> dict[str, StoredAlert]:
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        items: dict[str, StoredAlert] = {}
        with self.db.read() as conn:
            for r in conn.execute(select(alert).where(alert.c.id.in_(wanted))).mappings():
                items[r["id"]] = StoredAlert(
                    alert=Alert.model_validate_json(r["event"]),
                    rule_name=r["rule_name"],
                    offices=list(r["offices"]),
                    region=r["region"],
                )
            copies = select(alert_copy).where(alert_copy.c.alert_id.in_(wanted))
            for r in conn.execute(copies.order_by(alert_copy.c.seen_at)).mappings():
                items[r["alert_id"]].copies.append(
                    {"article_id": r["article_id"], "url": r["url"], "source": r["source"]}
                )
            sends = select(delivery).where(delivery.c.alert_id.in_(wanted)).order_by(delivery.c.id)
            for r in conn.execute(sends).mappings():
                items[r["alert_id"]].deliveries.append(delivery_status(r))
        return items


def _scoped(sql: S, alert_id: ColumnElement[str], scope: Scope) -> S:
    """`sql` joined to alert_region on `alert_id`, within scope. An alert in 31.72.01 has
    the rows 31, 31.72 and 31.72.01, so office "31" or "31.72" finds it by equality on
    an index; with the prefixes made minimal, no alert is joined twice."""
    if scope is None:
        return sql
    r = alert_region.c
    return sql.join_from(alert_id.table, alert_region, r.alert_id == alert_id).where(
        r.code.in_(minimal(scope))
    )


def delivery_status(r: RowMapping) -> DeliveryStatus:
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
