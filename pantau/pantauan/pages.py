"""The Pantauan pages: save a search, list them with their new hits, open, rename, delete,
mail daily, and turn one into an alert rule. Only ever the signed-in user's own."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from alerts.rules import RuleSet
from alerts.store import AlertStore
from pantau.pantauan.rule import RuleRefused, install, rule_id, rule_of
from pantau.pantauan.run import count_new, visit_now
from pantau.report.subscriptions import SubscriptionError, checked_email
from pantau.web.auth import CurrentUser
from pantau.web.routes import DOWN
from pantau.web.view import link, page, problem, topic_label
from search.api import Backend
from search.backend import BackendError, SearchBackend
from search.filters import BY_PARAM
from search.query import QuerySyntaxError
from store.accounts import Accounts, User
from store.saved import SavedError, SavedSearch, SavedSearches

log = logging.getLogger(__name__)

NOT_FOUND = ("Pantauan tidak ditemukan", "Tidak ada pantauan Anda dengan nomor ini.")
DONE = {
    "disimpan": "Pencarian disimpan sebagai pantauan.",
    "diubah": "Nama pantauan diubah.",
    "dihapus": "Pantauan dihapus.",
    "surel": "Langganan surel harian disimpan.",
    "berhenti": "Langganan surel harian dihentikan.",
    "aturan": "Aturan peringatan dibuat untuk kantor Anda.",
    "aturan-dihapus": "Aturan peringatan dihapus.",
}
SHOWN = {"q": "kata kunci", "since": "sejak", "until": "sampai", "during": "tahapan"}


def router(alerts: AlertStore, rules: RuleSet, accounts: Accounts) -> APIRouter:
    """GET/POST /pantauan, GET /pantauan/{id} (opens it), POST /pantauan/{id}/<change>."""
    web = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
    saved = SavedSearches(alerts.db)

    def listing(
        user: User, backend: SearchBackend, *, error: str = "", done: str = "", status: int = 200
    ) -> HTMLResponse:
        items = [(s, new_hits(backend, s), summary(s.params)) for s in saved.mine(user.id)]
        context = {"items": items, "error": error, "error_help": "", "done": DONE.get(done, "")}
        return page("pantauan.html", context, status)

    @web.get("/pantauan")
    def pantauan(user: CurrentUser, backend: Backend, ok: str = "") -> HTMLResponse:
        return listing(user, backend, done=ok)

    @web.post("/pantauan")
    async def save(request: Request, user: CurrentUser, backend: Backend) -> Response:
        form = await request.form()
        name = str(form.get("name") or "")
        params = [(k, str(v)) for k, v in form.multi_items() if k not in ("name", "csrf_token")]
        try:
            visit = visit_now(backend, params)
            saved.create(user.id, name, params, seen_count=visit.count, at=visit.at)
        except QuerySyntaxError as exc:
            return listing(user, backend, error=exc.indonesian, status=400)
        except SavedError as exc:
            return listing(user, backend, error=str(exc), status=409)
        except BackendError as exc:
            log.warning("search backend error: %s", exc)
            return listing(user, backend, error=DOWN, status=503)
        return RedirectResponse("/pantauan?ok=disimpan", status_code=303)

    @web.get("/pantauan/{saved_id}")
    def open_(saved_id: int, user: CurrentUser, backend: Backend) -> Response:
        found = saved.get(user.id, saved_id)
        if found is None:
            return problem(*NOT_FOUND, 404)
        try:
            visit = visit_now(backend, found.params)
            saved.seen(user.id, saved_id, visit.count, at=visit.at)
        except (BackendError, QuerySyntaxError) as exc:  # the search page will say why
            log.warning("pantauan %s not marked seen: %s", saved_id, exc)
        return RedirectResponse(link("/", found.params), status_code=303)

    @web.post("/pantauan/{saved_id}/{change}")
    async def change(
        saved_id: int, change: str, request: Request, user: CurrentUser, backend: Backend
    ) -> Response:
        found = saved.get(user.id, saved_id)
        if found is None or change not in CHANGES:
            return problem(*NOT_FOUND, 404)
        form = {k: str(v) for k, v in (await request.form()).items()}
        try:
            done = CHANGES[change](found, user, form)
        except (SavedError, RuleRefused) as exc:
            return listing(user, backend, error=str(exc), status=409)
        except SubscriptionError:
            error = "Alamat surel tidak sah (contoh: nama@kantor.go.id)."
            return listing(user, backend, error=error, status=400)
        return RedirectResponse(f"/pantauan?ok={done}", status_code=303)

    def rename(found: SavedSearch, user: User, form: dict[str, str]) -> str:
        saved.rename(user.id, found.id, form.get("name", ""))
        return "diubah"

    def remove(found: SavedSearch, user: User, form: dict[str, str]) -> str:
        drop_rule(found, user)  # its alerts would go on reaching the office, unowned
        saved.delete(user.id, found.id)
        return "dihapus"

    def drop_rule(found: SavedSearch, user: User, form: dict[str, str] | None = None) -> str:
        if found.rule_id == rule_id(found) and alerts.delete_rule(found.rule_id):
            accounts.audit(user.username, "pantauan.rule.delete", found.rule_id)
        saved.set_rule(user.id, found.id, None)
        return "aturan-dihapus"

    def mail(found: SavedSearch, user: User, form: dict[str, str]) -> str:
        email = form.get("email", "").strip()
        saved.set_email(user.id, found.id, checked_email(email) if email else None)
        return "surel" if email else "berhenti"

    def to_rule(found: SavedSearch, user: User, form: dict[str, str]) -> str:
        rule = rule_of(found, user)
        install(alerts, rules, rule)
        saved.set_rule(user.id, found.id, rule.id)
        detail = {"saved_search": found.id, "rule": rule.model_dump(mode="json")}
        accounts.audit(user.username, "pantauan.rule", rule.id, detail)
        return "aturan"

    CHANGES = {
        "ubah": rename,
        "hapus": remove,
        "surel": mail,
        "aturan": to_rule,
        "aturan-hapus": drop_rule,
    }
    return web


def new_hits(backend: SearchBackend, s: SavedSearch) -> int | None:
    """New hits, or None when they cannot be counted now (engine down, a query that no
    longer parses): the page shows '?' rather than failing."""
    try:
        return count_new(backend, s)
    except (BackendError, QuerySyntaxError) as exc:
        log.warning("pantauan %s not counted: %s", s.id, exc)
        return None


def summary(params: list[tuple[str, str]]) -> list[str]:
    """The saved search in words, as chips: 'kata kunci: netralitas', 'topik: Netralitas ASN'."""
    out: list[str] = []
    for name, value in params:
        spec = BY_PARAM.get(name)
        if spec is not None:
            shown = topic_label(value) if name == "topic" else value
            out.append(f"{spec.label.lower()}: {shown}")
        elif name in SHOWN:
            out.append(f"{SHOWN[name]}: {value}")
    return out
