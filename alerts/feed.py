"""The read side of the alert store: the feed, single alerts and counts, scoped in SQL."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Connection, RowMapping, Select, and_, exists, func, select

from alerts.records import STATUSES, DeliveryStatus, StoredAlert, Triage
from alerts.triage import STATES
from pipeline.events import Alert
from store.db import Store
from store.offices import Scope, minimal, scope_clause
from store.tables import alert, alert_copy, alert_office, alert_region, delivery

S = TypeVar("S", bound=Select[Any])

TRIAGE_COLUMNS = ("state", "outcome", "assignee", "due_at", "version", "changed_at", "page_state")


class Feed:
    """Part of `alerts.store.AlertStore`: what the web UI, the API and the CLI read."""

    db: Store

    # -- the feed ------------------------------------------------------------------

    def feed(
        self,
        *,
        limit: int = 50,
        offset: int = 0,
        rule: str | None = None,
        office: str | None = None,
        status: str | None = None,
        scope: Scope = None,
        where: FeedFilter | None = None,
    ) -> list[StoredAlert]:
        """Newest alerts first, filtered by rule, office, a delivery status, the triage
        filters in `where`, and `scope` (region-code prefixes, `store.offices.scope_of(user)`;
        None: everything)."""
        f = _merged(where, rule=rule, office=office, status=status)
        sql = select(alert.c.id).where(_where(f, scope))
        sql = sql.order_by(alert.c.created_at.desc(), alert.c.id).limit(limit).offset(offset)
        with self.db.read() as conn:
            ids = list(conn.execute(sql).scalars())
        items = self._items(ids)
        return [items[i] for i in ids]

    def get(self, alert_id: str, *, scope: Scope = None) -> StoredAlert | None:
        """One alert, if it exists and lies within scope (one read transaction)."""
        sql = select(alert.c.id).where(alert.c.id == alert_id, _where(FeedFilter(), scope))
        with self.db.read() as conn:
            found = conn.execute(sql).scalar()
            return items_in(conn, [found]).get(found) if found else None

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

    def state_counts(self, where: FeedFilter, *, scope: Scope = None) -> dict[str, int]:
        """Alerts per triage state under every filter but the state itself (so the counts
        say what choosing each state would show)."""
        f = replace(where, state=None)
        sql = select(alert.c.state, func.count()).where(_where(f, scope)).group_by(alert.c.state)
        with self.db.read() as conn:
            found = {str(s): int(n) for s, n in conn.execute(sql)}
        return {s: found.get(s, 0) for s in STATES}

    def rules_seen(self, *, scope: Scope = None) -> list[tuple[str, str]]:
        """(rule id, name) of the rules that fired within scope: the feed's rule choice."""
        inside = scope_clause(alert.c.id, scope)
        sql = select(alert.c.rule_id, func.max(alert.c.rule_name)).where(inside)
        with self.db.read() as conn:
            rows = conn.execute(sql.group_by(alert.c.rule_id).order_by(alert.c.rule_id)).all()
        return [(str(r[0]), str(r[1])) for r in rows]

    def _items(self, ids: Sequence[str]) -> dict[str, StoredAlert]:
        if not ids:
            return {}
        with self.db.read() as conn:
            return items_in(conn, ids)


def items_in(conn: Connection, ids: Sequence[str]) -> dict[str, StoredAlert]:
    wanted = list(dict.fromkeys(ids))
    items: dict[str, StoredAlert] = {}
    for r in conn.execute(select(alert).where(alert.c.id.in_(wanted))).mappings():
        items[r["id"]] = StoredAlert(
            alert=Alert.model_validate_json(r["event"]),
            rule_name=r["rule_name"],
            offices=list(r["offices"]),
            region=r["region"],
            triage=Triage(**{k: r[k] for k in TRIAGE_COLUMNS}),
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


@dataclass(frozen=True)
class FeedFilter:
    """What the feed is narrowed to (web form, API, CLI and exports alike)."""

    rule: str | None = None
    office: str | None = None  # an office name, any case
    status: str | None = None  # a delivery status
    state: str | None = None  # a triage state
    assignee: str | None = None
    severity: str | None = None
    since: float | None = None  # published at or after (epoch seconds)
    until: float | None = None  # published before


def _merged(where: FeedFilter | None, **given: str | None) -> FeedFilter:
    f = where or FeedFilter()
    extra: dict[str, Any] = {k: v for k, v in given.items() if v}
    return replace(f, **extra)


def _where(f: FeedFilter, scope: Scope) -> Any:
    c = alert.c
    clauses = [scope_clause(c.id, scope)]
    equal = {c.rule_id: f.rule, c.state: f.state, c.assignee: f.assignee, c.severity: f.severity}
    clauses += [col == v for col, v in equal.items() if v]
    if f.office:
        o = alert_office.c
        named = func.lower(o.office) == f.office.strip().lower()
        clauses.append(exists().where(o.alert_id == c.id, named))
    if f.status:
        d = delivery.c
        clauses.append(exists().where(d.alert_id == c.id, d.status == f.status))
    if f.since is not None:
        clauses.append(c.published_at >= f.since)
    if f.until is not None:
        clauses.append(c.published_at < f.until)
    return and_(*clauses)


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
        kind=r["kind"],
    )
