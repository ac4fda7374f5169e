"""Sessions and API tokens: random tokens handed out once, stored only as their SHA-256."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from store.db import Store
from store.tables import api_tokens, sessions, users
from store.users import AccountError, Policy, User, user_from_row

if TYPE_CHECKING:
    from store.audit import AuditWriter

TOKEN_PREFIX = "pantau_"  # so secret scanners and people recognise a leaked API token


@dataclass(frozen=True)
class ApiToken:
    id: int
    name: str
    created_at: float
    last_used_at: float | None
    revoked_at: float | None


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Tokens:
    """Part of `store.accounts.Accounts`: its sessions and API tokens."""

    store: Store
    policy: Policy
    clock: Callable[[], float]
    _audit: AuditWriter

    def user_by_id(self, user_id: int) -> User | None:
        with self.store.read() as conn:
            found = conn.execute(select(users).where(users.c.id == user_id)).mappings().first()
        return user_from_row(found) if found else None

    # -- sessions ------------------------------------------------------------------

    def create_session(self, user_id: int, *, ip: str | None = None) -> str:
        """A new opaque session token (put it in the cookie; only its hash is stored)."""
        token = secrets.token_urlsafe(32)
        now = self.clock()
        s = sessions.c
        with self.store.write() as conn:
            # The user's ended sessions go now (a session never shown again stays otherwise).
            ended = (s.expires_at <= now) | (s.last_seen_at <= now - self.policy.idle_seconds)
            conn.execute(delete(sessions).where(s.user_id == user_id, ended))
            conn.execute(
                insert(sessions).values(
                    token_hash=digest(token),
                    user_id=user_id,
                    created_at=now,
                    last_seen_at=now,
                    expires_at=now + self.policy.session_seconds,
                    ip=ip,
                )
            )
        return token

    def session_user(self, token: str) -> User | None:
        """The user behind a live session token; None if unknown, expired, idle too long
        or the user is disabled. Refreshes the idle clock (at most every touch_seconds)."""
        now = self.clock()
        key = digest(token)
        with self.store.read() as conn:
            row = (
                conn.execute(
                    select(sessions.c.last_seen_at, sessions.c.expires_at, users)
                    .join(users, users.c.id == sessions.c.user_id)
                    .where(sessions.c.token_hash == key)
                )
                .mappings()
                .first()
            )
        if row is None:
            return None
        idle = now - row["last_seen_at"] > self.policy.idle_seconds
        if row["expires_at"] <= now or idle or row["disabled"]:
            self.end_session(token)
            return None
        if now - row["last_seen_at"] >= self.policy.touch_seconds:
            with self.store.write() as conn:
                conn.execute(
                    update(sessions).where(sessions.c.token_hash == key).values(last_seen_at=now)
                )
        return user_from_row(row)

    def end_session(self, token: str) -> None:
        with self.store.write() as conn:
            conn.execute(delete(sessions).where(sessions.c.token_hash == digest(token)))

    def end_sessions(self, user_id: int) -> int:
        with self.store.write() as conn:
            return int(conn.execute(delete(sessions).where(sessions.c.user_id == user_id)).rowcount)

    # -- API tokens ----------------------------------------------------------------

    def create_api_token(self, user_id: int, name: str, *, actor: str = "system") -> str:
        """A new API token for machine clients (`Authorization: Bearer ...`), shown once."""
        user = self.user_by_id(user_id)
        if user is None:
            raise AccountError(f"no user with id {user_id}")
        name = name.strip()
        if not 0 < len(name) <= 100:
            raise AccountError("a token name has 1 to 100 characters")
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        row = {"user_id": user_id, "name": name, "token_hash": digest(token)}
        try:
            with self.store.write() as conn:
                conn.execute(insert(api_tokens).values(**row, created_at=self.clock()))
                self._audit(conn, actor, "token.add", user.username, {"name": name})
        except IntegrityError as exc:
            raise AccountError(f"{user.username} already has a token named {name!r}") from exc
        return token

    def token_user(self, token: str) -> User | None:
        """The user behind a live API token (not revoked, user enabled), else None."""
        key = digest(token)
        with self.store.read() as conn:
            row = (
                conn.execute(
                    select(api_tokens.c.id, api_tokens.c.last_used_at, users)
                    .join(users, users.c.id == api_tokens.c.user_id)
                    .where(api_tokens.c.token_hash == key, api_tokens.c.revoked_at.is_(None))
                )
                .mappings()
                .first()
            )
        if row is None or row["disabled"]:
            return None
        now = self.clock()
        if row["last_used_at"] is None or now - row["last_used_at"] >= self.policy.touch_seconds:
            with self.store.write() as conn:
                conn.execute(
                    update(api_tokens)
                    .where(api_tokens.c.token_hash == key)
                    .values(last_used_at=now)
                )
        return user_from_row(row)

    def list_api_tokens(self, user_id: int) -> list[ApiToken]:
        with self.store.read() as conn:
            rows = conn.execute(
                select(api_tokens).where(api_tokens.c.user_id == user_id).order_by(api_tokens.c.id)
            ).mappings()
            return [
                ApiToken(r["id"], r["name"], r["created_at"], r["last_used_at"], r["revoked_at"])
                for r in rows
            ]

    def revoke_api_token(self, user_id: int, name: str, *, actor: str = "system") -> bool:
        user = self.user_by_id(user_id)
        if user is None:
            return False
        with self.store.write() as conn:
            done = conn.execute(
                update(api_tokens)
                .where(api_tokens.c.user_id == user_id, api_tokens.c.name == name)
                .where(api_tokens.c.revoked_at.is_(None))
                .values(revoked_at=self.clock())
            ).rowcount
            if done:
                self._audit(conn, actor, "token.revoke", user.username, {"name": name})
        return bool(done)
