"""HTTP routes for alerts: the feed (/api/alerts) and rules managed at run time.

A router, not an app: the composition root mounts it next to the search API
(`app.include_router(alerts.api.router(store, rules))`), since `search` may not import
`alerts`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Response
from fastapi.params import Depends as Dependency
from pydantic import ValidationError

from alerts.export import EXPORT_LIMIT, export_response
from alerts.feed import FeedFilter
from alerts.records import StoredAlert
from alerts.rules import Rule, RulesError, RuleSet
from alerts.store import AlertStore
from alerts.triage import State, TriageChange, TriageConflict, TriageError
from store.offices import Scope


def caller_scope() -> Scope:
    """Region-code prefixes the caller may see (None: all). The composition root
    overrides this with the signed-in user's office scope."""
    return None


def caller_name() -> str:
    """Who is changing an alert (the history's `actor`). The composition root overrides
    this with the signed-in user's name."""
    return "api"


def feed_filter(
    status: Annotated[Literal["pending", "delivered", "dead"] | None, Query()] = None,
    state: Annotated[State | None, Query(description="triage state")] = None,
    rule: Annotated[str | None, Query(max_length=64)] = None,
    office: Annotated[
        str | None, Query(max_length=200, description="e.g. bawaslu kota jakarta utara (any case)")
    ] = None,
    assignee: Annotated[str | None, Query(max_length=64)] = None,
    severity: Annotated[Literal["info", "warning", "critical"] | None, Query()] = None,
    since: Annotated[datetime | None, Query(description="published at or after")] = None,
    until: Annotated[datetime | None, Query(description="published before")] = None,
) -> FeedFilter:
    """The feed filters of the API (the web form builds the same FeedFilter)."""
    return FeedFilter(
        rule=rule,
        office=office,
        status=status,
        state=state,
        assignee=assignee,
        severity=severity,
        since=_epoch(since),
        until=_epoch(until),
    )


def _epoch(value: datetime | None) -> float | None:
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).timestamp()


def router(store: AlertStore, rules: RuleSet, *, admin: Sequence[Dependency] = ()) -> APIRouter:
    """GET /api/alerts, GET /api/alerts/rules, PUT/DELETE /api/alerts/rules/{id}; `admin`
    guards the rules routes (the composition root passes its administrator check)."""
    api = APIRouter(prefix="/api/alerts", tags=["alerts"])
    configured = {r.id for r in rules.rules}  # built-in and rules-file rules

    @api.get("")
    def feed(
        scope: Annotated[Scope, Depends(caller_scope)],
        where: Annotated[FeedFilter, Depends(feed_filter)],
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict[str, Any]:
        """Newest alerts first: article, rule, offices, evidence, copies, delivery status,
        triage; only those in the caller's office scope. `counts.states`: alerts per
        triage state under the other filters."""
        items = store.feed(limit=limit, offset=offset, where=where, scope=scope)
        counts = {**store.counts(scope=scope), "states": store.state_counts(where, scope=scope)}
        return {"counts": counts, "alerts": [i.to_dict() for i in items]}

    @api.get("/export")
    def export_feed(
        scope: Annotated[Scope, Depends(caller_scope)],
        where: Annotated[FeedFilter, Depends(feed_filter)],
        format: Literal["csv", "json"] = "csv",
    ) -> Response:
        """The feed under its filters (up to 10 000 alerts) as a CSV or JSON download."""
        items = store.feed(limit=EXPORT_LIMIT, where=where, scope=scope)
        return export_response(items, format)

    def changeable(rule_id: str) -> None:
        if rule_id in configured:
            raise HTTPException(
                403,
                f"rule {rule_id!r} is set in configuration (the built-in rule, "
                "PANTAU_ALERTS__DEFAULT_RULE, or the rules file): change it there",
            )

    @api.get("/rules", dependencies=list(admin))
    def list_rules() -> dict[str, Any]:
        stored = {r.id for r in store.stored_rules()}
        merged = rules.with_rules(store.stored_rules())
        return {
            "rules": [
                {**r.model_dump(mode="json"), "stored": r.id in stored} for r in merged.rules
            ],
            "channels": sorted(merged.channels),
        }

    @api.put("/rules/{rule_id}", dependencies=list(admin))
    def put_rule(rule_id: str, body: dict[str, Any]) -> dict[str, Any]:
        """Add or replace a rule; running alert stages apply it from their next batch."""
        changeable(rule_id)
        try:
            rule = Rule.model_validate({**body, "id": rule_id})
            rules.with_rules([*store.stored_rules(), rule])  # channels must exist
        except (ValidationError, RulesError) as exc:
            raise HTTPException(422, _reason(exc)) from exc
        store.put_rule(rule)
        return rule.model_dump(mode="json")

    @api.delete("/rules/{rule_id}", status_code=204, dependencies=list(admin))
    def delete_rule(rule_id: str) -> None:
        changeable(rule_id)
        if not store.delete_rule(rule_id):
            raise HTTPException(404, f"no stored rule {rule_id!r}")

    cases(api, store)  # last: /{alert_id} must not shadow /rules and /export
    return api


def cases(api: APIRouter, store: AlertStore) -> None:
    """One alert: read it, triage it, its snapshots (download, re-check)."""

    @api.get("/{alert_id}")
    def one(alert_id: str, scope: Annotated[Scope, Depends(caller_scope)]) -> dict[str, Any]:
        """The alert with its triage history (oldest first) and evidence snapshots."""
        case = store.case(alert_id, scope=scope)
        if case is None:
            raise HTTPException(404, f"no alert {alert_id!r}")
        return case.to_dict()

    @api.patch("/{alert_id}", responses={409: {"description": "changed by someone else"}})
    def triage(
        alert_id: str,
        change: TriageChange,
        scope: Annotated[Scope, Depends(caller_scope)],
        actor: Annotated[str, Depends(caller_name)],
    ) -> dict[str, Any]:
        """Change the triage state (with outcome for ditindaklanjuti), assignee, due date,
        or add a note. `version` must be the alert's current `triage.version`: otherwise
        409 and nothing changes."""
        try:
            case = store.triage_case(alert_id, change, actor, scope=scope)
        except TriageConflict as exc:
            raise HTTPException(409, str(exc)) from exc
        except TriageError as exc:
            raise HTTPException(422, str(exc)) from exc
        if case is None:
            raise HTTPException(404, f"no alert {alert_id!r}")
        return case.to_dict()

    @api.get("/{alert_id}/snapshots/{snapshot_id}", response_class=Response)
    def snapshot_bytes(
        alert_id: str, snapshot_id: int, scope: Annotated[Scope, Depends(caller_scope)]
    ) -> Response:
        """The page bytes exactly as fetched (their SHA-256 in X-Content-SHA256)."""
        found = store.evidence.body(snapshot_id, scope=scope)
        if found is None or found[0].alert_id != alert_id:
            raise HTTPException(404, "no such snapshot")
        meta, body = found
        name = f"snapshot-{alert_id[:12]}-{meta.id}.html"
        return Response(
            body,
            media_type="application/octet-stream",
            headers={
                "Content-Disposition": f'attachment; filename="{name}"',
                "X-Content-SHA256": meta.sha256,
            },
        )

    @api.post("/{alert_id}/recheck")
    def recheck(alert_id: str, scope: Annotated[Scope, Depends(caller_scope)]) -> dict[str, Any]:
        """Fetch the page again now: a new snapshot, compared with the original."""
        _found(store, alert_id, scope)
        snap = store.evidence.recheck(alert_id)
        if snap is None:
            raise HTTPException(409, "this alert has no original snapshot yet")
        return snap.to_dict()


def _found(store: AlertStore, alert_id: str, scope: Scope) -> StoredAlert:
    item = store.get(alert_id, scope=scope)
    if item is None:
        raise HTTPException(404, f"no alert {alert_id!r}")
    return item


def _reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(root)"
        return f"{where}: {first['msg']}"
    return str(exc)
