"""HTTP routes for alerts: the feed (/api/alerts) and rules managed at run time.

A router, not an app: the composition root mounts it next to the search API
(`app.include_router(alerts.api.router(store, rules))`), since `search` may not import
`alerts`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.params import Depends as Dependency
from pydantic import ValidationError

from alerts.rules import Rule, RulesError, RuleSet
from alerts.store import AlertStore
from store.offices import Scope


def caller_scope() -> Scope:
    """Region-code prefixes the caller may see (None: all). The composition root
    overrides this with the signed-in user's office scope."""
    return None


def router(store: AlertStore, rules: RuleSet, *, admin: Sequence[Dependency] = ()) -> APIRouter:
    """GET /api/alerts, GET /api/alerts/rules, PUT/DELETE /api/alerts/rules/{id}; `admin`
    guards the rules routes (the composition root passes its administrator check)."""
    api = APIRouter(prefix="/api/alerts", tags=["alerts"])
    configured = {r.id for r in rules.rules}  # built-in and rules-file rules

    @api.get("")
    def feed(
        scope: Annotated[Scope, Depends(caller_scope)],
        status: Annotated[Literal["pending", "delivered", "dead"] | None, Query()] = None,
        rule: Annotated[str | None, Query(max_length=64)] = None,
        office: Annotated[
            str | None, Query(max_length=200, description="e.g. Bawaslu Kota Jakarta Utara")
        ] = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
    ) -> dict[str, Any]:
        """Newest alerts first: article, rule, offices, evidence, copies, delivery status;
        only those in the caller's office scope."""
        items = store.feed(limit=limit, rule=rule, office=office, status=status, scope=scope)
        return {"counts": store.counts(scope=scope), "alerts": [i.to_dict() for i in items]}

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

    return api


def _reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(root)"
        return f"{where}: {first['msg']}"
    return str(exc)
