"""Accounts: users with Argon2 password hashes, sessions, API tokens, sign-in lockout, audit log.

Secrets never reach the database: passwords are Argon2id hashes (argon2-cffi), session
and API tokens are stored as their SHA-256 and handed out once. Every change and every
sign-in writes an audit_log row in the same transaction as the change itself.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, get_args

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, RowMapping, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from store.db import Store
from store.tables import api_tokens, audit_log, login_attempts, offices, sessions, users

Role = Literal["admin", "analyst", "staff"]
ROLES: tuple[Role, ...] = get_args(Role)
USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")
TOKEN_PREFIX = "pantau_"  # so secret scanners and people recognise a leaked API token


@dataclass(frozen=True)
class User:
    id: int
    username: str
    role: Role
    office_id: str | None  # staff only: "31.72" (see store.offices)
    disabled: bool
    created_at: float


@dataclass(frozen=True)
class ApiToken:
    id: int
    name: str
    created_at: float
    last_used_at: float | None
    revoked_at: float | None


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: float
    actor: str
    action: str
    target: str
    detail: dict[str, Any] | None
    ip: str | None


class AccountError(ValueError):
    """A request the accounts cannot honour (unknown user, taken name, weak password...)."""


class Locked(Exception):
    """Too many failed sign-ins for this username: refused until `until` (epoch seconds)."""

    def __init__(self, username: str, until: float) -> None:
        super().__init__(
            f"{username} is locked until {time.strftime('%H:%M:%S', time.gmtime(until))} UTC"
        )
        self.username = username
        self.until = until


@dataclass(frozen=True)
class Policy:
    """ASVS level 1 defaults; `PANTAU_ACCOUNTS__*` settings override them."""

    max_failures: int = 5  # failed sign-ins in a row before the lockout
    lock_seconds: float = 15 * 60
    session_seconds: float = 12 * 3600  # absolute lifetime of a session
    idle_seconds: float = 60 * 60  # a session unused this long has ended
    touch_seconds: float = 60.0  # last-seen times are written at most this often
    min_password: int = 12
    max_password: int = 128


def generate_password() -> str:
    """A random password for a new account or a reset (shown once, never stored)."""
    return secrets.token_urlsafe(15)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Accounts:
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
        # Verified against when the username is unknown: the answer takes as long.
        self._dummy = self.hasher.hash(secrets.token_hex(16))

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
        return _user(found) if found else None

    def user_by_id(self, user_id: int) -> User | None:
        with self.store.read() as conn:
            found = conn.execute(select(users).where(users.c.id == user_id)).mappings().first()
        return _user(found) if found else None

    def list_users(self) -> list[User]:
        with self.store.read() as conn:
            rows = conn.execute(select(users).order_by(users.c.username)).mappings().all()
        return [_user(r) for r in rows]

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
        ok = self._verify(row["password_hash"] if row else self._dummy, password)
        if row is None or not ok or row["disabled"]:
            with self.store.write() as conn:
                self._attempt(conn, name, ip, "failed", now)
                reason = "disabled" if row is not None and ok else "bad credentials"
                self._audit(conn, name, "login.failed", name, {"reason": reason}, ip)
            return None
        with self.store.write() as conn:
            self._attempt(conn, name, ip, "ok", now)
            self._audit(conn, name, "login", name, None, ip)
            if self.hasher.check_needs_rehash(row["password_hash"]):
                rehashed = self.hasher.hash(password)
                conn.execute(
                    update(users).where(users.c.id == row["id"]).values(password_hash=rehashed)
                )
        return _user(row)

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

    def _verify(self, hashed: str, password: str) -> bool:
        try:
            return self.hasher.verify(hashed, password)
        except (VerificationError, InvalidHashError):
            return False

    # -- sessions ------------------------------------------------------------------

    def create_session(self, user_id: int, *, ip: str | None = None) -> str:
        """A new opaque session token (put it in the cookie; only its hash is stored)."""
        token = secrets.token_urlsafe(32)
        now = self.clock()
        with self.store.write() as conn:
            conn.execute(
                insert(sessions).values(
                    token_hash=_digest(token),
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
        key = _digest(token)
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
        return _user(row)

    def end_session(self, token: str) -> None:
        with self.store.write() as conn:
            conn.execute(delete(sessions).where(sessions.c.token_hash == _digest(token)))

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
        row = {"user_id": user_id, "name": name, "token_hash": _digest(token)}
        try:
            with self.store.write() as conn:
                conn.execute(insert(api_tokens).values(**row, created_at=self.clock()))
                self._audit(conn, actor, "token.add", user.username, {"name": name})
        except IntegrityError as exc:
            raise AccountError(f"{user.username} already has a token named {name!r}") from exc
        return token

    def token_user(self, token: str) -> User | None:
        """The user behind a live API token (not revoked, user enabled), else None."""
        key = _digest(token)
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
        return _user(row)

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

    # -- the audit log -------------------------------------------------------------

    def audit(
        self,
        actor: str,
        action: str,
        target: str,
        detail: Mapping[str, Any] | None = None,
        *,
        ip: str | None = None,
    ) -> None:
        """Record a change made elsewhere (a rule edited through the API, say)."""
        with self.store.write() as conn:
            self._audit(conn, actor, action, target, detail, ip)

    def audit_log(
        self, *, limit: int = 100, actor: str | None = None, action: str | None = None
    ) -> list[AuditEntry]:
        """Newest first."""
        sql = select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
        if actor:
            sql = sql.where(audit_log.c.actor == actor)
        if action:
            sql = sql.where(audit_log.c.action == action)
        with self.store.read() as conn:
            return [AuditEntry(**r) for r in conn.execute(sql).mappings()]

    def _audit(
        self,
        conn: Connection,
        actor: str,
        action: str,
        target: str,
        detail: Mapping[str, Any] | None,
        ip: str | None = None,
    ) -> None:
        conn.execute(
            insert(audit_log).values(
                at=self.clock(),
                actor=actor[:64],
                action=action[:64],
                target=target[:200],
                detail=dict(detail) if detail else None,
                ip=ip,
            )
        )

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


def _user(row: RowMapping) -> User:
    return User(
        id=int(row["id"]),
        username=row["username"],
        role=row["role"],
        office_id=row["office_id"],
        disabled=bool(row["disabled"]),
        created_at=float(row["created_at"]),
    )
