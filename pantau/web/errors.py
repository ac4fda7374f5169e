"""Error pages: the web UI answers unknown paths and crashes with HTML, the API with JSON.

`create_app` (search/api.py) gives every error a JSON problem document; the pages sit
in the same app, so `install` wraps those handlers: a path under /api/ keeps the JSON
answer, any other path gets the UI's error page, in Indonesian, without the exception.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from pantau.web.view import problem
from store.db import StoreError

log = logging.getLogger(__name__)

Handler = Callable[[Request, Exception], Awaitable[Response]]
API = "/api/"
CRASH = "Terjadi kesalahan di server. Kesalahan ini sudah dicatat; coba lagi beberapa saat lagi."
STORE_DOWN = "Penyimpanan data pantau sedang tidak dapat dipakai. Coba lagi beberapa saat lagi."
STORE_DOWN_API = "the operational store is unavailable; try again later"
STATUS = {  # status -> (title, message)
    401: ("Perlu masuk", "Masuk dulu untuk membuka halaman ini."),
    403: ("Tidak diizinkan", "Akun Anda tidak boleh membuka atau mengubah ini."),
    404: ("Halaman tidak ditemukan", "Alamat ini tidak ada di pantau."),
    405: ("Permintaan tidak didukung", "Halaman ini tidak menerima permintaan seperti itu."),
}


def install(app: FastAPI) -> None:
    """HTML error pages for every path outside /api/ (call after the routers are added)."""
    api_crash = _handler(app, Exception)
    api_http = _handler(app, HTTPException)

    async def crash(request: Request, exc: Exception) -> Response:
        if request.url.path.startswith(API) and api_crash is not None:
            return await api_crash(request, exc)
        log.exception("unhandled error on %s", request.url.path)
        return problem("Terjadi kesalahan", CRASH, 500)

    async def http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if request.url.path.startswith(API) and api_http is not None:
            return await api_http(request, exc)
        title, message = STATUS.get(exc.status_code, ("Permintaan ditolak", str(exc.detail)))
        return problem(title, message, exc.status_code)

    async def store_down(request: Request, exc: Exception) -> Response:
        log.warning("operational store error on %s: %s", request.url.path, exc)
        if request.url.path.startswith(API):
            return JSONResponse({"error": "unavailable", "detail": STORE_DOWN_API}, 503)
        return problem("Tidak tersedia", STORE_DOWN, 503)

    app.add_exception_handler(Exception, crash)
    app.add_exception_handler(HTTPException, http)
    app.add_exception_handler(StoreError, store_down)


def _handler(app: FastAPI, exc: type[Exception]) -> Handler | None:
    handler = app.exception_handlers.get(exc)
    return handler  # type: ignore[return-value]
