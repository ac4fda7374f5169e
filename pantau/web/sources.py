"""The Sumber page: every source of the registry with its health, and one source."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from crawlers.watch.state import WatchState
from pantau.web.view import page, problem

STATES = {"ok": "baik", "failing": "gagal", "unchecked": "belum dicek", "disabled": "nonaktif"}


def router(state: WatchState) -> APIRouter:
    """GET /sources and /sources/{name}."""
    web = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

    @web.get("/sources")
    def sources() -> HTMLResponse:
        health = state.health()
        failing = sum(h.state == "failing" for h in health)
        return page("sources.html", {"items": health, "failing": failing, "states": STATES})

    @web.get("/sources/{name}")
    def source(name: str) -> HTMLResponse:
        reg = state.get(name)
        if reg is None:
            return problem("Sumber tidak ditemukan", "Tidak ada sumber dengan nama ini.", 404)
        health = next(h for h in state.health() if h.name == name)
        context = {"reg": reg, "h": health, "feeds": state.feeds(name), "states": STATES}
        return page("source.html", context)

    return web
