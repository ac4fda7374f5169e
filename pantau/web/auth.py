"""Who is asking: a session cookie (people) or a Bearer API token (machines) -> User.

`Authenticate` runs before every route: it puts the user on `request.state.user`, sends
people without a session to /login and machines without a token a 401, and writes an
audit row for every change a user makes. Roles and office scope are dependencies.
"""

from __future__ import annotations

import logging
from typing import Annotated
from urllib.parse import quote

from anyio import to_thread
from fastapi import Depends, HTTPException, Request
from starlette.datastructures import Headers
from starlette.responses import JSONResponse, RedirectResponse, Response

from pantau.web.context import USER
from pantau.web.csrf import SESSION_COOKIE, cookies_of
from pantau.web.security import SAFE_METHODS, ASGIApp, Message, Receive, Scope, Send, refusal
from store.accounts import Accounts, User
from store.db import StoreError
from store.offices import Scope as RegionScope
from store.offices import scope_of

log = logging.getLogger(__name__)

PUBLIC = ("/login", "/static/")  # everything else needs a signed-in user or a token
UNAVAILABLE = "Layanan akun sedang tidak dapat dihubungi. Coba lagi beberapa saat lagi."


def _public(path: str) -> bool:
    return path == PUBLIC[0] or path.startswith(PUBLIC[1])


class Authenticate:
    """Session cookie or `Authorization: Bearer pantau_...` -> `scope["state"]["user"]`."""

    def __init__(self, app: ASGIApp, *, accounts: Accounts) -> None:
        self.app = app
        self.accounts = accounts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if path.startswith(PUBLIC[1]):  # stylesheet and docs assets: no lookup needed
            await self.app(scope, receive, send)
            return
        try:
            user = await to_thread.run_sync(self._identify, Headers(scope=scope))
        except StoreError as exc:
            log.warning("accounts unavailable: %s", exc)
            await refusal(path, 503, "Tidak tersedia", UNAVAILABLE, "unavailable")(
                scope, receive, send
            )
            return
        scope.setdefault("state", {})["user"] = user
        USER.set(user)
        if user is None and not _public(path):
            await self._sign_in_first(scope)(scope, receive, send)
            return
        if user is None or scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        await self.app(scope, receive, self._audited(scope, user, send))

    def _identify(self, headers: Headers) -> User | None:
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            return self.accounts.token_user(auth[7:].strip())
        token = cookies_of(headers).get(SESSION_COOKIE)
        return self.accounts.session_user(token) if token else None

    @staticmethod
    def _sign_in_first(scope: Scope) -> Response:
        path: str = scope["path"]
        if path.startswith("/api/") or path == "/openapi.json":
            message = "sign in, or send an API token: Authorization: Bearer pantau_..."
            return JSONResponse(
                {"error": "unauthorized", "detail": message},
                401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        query = scope.get("query_string", b"").decode("latin-1")
        target = path + (f"?{query}" if query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)

    def _audited(self, scope: Scope, user: User, send: Send) -> Send:
        """Every change a user makes (a write answered below 400) goes to the audit log."""
        where = f"{scope['method']} {scope['path']}"
        ip = (scope.get("client") or ("", 0))[0] or None

        async def send_then_audit(message: Message) -> None:
            await send(message)
            if message["type"] == "http.response.start" and message["status"] < 400:
                await to_thread.run_sync(self._audit, user, where, message["status"], ip)

        return send_then_audit

    def _audit(self, user: User, where: str, status: int, ip: str | None) -> None:
        try:
            self.accounts.audit(user.username, "http.change", where, {"status": status}, ip=ip)
        except StoreError as exc:  # the change is done; a lost audit row is logged loudly
            log.error("audit of %s by %s not written: %s", where, user.username, exc)


def current_user(request: Request) -> User:
    user: User | None = getattr(request.state, "user", None)
    if user is None:  # Authenticate lets no one through without one; fail closed anyway
        raise HTTPException(401, "sign in first")
    return user


CurrentUser = Annotated[User, Depends(current_user)]


def caller_scope(user: CurrentUser) -> RegionScope:
    """The region-code prefixes the caller may see (None: everything)."""
    return scope_of(user)


def username(user: CurrentUser) -> str:
    """Who made a change, as alert histories record it."""
    return user.username


def require_admin(user: CurrentUser) -> User:
    if user.role != "admin":
        raise HTTPException(403, "administrators only")
    return user
