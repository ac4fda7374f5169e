"""Saved searches ("pantauan"): a user's named search parameters, last visit, mail, rule.

The store keeps a search as the page's parameters (`[[name, value], ...]`), never a scope:
whoever runs a saved search applies its owner's office scope at that moment. Every read
and change names the owner, so one user's saved search is invisible to another.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, RowMapping, delete, func, select, update
from sqlalchemy.exc import IntegrityError

from store.db import Store
from store.tables import saved_searches

MAX_NAME = 100
MAX_SAVED = 100  # per user: each may become a rule read on every article
MAX_PARAMS = 60
MAX_VALUE = 2_000
# Paging and the form's own fields are not part of what was searched.
NOT_SAVED = frozenset({"cursor", "csrf_token", "name"})
_s = saved_searches.c
Params = list[tuple[str, str]]


class SavedError(ValueError):
    """A saved search cannot be stored as asked; the message is Indonesian, for the page."""


@dataclass(frozen=True)
class SavedSearch:
    id: int
    user_id: int
    name: str
    params: Params
    created_at: float
    updated_at: float
    last_seen_at: float
    seen_count: int  # recent hits at the last visit (pantau.pantauan.run says which)
    email: str | None
    rule_id: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "params": [list(p) for p in self.params],
            "created_at": self.created_at,
            "last_seen_at": self.last_seen_at,
            "email": self.email,
            "rule_id": self.rule_id,
        }


def name_key(name: str) -> str:
    """What makes two names one: case and runs of spaces do not count."""
    return " ".join(name.split()).casefold()


def checked_name(name: str) -> str:
    clean = " ".join(name.split())
    if not clean:
        raise SavedError("Nama pantauan tidak boleh kosong.")
    if len(clean) > MAX_NAME:
        raise SavedError(f"Nama pantauan paling panjang {MAX_NAME} karakter.")
    return clean


def checked_params(params: Iterable[tuple[str, str]]) -> Params:
    """The parameters worth keeping (non-empty, no paging), bounded in number and size."""
    kept = [(str(k), str(v).strip()) for k, v in params if k not in NOT_SAVED and str(v).strip()]
    if len(kept) > MAX_PARAMS:
        raise SavedError(f"Pencarian ini punya lebih dari {MAX_PARAMS} filter.")
    if any(len(k) > 64 or len(v) > MAX_VALUE for k, v in kept):
        raise SavedError(f"Nilai filter paling panjang {MAX_VALUE} karakter.")
    return kept


class SavedSearches:
    """The saved_searches table, always asked on behalf of one owner (`user_id`)."""

    def __init__(self, store: Store, clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self.clock = clock

    def create(
        self,
        user_id: int,
        name: str,
        params: Iterable[tuple[str, str]],
        *,
        seen_count: int = 0,
        at: float | None = None,
    ) -> SavedSearch:
        now = self.clock() if at is None else at
        clean = checked_name(name)
        row = {
            "user_id": user_id,
            "name": clean,
            "name_key": name_key(clean),
            "query": {"params": [list(p) for p in checked_params(params)]},
            "created_at": now,
            "updated_at": now,
            "last_seen_at": now,  # what exists when it is saved is not new
            "seen_count": seen_count,
        }
        with _name_free(clean), self.store.write() as conn:
            mine = select(func.count()).select_from(saved_searches).where(_s.user_id == user_id)
            if (conn.execute(mine).scalar() or 0) >= MAX_SAVED:
                raise SavedError(f"Paling banyak {MAX_SAVED} pantauan per pengguna.")
            new_id = conn.execute(saved_searches.insert().values(row).returning(_s.id)).scalar()
        found = self.get(user_id, int(new_id or 0))
        assert found is not None
        return found

    def mine(self, user_id: int) -> list[SavedSearch]:
        with self.store.read() as conn:
            rows = conn.execute(
                select(saved_searches).where(_s.user_id == user_id).order_by(_s.name, _s.id)
            )
            return [_saved(r) for r in rows.mappings()]

    def get(self, user_id: int, saved_id: int) -> SavedSearch | None:
        """The saved search if `user_id` owns it (None for anyone else's: not found)."""
        with self.store.read() as conn:
            return self._one(conn, user_id, saved_id)

    def subscribed(self) -> list[SavedSearch]:
        """Every saved search with a mail address (the daily mail's work), oldest first."""
        with self.store.read() as conn:
            rows = conn.execute(select(saved_searches).where(_s.email.is_not(None)).order_by(_s.id))
            return [_saved(r) for r in rows.mappings()]

    def by_id(self, saved_id: int) -> SavedSearch | None:
        """Any owner's (for the mailer, which then runs it in that owner's scope)."""
        with self.store.read() as conn:
            found = conn.execute(select(saved_searches).where(_s.id == saved_id)).mappings()
            row = found.first()
        return _saved(row) if row else None

    def rename(self, user_id: int, saved_id: int, name: str) -> SavedSearch | None:
        clean = checked_name(name)
        with _name_free(clean):
            return self._change(user_id, saved_id, name=clean, name_key=name_key(clean))

    def seen(
        self, user_id: int, saved_id: int, seen_count: int, at: float | None = None
    ) -> SavedSearch | None:
        """Opened at `at` (now), when it had `seen_count` recent hits: none is new now."""
        return self._change(
            user_id,
            saved_id,
            last_seen_at=self.clock() if at is None else at,
            seen_count=seen_count,
        )

    def set_email(self, user_id: int, saved_id: int, email: str | None) -> SavedSearch | None:
        """Mail the new hits daily to `email` (checked by the caller); None stops it."""
        return self._change(user_id, saved_id, email=email)

    def set_rule(self, user_id: int, saved_id: int, rule_id: str | None) -> SavedSearch | None:
        return self._change(user_id, saved_id, rule_id=rule_id)

    def delete(self, user_id: int, saved_id: int) -> bool:
        with self.store.write() as conn:
            gone = conn.execute(
                delete(saved_searches).where(_s.id == saved_id, _s.user_id == user_id)
            )
            return bool(gone.rowcount)

    def _change(self, user_id: int, saved_id: int, **values: Any) -> SavedSearch | None:
        with self.store.write() as conn:
            conn.execute(
                update(saved_searches)
                .where(_s.id == saved_id, _s.user_id == user_id)
                .values(**values, updated_at=self.clock())
            )
            return self._one(conn, user_id, saved_id)

    @staticmethod
    def _one(conn: Connection, user_id: int, saved_id: int) -> SavedSearch | None:
        found = conn.execute(
            select(saved_searches).where(_s.id == saved_id, _s.user_id == user_id)
        ).mappings()
        row = found.first()
        return _saved(row) if row else None


@contextmanager
def _name_free(name: str) -> Iterator[None]:
    """UNIQUE (user_id, name_key) refusing a write -> SavedError in Indonesian."""
    try:
        yield
    except IntegrityError as exc:
        raise SavedError(
            f"Nama pantauan {name!r} sudah Anda pakai (huruf besar dan kecil tidak "
            "dibedakan); pilih nama lain."
        ) from exc


def _saved(r: RowMapping) -> SavedSearch:
    query = r["query"] or {}
    return SavedSearch(
        id=int(r["id"]),
        user_id=int(r["user_id"]),
        name=r["name"],
        params=[(str(k), str(v)) for k, v in query.get("params", [])],
        created_at=float(r["created_at"]),
        updated_at=float(r["updated_at"]),
        last_seen_at=float(r["last_seen_at"] or r["created_at"]),
        seen_count=int(r["seen_count"] or 0),
        email=r["email"],
        rule_id=r["rule_id"],
    )
