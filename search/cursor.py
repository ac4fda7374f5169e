"""Opaque paging cursors: the sort values of the last hit, tied to one query and sort."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from search.query import MAX_WINDOW, QuerySyntaxError, SearchQuery

BAD_CURSOR = "invalid cursor: start again from the first page (omit cursor)"
BAD_CURSOR_ID = "Penanda halaman tidak sah: mulai lagi dari halaman pertama."


def query_key(query: SearchQuery) -> str:
    """What a cursor must agree with: everything but the paging and presentation fields."""
    paging = {"cursor", "offset", "limit", "facet_size", "highlight", "exact_total", "histogram"}
    data = query.model_dump(mode="json", exclude=paging)
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Cursor:
    """Either keyset values (score, published, id) or, for collapsed results, an offset."""

    after: list[Any] | None = None
    offset: int = 0

    def encode(self, query: SearchQuery) -> str:
        payload = {"q": query_key(query), "a": self.after, "o": self.offset}
        raw = json.dumps(payload, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, query: SearchQuery) -> Cursor | None:
        if not query.cursor:
            return None
        try:
            raw = base64.urlsafe_b64decode(query.cursor + "=" * (-len(query.cursor) % 4))
            payload = json.loads(raw)
            after, offset, key = payload["a"], int(payload["o"]), payload["q"]
        except (ValueError, KeyError, TypeError, binascii.Error) as exc:
            raise QuerySyntaxError(BAD_CURSOR, BAD_CURSOR_ID, help="") from exc
        if key != query_key(query):
            raise QuerySyntaxError(
                "this cursor belongs to another query or sort: omit it", BAD_CURSOR_ID, help=""
            )
        if after is not None and not isinstance(after, list):
            raise QuerySyntaxError(BAD_CURSOR, BAD_CURSOR_ID, help="")
        if offset + query.limit > MAX_WINDOW:  # collapsed results page by offset
            raise QuerySyntaxError(
                f"collapsed results can be paged up to {MAX_WINDOW} hits: narrow the query"
            )
        return cls(after, max(0, offset))
