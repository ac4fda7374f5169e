"""Signing in and out: the login page (Indonesian), session cookies, rate limit, lockout."""

from __future__ import annotations

import time
from typing import Annotated

from anyio import to_thread
from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from pantau.config import WebSettings
from pantau.web.csrf import COOKIE, SESSION_COOKIE, cookie_header, cookies_of, new_secret
from pantau.web.view import page, wib
from store.accounts import Accounts, Locked

WRONG = "Nama pengguna atau kata sandi salah."
LOCKED = "Akun ini dikunci sementara karena terlalu banyak percobaan gagal. Coba lagi setelah {}."
BUSY = "Terlalu banyak percobaan masuk dari alamat ini. Tunggu {} menit, lalu coba lagi."
IP_WINDOW = 15 * 60  # seconds of failed sign-ins counted per address
MAX_PASSWORD = 1024
IP_LIMIT = 20  # failures from one address in that window before it must wait


def safe_next(target: str) -> str:
    """Only a path on this site: `next=//evil.example` or a full URL goes to the home page."""
    if target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


def router(accounts: Accounts, web: WebSettings) -> APIRouter:
    """GET/POST /login and POST /logout."""
    login = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

    def secure(request: Request) -> bool:
        return web.https or request.url.scheme == "https"

    def form(next_: str, *, error: str = "", username: str = "", status: int = 200) -> Response:
        context = {"next": safe_next(next_), "error": error, "username": username}
        return page("login.html", context, status)

    @login.get("/login")
    def login_page(request: Request, next: str = "/") -> Response:
        if getattr(request.state, "user", None) is not None:
            return RedirectResponse(safe_next(next), status_code=303)
        return form(next)

    @login.post("/login")
    async def sign_in(
        request: Request,
        username: Annotated[str, Form()] = "",
        password: Annotated[str, Form()] = "",
        next: Annotated[str, Form()] = "/",
    ) -> Response:
        # sizes checked here, not by Form(max_length): an overlong field is a wrong
        # password on the page, not a JSON validation error
        username, next = username[:64], next[:2000]
        if len(password) > MAX_PASSWORD:
            return form(next, error=WRONG, username=username, status=401)
        ip = request.client.host if request.client else None
        busy = ip is not None and await to_thread.run_sync(_too_many, accounts, ip)
        if busy:
            return form(next, error=BUSY.format(IP_WINDOW // 60), username=username, status=429)
        try:
            user = await to_thread.run_sync(
                lambda: accounts.authenticate(username, password, ip=ip)
            )
        except Locked as exc:
            return form(next, error=LOCKED.format(wib(exc.until)), username=username, status=429)
        if user is None:
            return form(next, error=WRONG, username=username, status=401)
        token = await to_thread.run_sync(lambda: accounts.create_session(user.id, ip=ip))
        done = RedirectResponse(safe_next(next), status_code=303)
        https = secure(request)
        # Lax: a link to an alert in an e-mail opens signed in; the CSRF cookie stays Strict
        session = cookie_header(SESSION_COOKIE, token, secure=https, same_site="Lax")
        done.headers.append("set-cookie", session)
        # a new session gets a new CSRF secret: a token planted before sign-in is void
        done.headers.append("set-cookie", cookie_header(COOKIE, new_secret(), secure=https))
        return done

    @login.post("/logout")
    async def sign_out(request: Request) -> Response:
        token = cookies_of(request.headers).get(SESSION_COOKIE)
        if token:
            await to_thread.run_sync(accounts.end_session, token)
        done = RedirectResponse("/login", status_code=303)
        done.headers.append(
            "set-cookie",
            cookie_header(SESSION_COOKIE, "", secure=secure(request), max_age=0, same_site="Lax"),
        )
        return done

    return login


def _too_many(accounts: Accounts, ip: str) -> bool:
    return accounts.failures_from(ip, since=time.time() - IP_WINDOW) >= IP_LIMIT
