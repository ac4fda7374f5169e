"""What the accounts hand out: users, roles, the sign-in policy, and their errors."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Literal, get_args

from sqlalchemy import RowMapping

Role = Literal["admin", "analyst", "staff"]
ROLES: tuple[Role, ...] = get_args(Role)
USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")


@dataclass(frozen=True)
class User:
    id: int
    username: str
    role: Role
    office_id: str | None  # staff only: "31.72" (see store.offices)
    disabled: bool
    created_at: float


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


def user_from_row(row: RowMapping) -> User:
    return User(
        id=int(row["id"]),
        username=row["username"],
        role=row["role"],
        office_id=row["office_id"],
        disabled=bool(row["disabled"]),
        created_at=float(row["created_at"]),
    )
