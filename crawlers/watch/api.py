"""HTTP routes of the source registry: /api/sources with each source's health."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException

from crawlers.watch.state import WatchState


def router(state: WatchState) -> APIRouter:
    """GET /api/sources and /api/sources/{name} (read-only: sources change by the CLI)."""
    api = APIRouter(prefix="/api/sources", tags=["sources"])

    @api.get("")
    def sources() -> dict[str, Any]:
        """Every source: its registry entry and health over the last 24 hours."""
        entries = {r.source.name: r for r in state.registered()}
        items = []
        for health in state.health():
            reg = entries.get(health.name)
            if reg is not None:
                items.append({**reg.source.model_dump(), "origin": reg.origin,
                              "health": health.to_dict()})  # fmt: skip
        return {"sources": items}

    @api.get("/{name}")
    def source(name: str) -> dict[str, Any]:
        """One source with its feeds' schedules (interval, last status, next poll)."""
        reg = state.get(name)
        if reg is None:
            raise HTTPException(404, f"no source named {name!r}")
        health = next(h for h in state.health() if h.name == name)
        return {
            **reg.source.model_dump(),
            "origin": reg.origin,
            "health": health.to_dict(),
            "feeds": [
                {k: v for k, v in f.__dict__.items() if k not in ("etag", "last_modified")}
                for f in state.feeds(name)
            ],
        }

    return api
