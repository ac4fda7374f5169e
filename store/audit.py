"""The audit log: who changed what, and every sign-in, written with the change itself."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Connection, insert, select

from store.db import Store
from store.tables import audit_log


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: float
    actor: str
    action: str
    target: str
    detail: dict[str, Any] | None
    ip: str | None


class AuditWriter(Protocol):
    """`Audit._audit`, as the other parts of Accounts call it inside their transactions."""

    def __call__(
        self,
        conn: Connection,
        actor: str,
        action: str,
        target: str,
        detail: Mapping[str, Any] | None,
        ip: str | None = None,
    ) -> None: ...


class Audit:
    """Part of `store.accounts.Accounts`: its audit log."""

    store: Store
    clock: Callable[[], float]

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
