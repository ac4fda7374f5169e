"""CSRF protection: a double-submit token, checked on every state-changing request.

The secret lives in an HttpOnly, SameSite=Strict cookie; pages put it into forms masked
with a fresh random pad each time (so gzip cannot leak it, BREACH), as `csrf_token`.
A POST, PUT, PATCH or DELETE carrying the session cookie, or any form post outside
/api/, must send it back as that field or as an `X-CSRF-Token` header. Requests with a
Bearer token carry no ambient credential and need none.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import secrets
from http.cookies import SimpleCookie

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request

from pantau.web.context import CSRF_TOKEN
from pantau.web.security import SAFE_METHODS, ASGIApp, Message, Receive, Scope, Send, refusal

COOKIE = "pantau_csrf"
FIELD = "csrf_token"
HEADER = "x-csrf-token"
SESSION_COOKIE = "pantau_session"
SIZE = 32
EXPIRED = "Formulir ini sudah kedaluwarsa atau tidak sah. Muat ulang halaman, lalu kirim lagi."


def new_secret() -> str:
    return secrets.token_urlsafe(SIZE)


def _raw(secret: str) -> bytes | None:
    try:
        raw = base64.urlsafe_b64decode(secret + "=" * (-len(secret) % 4))
    except (binascii.Error, ValueError):
        return None
    return raw if len(raw) == SIZE else None


def masked(secret: str) -> str:
    """The secret XOR a one-time pad, prefixed by the pad: different on every page."""
    raw = _raw(secret) or b"\0" * SIZE
    pad = secrets.token_bytes(SIZE)
    return base64.urlsafe_b64encode(
        pad + bytes(a ^ b for a, b in zip(pad, raw, strict=True))
    ).decode()


def valid(token: str | None, secret: str | None) -> bool:
    if not token or not secret or len(token) > 4 * SIZE:
        return False
    raw = _raw(secret)
    try:
        both = base64.urlsafe_b64decode(token.encode())
    except (binascii.Error, ValueError):
        return False
    if raw is None or len(both) != 2 * SIZE:
        return False
    pad, xored = both[:SIZE], both[SIZE:]
    return hmac.compare_digest(_xor(pad, xored), raw)


def _xor(a: bytes, b: bytes) -> bytes:
    return bytes(x ^ y for x, y in zip(a, b, strict=True))


def cookies_of(headers: Headers) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # a malformed Cookie header is as good as none
        return {}
    return {k: m.value for k, m in jar.items()}


def cookie_header(
    name: str, value: str, *, secure: bool, max_age: int | None = None, same_site: str = "Strict"
) -> str:
    """HttpOnly always; Secure over HTTPS (directly, or from a trusted proxy's header)."""
    parts = [f"{name}={value}", "Path=/", "HttpOnly", f"SameSite={same_site}"]
    if max_age is not None:
        parts.append(f"Max-Age={max_age}")
    if secure:
        parts.append("Secure")
    return "; ".join(parts)


class CsrfCheck:
    """Hands every request a CSRF token and refuses unsafe requests without it (403)."""

    def __init__(self, app: ASGIApp, *, https: bool = False) -> None:
        self.app = app
        self.https = https

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        cookies = cookies_of(headers)
        secret = cookies.get(COOKIE)
        fresh = _raw(secret or "") is None
        if fresh:
            secret = new_secret()
        assert secret is not None
        CSRF_TOKEN.set(masked(secret))
        if _checked(scope, headers, cookies):
            body = await _read(receive)
            token = await _submitted(scope, headers, _replay(body, receive))
            receive = _replay(body, receive)
            if not valid(token, secret):
                refused = refusal(scope["path"], 403, "Permintaan ditolak", EXPIRED, "csrf")
                await refused(scope, receive, send)
                return
        if not fresh:
            await self.app(scope, receive, send)
            return
        secure = self.https or scope.get("scheme") == "https"

        async def send_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).append(
                    "set-cookie", cookie_header(COOKIE, secret, secure=secure)
                )
            await send(message)

        await self.app(scope, receive, send_cookie)


def _checked(scope: Scope, headers: Headers, cookies: dict[str, str]) -> bool:
    if scope["method"] in SAFE_METHODS:
        return False
    if headers.get("authorization", "").lower().startswith("bearer "):
        return False
    # the JSON API without a session cookie has no ambient credential to abuse
    return not (scope["path"].startswith("/api/") and SESSION_COOKIE not in cookies)


async def _submitted(scope: Scope, headers: Headers, receive: Receive) -> str | None:
    if HEADER in headers:
        return headers[HEADER]
    kind = headers.get("content-type", "")
    if not kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        return None
    form = await Request(scope, receive).form()
    try:
        value = form.get(FIELD)
        return value if isinstance(value, str) else None
    finally:
        await form.close()


async def _read(receive: Receive) -> bytes:
    """The whole body (BodyLimit bounds it), so the form can be read twice: here for the
    token, then by the route."""
    chunks, more = [], True
    while more:
        message = await receive()
        chunks.append(message.get("body", b""))
        more = message.get("more_body", False)
    return b"".join(chunks)


def _replay(body: bytes, then: Receive) -> Receive:
    """The read body once more, then the server's own messages (a disconnect)."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return await then()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive
