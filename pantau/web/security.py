"""HTTP hardening as ASGI middleware: security headers, Origin check, request body limit.

Pure ASGI (not BaseHTTPMiddleware) so they cost a few microseconds and wrap every
response, error pages and other middleware's refusals included.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.responses import Response
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from pantau.config import WebSettings
from pantau.web.view import problem

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CROSS_SITE = "Permintaan ini datang dari situs lain. Buka pantau langsung lalu coba lagi."
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_CSP = {
    "default-src": "'none'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "connect-src": "'self'",
    "form-action": "'self'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
}
# Swagger UI and ReDoc set styles from script (React, styled-components) and ReDoc runs a
# worker from a blob: their pages alone may use inline styles; scripts stay 'self'.
_DOCS_CSP = {**_CSP, "style-src": "'self' 'unsafe-inline'", "worker-src": "'self' blob:"}
CSP = "; ".join(f"{k} {v}" for k, v in _CSP.items())
DOCS_CSP = "; ".join(f"{k} {v}" for k, v in _DOCS_CSP.items())
DOCS_PATHS = ("/docs", "/redoc")
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    # pages show office data: no shared or back-button cache unless a route says otherwise
    "Cache-Control": "no-store",
}
HSTS = "max-age=31536000"


def refusal(path: str, status: int, title: str, message: str, error: str) -> Response:
    """A refusal in the caller's language: JSON under /api/, an Indonesian page elsewhere."""
    if path.startswith("/api/"):
        return JSONResponse({"error": error, "detail": message}, status)
    return problem(title, message, status)


class SecurityHeaders:
    """CSP without inline script, frame-ancestors 'none', nosniff, Referrer-Policy and
    HSTS (over HTTPS) on every HTTP response."""

    def __init__(self, app: ASGIApp, *, https: bool = False) -> None:
        self.app = app
        self.https = https

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        csp = DOCS_CSP if path in DOCS_PATHS else CSP
        https = self.https or scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", csp)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
                if https:
                    headers.setdefault("Strict-Transport-Security", HSTS)
            await send(message)

        await self.app(scope, receive, send_with_headers)


class OriginCheck:
    """A state-changing request from a browser must come from this site.

    Browsers send Origin (or at least Sec-Fetch-Site) with every cross-site POST, PUT or
    DELETE; a request without either is not from a browser page (curl, a machine client)
    and goes on to authentication. Host itself is checked by TrustedHostMiddleware first,
    which is what stops DNS rebinding.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if _same_origin(headers):
            await self.app(scope, receive, send)
            return
        response = refusal(
            scope["path"],
            403,
            "Permintaan ditolak",
            CROSS_SITE,
            "cross_origin",
        )
        await response(scope, receive, send)


def _same_origin(headers: Headers) -> bool:
    origin = headers.get("origin")
    if origin is None:
        return headers.get("sec-fetch-site", "same-origin") in ("same-origin", "none")
    if origin == "null":  # sandboxed frames, file: pages, privacy redirects
        return False
    return urlsplit(origin).netloc.lower() == headers.get("host", "").lower()


class _TooLarge(HTTPException):
    """The body grew past the limit while being read. An HTTPException, so a route that
    was reading it answers 413 (FastAPI turns other errors in a body into a 400)."""


class BodyLimit:
    """Refuse request bodies over `max_bytes` with 413 before they are read into memory."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = Headers(scope=scope).get("content-length", "")
        if length.isdigit() and int(length) > self.max_bytes:
            await self._too_large(scope["path"])(scope, receive, send)
            return
        seen, started = 0, False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:  # chunked bodies carry no Content-Length
                raise _TooLarge(413, self._message())
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except _TooLarge:  # raised wherever the body is read: a route or the CSRF check
            if started:
                raise
            await self._too_large(scope["path"])(scope, receive, send)

    def _message(self) -> str:
        return f"Isi permintaan melebihi batas {self.max_bytes // 1024} KB."

    def _too_large(self, path: str) -> Response:
        return refusal(path, 413, "Permintaan terlalu besar", self._message(), "too_large")


LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


def install(app: FastAPI, web: WebSettings) -> None:
    """The hardening middleware, outermost first: proxy headers, security headers, trusted
    hosts, gzip, body limit, Origin check (Starlette runs the last added first)."""
    app.add_middleware(OriginCheck)
    app.add_middleware(BodyLimit, max_bytes=web.max_body)
    # zlib's default level: a third of level 9's time (a year-long /trends page is ~400 KB)
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=6)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=[*LOOPBACK, *web.allowed_hosts])
    app.add_middleware(SecurityHeaders, https=web.https)
    app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=web.trusted_proxies)
