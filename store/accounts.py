"""Accounts: users with Argon2 password hashes, sign-in lockout; sessions, tokens, audit mixed in.

Secrets never reach the database: passwords are Argon2id hashes (argon2-cffi), session
and API tokens are stored as their SHA-256 and handed out once. Every change and every
sign-in writes an audit_log row in the same transaction as the change itself.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from store.audit import Audit, AuditEntry
from store.db import Store
from store.tables import login_attempts, offices, sessions, users
from store.tokens import TOKEN_PREFIX, ApiToken, Tokens
from store.users import (
    ROLES,
    USERNAME,
    AccountError,
    Locked,
    Policy,
    Role,
    User,
    user_from_row,
)

# Re-exported: the names the web layer imports from here.
__all__ = [
    "ROLES",
    "TOKEN_PREFIX",
    "AccountError",
    "Accounts",
    "ApiToken",
    "AuditEntry",
    "Locked",
    "Policy",
    "Role",
    "User",
    "generate_password",
]


def generate_password() -> str:
    """A random password for a new account or a reset (shown once, never stored)."""
    return secrets.token_urlsafe(15)


class Accounts(Tokens, Audit):
    """Users, sessions and API tokens in the operational store.

    `actor` arguments name who made a change (a username, or "cli"/"system") for the
    audit log; `ip` is the client address where there is one.
    """

    def __init__(
        self,
        store: Store,
        policy: Policy | None = None,
        *,
        hasher: PasswordHasher | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.policy = policy or Policy()
        self.hasher = hasher or PasswordHasher()  # Argon2id, RFC 9106 low-memory profile
        self.clock = clock
        self._dummy: str | None = None

    # -- users ---------------------------------------------------------------------

    def add_user(
        self,
        username: str,
        password: str,
        role: str,
        office_id: str | None = None,
        *,
        actor: str = "system",
    ) -> User:
        username = self._valid_username(username)
        role = self._valid_role(role, office_id)
        self._check_password(password)
        now = self.clock()
        row = {
            "username": username,
            "password_hash": self.hasher.hash(password),
            "role": role,
            "office_id": office_id,
            "disabled": False,
            "created_at": now,
            "password_changed_at": now,
        }
        try:
            with self.store.write() as conn:
                self._check_office(conn, office_id)
                conn.execute(insert(users).values(row))
                self._audit(conn, actor, "user.add", username, {"role": role, "office": office_id})
        except IntegrityError as exc:
            raise AccountError(f"user {username!r} already exists") from exc
        user = self.get_user(username)
        assert user is not None
        return user

    def get_user(self, username: str) -> User | None:
        with self.store.read() as conn:
            row = conn.execute(select(users).where(users.c.username == username.lower()))
            found = row.mappings().first()
        return user_from_row(found) if found else None

    def list_users(self) -> list[User]:
        with self.store.read() as conn:
            rows = conn.execute(select(users).order_by(users.c.username)).mappings().all()
        return [user_from_row(r) for r in rows]

    def count_users(self) -> int:
        with self.store.read() as conn:
            return int(conn.execute(select(func.count()).select_from(users)).scalar_one())

    def disable(self, username: str, *, actor: str = "system") -> User:
        """Refuse sign-ins and end the user's sessions; API tokens stop working too."""
        return self._set_disabled(username, True, actor)

    def enable(self, username: str, *, actor: str = "system") -> User:
        return self._set_disabled(username, False, actor)

    def _set_disabled(self, username: str, disabled: bool, actor: str) -> User:
        user = self._existing(username)
        with self.store.write() as conn:
            conn.execute(update(users).where(users.c.id == user.id).values(disabled=disabled))
            if disabled:
                conn.execute(delete(sessions).where(sessions.c.user_id == user.id))
            action = "user.disable" if disabled else "user.enable"
            self._audit(conn, actor, action, user.username, None)
        return self._existing(username)

    def reset_password(self, username: str, password: str, *, actor: str = "system") -> None:
        """New password: ends every session of the user and lifts a lockout."""
        user = self._existing(username)
        self._check_password(password)
        hashed = self.hasher.hash(password)
        now = self.clock()
        with self.store.write() as conn:
            conn.execute(
                update(users)
                .where(users.c.id == user.id)
                .values(password_hash=hashed, password_changed_at=now)
            )
            conn.execute(delete(sessions).where(sessions.c.user_id == user.id))
            self._attempt(conn, user.username, None, "reset", now)
            self._audit(conn, actor, "user.reset", user.username, None)

    # -- signing in ----------------------------------------------------------------

    def authenticate(self, username: str, password: str, *, ip: str | None = None) -> User | None:
        """The user if the password is right and the account enabled, else None.

        Raises Locked after `max_failures` failures in a row within `lock_seconds` (a
        correct password does not get through a lock). Every attempt is recorded."""
        name = username.strip().lower()[:64]
        now = self.clock()
        until = self.locked_until(name, now=now)
        if until is not None:
            with self.store.write() as conn:
                self._attempt(conn, name, ip, "locked", now)
                self._audit(conn, name, "login.locked", name, None, ip)
            raise Locked(name, until)
        with self.store.read() as conn:
            row = conn.execute(select(users).where(users.c.username == name)).mappings().first()
        ok = self._verify(row["password_hash"] if row else self._dummy_hash(), password)
        if row is None or not ok or row["disabled"]:
            with self.store.write() as conn:
                self._attempt(conn, name, ip, "failed", now)
                reason = "disabled" if row is not None and ok else "bad credentials"
                self._audit(conn, name, "login.failed", name, {"reason": reason}, ip)
            return None
        with self.store.write() as conn:
            self._attempt(conn, name, ip, "ok", now)
            # Attempts older than the lockout window decide nothing any more.
            conn.execute(
                delete(login_attempts).where(
                    login_attempts.c.username == name,
                    login_attempts.c.at < now - self.policy.lock_seconds,
                )
            )
            self._audit(conn, name, "login", name, None, ip)
            if self.hasher.check_needs_rehash(row["password_hash"]):
                rehashed = self.hasher.hash(password)
                conn.execute(
                    update(users).where(users.c.id == row["id"]).values(password_hash=rehashed)
                )
        return user_from_row(row)

    def locked_until(self, username: str, *, now: float | None = None) -> float | None:
        """When the lockout of `username` ends, or None if it is not locked."""
        now = self.clock() if now is None else now
        p = self.policy
        with self.store.read() as conn:
            rows = conn.execute(
                select(login_attempts.c.at, login_attempts.c.outcome)
                .where(login_attempts.c.username == username.lower())
                .where(login_attempts.c.at > now - p.lock_seconds)
                .where(login_attempts.c.outcome != "locked")
                .order_by(login_attempts.c.at.desc(), login_attempts.c.id.desc())
                .limit(p.max_failures)
            ).all()
        if len(rows) < p.max_failures or any(r.outcome != "failed" for r in rows):
            return None
        return float(rows[0].at) + p.lock_seconds

    def failures_from(self, ip: str, *, since: float) -> int:
        """Failed and locked sign-ins from one address since `since` (for rate limits)."""
        with self.store.read() as conn:
            return int(
                conn.execute(
                    select(func.count())
                    .select_from(login_attempts)
                    .where(login_attempts.c.ip == ip, login_attempts.c.at >= since)
                    .where(login_attempts.c.outcome != "ok")
                ).scalar_one()
            )

    def _dummy_hash(self) -> str:
        """Verified against when the username is unknown, so the answer takes as long."""
        if self._dummy is None:
            self._dummy = self.hasher.hash(secrets.token_hex(16))
        return self._dummy

    def _verify(self, hashed: str, password: str) -> bool:
        try:
            return self.hasher.verify(hashed, password)
        except (VerificationError, InvalidHashError):
            return False

    # -- checks --------------------------------------------------------------------

    def _attempt(
        self, conn: Connection, name: str, ip: str | None, outcome: str, at: float
    ) -> None:
        conn.execute(insert(login_attempts).values(username=name, ip=ip, at=at, outcome=outcome))

    def _existing(self, username: str) -> User:
        user = self.get_user(username)
        if user is None:
            raise AccountError(f"no user {username!r}")
        return user

    @staticmethod
    def _valid_username(username: str) -> str:
        name = username.strip().lower()
        if not USERNAME.fullmatch(name):
            raise AccountError(
                f"username {username!r}: 2 to 64 of a-z, 0-9, '.', '_', '-', starting with a "
                "letter or digit"
            )
        return name

    @staticmethod
    def _valid_role(role: str, office_id: str | None) -> Role:
        if role not in ROLES:
            raise AccountError(f"role {role!r}: choose one of {', '.join(ROLES)}")
        if role == "staff" and not office_id:
            raise AccountError("office staff need an office (--office 31.72, say)")
        if role != "staff" and office_id:
            raise AccountError(f"{role} sees every region: give an office to staff only")
        return role

    def _check_password(self, password: str) -> None:
        p = self.policy
        if not p.min_password <= len(password) <= p.max_password:
            raise AccountError(f"a password has {p.min_password} to {p.max_password} characters")

    @staticmethod
    def _check_office(conn: Connection, office_id: str | None) -> None:
        if office_id is None:
            return
        found = conn.execute(select(offices.c.id).where(offices.c.id == office_id)).first()
        if found is None:
            raise AccountError(f"no office {office_id!r}: see `pantau users offices`")
