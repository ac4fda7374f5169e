"""The alert pages: the feed staff work from, one alert (triage, evidence), its case file.

Every read and write goes through the user's office scope; forms carry the CSRF token
(checked by the middleware) and the alert version the user saw, so a concurrent change
is shown as a conflict instead of being overwritten.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from pydantic import ValidationError

from alerts.api import caller_scope
from alerts.evidence import VERDICTS
from alerts.feed import FeedFilter
from alerts.records import STATUSES, StoredAlert
from alerts.store import AlertStore
from alerts.triage import OPEN_STATES, OUTCOMES, STATES, TriageChange, TriageConflict, TriageError
from crawlers.watch.schema import HEALTH_RULE
from pantau.report import render  # a module: render imports pantau.web back
from pantau.web.auth import CurrentUser
from pantau.web.form import first, params_of
from pantau.web.view import ENV, ZONES, Params, link, page, problem
from pipeline.events import Alert
from search.query import QuerySyntaxError, parse_when
from store.accounts import User
from store.offices import Offices, Scope, time_zone

PAGE_SIZE = 50
SAFE_NAME = re.compile(r"[^A-Za-z0-9_-]")  # what an alert id may bring into a file name
SEVERITIES = {"critical": "kritis", "warning": "waspada", "info": "info"}
AlertScope = Annotated[Scope, Depends(caller_scope)]
NOT_FOUND = ("Peringatan tidak ditemukan", "Tidak ada peringatan ini di wilayah kantor Anda.")
IANA = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}
CONFLICT = (
    "Peringatan ini sudah diubah orang lain sejak Anda membukanya. Perubahan Anda tidak "
    "disimpan; periksa keadaan terbaru di bawah, lalu ulangi bila masih perlu."
)


class BadFilter(ValueError):
    """A feed parameter the page cannot use; the message is shown to the user."""


def article_href(al: Alert) -> str:
    """Where an alert's article link goes: the article, or the Sumber page of a source
    that keeps failing (its alert has no article)."""
    if al.rule_id == HEALTH_RULE:
        return f"/sources/{quote(al.source, safe='')}"
    return f"/articles/{quote(al.article_id, safe='')}"


ENV.globals.update(article_href=article_href, HEALTH_RULE=HEALTH_RULE)


def feed_filter(params: Params, username: str) -> FeedFilter:
    """The page's parameters -> FeedFilter (the API's `alerts.api.feed_filter` twin)."""
    state, status, severity = (
        first(params, "state"),
        first(params, "status"),
        first(params, "severity"),
    )
    if state and state not in STATES:
        raise BadFilter(f"status penanganan harus salah satu dari: {', '.join(STATES)}")
    if status and status not in STATUSES:
        raise BadFilter(f"status harus salah satu dari: {', '.join(STATUSES)}")
    if severity and severity not in SEVERITIES:
        raise BadFilter(f"tingkat harus salah satu dari: {', '.join(SEVERITIES)}")
    try:
        since = first(params, "since")
        until = first(params, "until")
        since_at = parse_when(since).timestamp() if since else None
        until_at = parse_when(until, whole_day=True).timestamp() if until else None
    except QuerySyntaxError as exc:
        raise BadFilter(f"{exc.indonesian} {exc.help}".strip()) from exc
    assignee = username if first(params, "mine") else first(params, "assignee")
    return FeedFilter(
        rule=first(params, "rule") or None,
        office=first(params, "office").strip() or None,
        status=status or None,
        state=state or None,
        assignee=assignee or None,
        severity=severity or None,
        since=since_at,
        until=until_at,
    )


def zone_of(item: StoredAlert) -> str:
    """The time zone of the office the alert was routed to (by its region)."""
    return time_zone((item.region or {}).get("code"))


def feed_zone_name(items: list[StoredAlert]) -> str:
    """What the feed's footer says of its times: each card is in its office's zone, the
    date filters are read in WIB."""
    zones = sorted({zone_of(i) for i in items}, key=list(ZONES).index)
    if zones in ([], ["WIB"]):
        return "WIB"
    return f"zona kantor tiap peringatan ({', '.join(zones)}); tanggal saringan dalam WIB"


def router(store: AlertStore) -> APIRouter:
    """GET /alerts, /alerts/{id}, /alerts/{id}/berkas(.pdf); POST /alerts/{id}/triage, /recheck."""
    web = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
    offices: list[Offices] = []  # read once, on first use (a few hundred rows)

    def office_names(user: User | None) -> list[str]:
        if not offices:
            offices.append(Offices(store.db))
        known = offices[0]
        return [o.name for o in (known.offices_in_scope(user) if user else known.all())]

    @web.get("/alerts")
    def feed(request: Request, scope: AlertScope) -> HTMLResponse:
        # the user is None only in an app built without the sign-in layer (tests, tools)
        user: User | None = getattr(request.state, "user", None)
        params = params_of(request.query_params)
        context: dict[str, Any] = {
            "params": params,
            "unpaged": [(k, v) for k, v in params if k != "page"],
            "f": {k: first(params, k) for k in FORM_FIELDS},
            "offices": office_names(user),
            "rules": store.rules_seen(scope=scope),
            **LABELS,
            "error": None,
            "items": [],
        }
        try:
            where = feed_filter(params, user.username if user else "")
            number = max(1, int(first(params, "page", "1")))
        except (BadFilter, ValueError) as exc:
            return page("alerts.html", {**context, "error": str(exc)}, 400)
        items = store.feed(
            limit=PAGE_SIZE + 1, offset=(number - 1) * PAGE_SIZE, where=where, scope=scope
        )
        kept = [(k, v) for k, v in params if k != "page"]
        context.update(
            items=items[:PAGE_SIZE],
            zones={i.alert.id: zone_of(i) for i in items},
            zone_name=feed_zone_name(items[:PAGE_SIZE]),
            counts=store.counts(scope=scope),
            states=store.state_counts(where, scope=scope),
            page_number=number,
            newer=link("/alerts", [*kept, ("page", str(number - 1))]) if number > 1 else None,
            older=link("/alerts", [*kept, ("page", str(number + 1))])
            if len(items) > PAGE_SIZE
            else None,
            export_csv=link("/api/alerts/export", [*_api_params(where), ("format", "csv")]),
            export_json=link("/api/alerts/export", [*_api_params(where), ("format", "json")]),
        )
        return page("alerts.html", context)

    def detail(item: StoredAlert, *, error: str | None = None, status: int = 200) -> HTMLResponse:
        context = {
            "item": item,
            "zone": zone_of(item),
            "zone_name": zone_of(item),  # the footer's: every time of the page is in it
            "history": store.history(item.alert.id),
            "snapshots": store.evidence.of(item.alert.id),
            "due_value": _due_date(item.triage.due_at, zone_of(item)),
            **LABELS,
            "error": error,
        }
        return page("alert.html", context, status)

    @web.get("/alerts/{alert_id}")
    def one(alert_id: str, scope: AlertScope) -> HTMLResponse:
        item = store.get(alert_id, scope=scope)
        return detail(item) if item else problem(*NOT_FOUND, 404)

    @web.post("/alerts/{alert_id}/triage")
    async def triage(
        alert_id: str, request: Request, scope: AlertScope, user: CurrentUser
    ) -> Response:
        form = await request.form()
        fields = {k: str(v).strip() for k, v in form.items() if k != "csrf_token"}
        item = store.get(alert_id, scope=scope)
        if item is None:
            return problem(*NOT_FOUND, 404)
        try:
            change = _change(fields, item)
            store.triage(alert_id, change, user.username, scope=scope)
        except TriageConflict:
            return detail(store.get(alert_id, scope=scope) or item, error=CONFLICT, status=409)
        except (TriageError, BadFilter) as exc:
            return detail(item, error=str(exc), status=400)
        return RedirectResponse(f"/alerts/{alert_id}", status_code=303)

    @web.post("/alerts/{alert_id}/recheck")
    def recheck(alert_id: str, scope: AlertScope) -> Response:
        if store.get(alert_id, scope=scope) is None:
            return problem(*NOT_FOUND, 404)
        if store.evidence.original(alert_id) is None:
            store.evidence.take_for(alert_id)
        store.evidence.recheck(alert_id)
        return RedirectResponse(f"/alerts/{alert_id}#bukti", status_code=303)

    def case_context(item: StoredAlert) -> dict[str, Any]:
        alert_id = item.alert.id
        return {
            "item": item,
            "zone": zone_of(item),
            "zone_name": zone_of(item),
            "history": store.history(alert_id),
            "snapshots": store.evidence.of(alert_id),
            **LABELS,
        }

    @web.get("/alerts/{alert_id}/berkas")
    def case_file(alert_id: str, scope: AlertScope) -> HTMLResponse:
        item = store.get(alert_id, scope=scope)
        return page("casefile.html", case_context(item)) if item else problem(*NOT_FOUND, 404)

    @web.get("/alerts/{alert_id}/berkas.pdf", response_model=None)
    def case_file_pdf(alert_id: str, scope: AlertScope) -> Response:
        item = store.get(alert_id, scope=scope)
        if item is None:
            return problem(*NOT_FOUND, 404)
        context = {**case_context(item), "css": Markup(_stylesheet()), "printed": time.time()}
        html = ENV.get_template("casefile_doc.html").render(**context)
        name = f"berkas-kasus-{SAFE_NAME.sub('', alert_id)[:64] or 'peringatan'}.pdf"
        return Response(
            render.html_to_pdf(html),
            media_type="application/pdf",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    return web


FORM_FIELDS = ("state", "status", "office", "rule", "severity", "since", "until", "mine")
LABELS = {
    "STATES": STATES,
    "OUTCOMES": OUTCOMES,
    "OPEN_STATES": OPEN_STATES,
    "SEVERITY": SEVERITIES,
    "VERDICTS": VERDICTS,
}


def _api_params(where: FeedFilter) -> Params:
    out: Params = []
    for name in ("rule", "office", "status", "state", "assignee", "severity"):
        value = getattr(where, name)
        if value:
            out.append((name, value))
    for name in ("since", "until"):
        at = getattr(where, name)
        if at is not None:
            out.append((name, datetime.fromtimestamp(at, UTC).isoformat()))
    return out


@cache
def _stylesheet() -> str:
    """The UI's own stylesheet, inlined into the case file's PDF."""
    return (resources.files("pantau.web") / "static" / "pantau.css").read_text("utf-8")


def _due_date(due_at: float | None, zone: str) -> str:
    """The form's date for a due time (the end of a day in the office's zone)."""
    if due_at is None:
        return ""
    return datetime.fromtimestamp(due_at, ZONES[zone]).date().isoformat()


def _change(fields: dict[str, str], item: StoredAlert) -> TriageChange:
    """The triage form -> a TriageChange (only what the user changed)."""
    body: dict[str, Any] = {"version": fields.get("version") or 0}
    t = item.triage
    state, outcome = fields.get("state", ""), fields.get("outcome", "")
    outcome = outcome if state == "ditindaklanjuti" else ""  # the select is always sent
    if state and (state != t.state or (outcome or None) != t.outcome):
        body["state"] = state
        if outcome:
            body["outcome"] = outcome
    if "assignee" in fields and (fields["assignee"] or None) != t.assignee:
        body["assignee"] = fields["assignee"]
    if fields.get("note"):
        body["note"] = fields["note"]
    due = fields.get("due", "")
    if "due" in fields:
        try:
            # due by the end of that day where the office is: 23:59:59, shown as the day
            end = parse_when(due, timezone=IANA[zone_of(item)], whole_day=True) if due else None
            due_at = end - timedelta(seconds=1) if end else None
        except QuerySyntaxError as exc:
            raise BadFilter(f"tenggat {due!r} tidak dapat dibaca (pakai TTTT-BB-HH)") from exc
        if (due_at.timestamp() if due_at else None) != t.due_at:
            body["due_at"] = due_at
    try:
        return TriageChange.model_validate(body)
    except ValidationError as exc:
        raise BadFilter(str(exc.errors()[0]["msg"]).removeprefix("Value error, ")) from exc
