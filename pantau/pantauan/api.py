"""/api/pantauan: the caller's saved searches as JSON (session + CSRF, or a Bearer token)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Response
from pydantic import BaseModel, Field

from pantau.pantauan.pages import new_hits
from pantau.pantauan.run import visit_now
from pantau.web.auth import CurrentUser
from search.api import Backend
from search.query import QuerySyntaxError
from store.db import Store
from store.saved import MAX_NAME, MAX_PARAMS, SavedError, SavedSearches

Param = Annotated[list[str], Field(min_length=2, max_length=2)]


class NewSaved(BaseModel):
    name: str = Field(max_length=MAX_NAME, examples=["Netralitas ASN Jakarta Utara"])
    params: list[Param] = Field(
        max_length=MAX_PARAMS,
        description="the search page's parameters as [name, value] pairs, e.g. "
        '[["q", "netralitas"], ["topic", "netralitas_asn"], ["region", "31.72"]]',
    )


def router(store: Store) -> APIRouter:
    """GET/POST /api/pantauan, GET/DELETE /api/pantauan/{id}."""
    api = APIRouter(prefix="/api/pantauan", tags=["pantauan"])
    saved = SavedSearches(store)

    @api.get("")
    def mine(user: CurrentUser, backend: Backend) -> dict[str, Any]:
        """The caller's saved searches, each with `new`: hits published since it was last
        opened (in the caller's office scope; null when they cannot be counted now)."""
        return {
            "pantauan": [{**s.to_dict(), "new": new_hits(backend, s)} for s in saved.mine(user.id)]
        }

    @api.post("", status_code=201, responses={409: {"description": "name taken"}})
    def create(body: NewSaved, user: CurrentUser, backend: Backend) -> dict[str, Any]:
        """Save a search under a name unique for the caller (422 if it cannot be searched);
        what it finds now is not new."""
        params = [(k, v) for k, v in body.params]
        try:
            visit = visit_now(backend, params)
            made = saved.create(user.id, body.name, params, seen_count=visit.count, at=visit.at)
            return made.to_dict()
        except QuerySyntaxError as exc:
            raise HTTPException(422, exc.indonesian) from exc
        except SavedError as exc:
            raise HTTPException(409, str(exc)) from exc

    @api.get("/{saved_id}")
    def one(saved_id: int, user: CurrentUser, backend: Backend) -> dict[str, Any]:
        found = saved.get(user.id, saved_id)
        if found is None:
            raise HTTPException(404, "no such saved search")
        return {**found.to_dict(), "new": new_hits(backend, found)}

    @api.delete("/{saved_id}", status_code=204, response_class=Response)
    def remove(saved_id: int, user: CurrentUser) -> None:
        if not saved.delete(user.id, saved_id):
            raise HTTPException(404, "no such saved search")

    return api
