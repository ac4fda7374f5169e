"""WatchState: the source registry and `pantau watch`'s schedule in the operational store.

Several watch processes may share the store: hosts are leased (SELECT ... FOR UPDATE SKIP
LOCKED on PostgreSQL, the writer lock on SQLite, then an UPDATE with an expiry), so one
host, and every feed on it, is polled by one process at a time; an article URL is claimed
before it is fetched, so no two processes fetch it.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Connection, RowMapping, and_, case, delete, exists, func, or_, select, update

from crawlers.watch.ledger import Ledger
from crawlers.watch.registry import Source
from crawlers.watch.schema import Feed, Host, Registered
from store.db import Store
from store.tables import sources, watch_feeds, watch_hosts

F, H, S = watch_feeds.c, watch_hosts.c, sources.c


def host_key(url: str) -> str:
    return urlsplit(url).netloc.lower()


def _feed(row: RowMapping) -> Feed:
    return Feed(
        row["url"], row["source"], row["host"], row["next_at"], row["poll_interval"],
        row["rate"], row["fresh_rate"], row["rate_window"], row["etag"],
        row["last_modified"], row["failures"], row["last_status"], row["polled_at"],
    )  # fmt: skip


class WatchState(Ledger):
    """Registry rows, feeds and hosts; the ledger (seen URLs, events, health) mixed in."""

    def __init__(self, db: Store) -> None:
        self.db = db

    # -- registry --------------------------------------------------------------------

    def sync(self, listed: Iterable[Source], *, now: float | None = None) -> None:
        """Bring the sources file into the store: new entries added, changed ones updated
        (an operator's enable/disable is kept), file entries no longer listed dropped."""
        now = time.time() if now is None else now
        by_name = {s.name: s for s in listed}
        with self.db.write(lock="pantau.watch.registry") as conn:
            for src in by_name.values():
                stmt = self.db.insert(sources).values(**self._row(src, "file", now))
                conn.execute(
                    stmt.on_conflict_do_update(
                        index_elements=[S.id],
                        set_={
                            "config": stmt.excluded.config,
                            "url": stmt.excluded.url,
                            "kind": stmt.excluded.kind,
                            "updated_at": now,
                        },
                        where=S.origin == "file",
                    )
                )
            rows = conn.execute(select(S.id).where(S.origin == "file")).scalars().all()
            gone = [n for n in rows if n not in by_name]
            if gone:
                conn.execute(delete(sources).where(S.id.in_(gone)))
            self._sync_feeds(conn, now)

    def add(self, source: Source, *, now: float | None = None) -> None:
        """Save a source added by an operator (replacing one of the same name)."""
        now = time.time() if now is None else now
        row = self._row(source, "cli", now)
        with self.db.write(lock="pantau.watch.registry") as conn:
            stmt = self.db.insert(sources).values(**row)
            keep = ("created_at", "id")
            conn.execute(
                stmt.on_conflict_do_update(
                    index_elements=[S.id], set_={k: v for k, v in row.items() if k not in keep}
                )
            )
            self._sync_feeds(conn, now)

    @staticmethod
    def _row(src: Source, origin: str, now: float) -> dict[str, Any]:
        return {
            "id": src.name, "name": src.name, "url": src.homepage or src.entry_points()[0],
            "kind": src.family, "enabled": src.enabled, "config": src.model_dump(mode="json"),
            "created_at": now, "updated_at": now, "origin": origin,
        }  # fmt: skip

    def set_enabled(self, name: str, enabled: bool) -> bool:
        with self.db.write() as conn:
            done = conn.execute(
                update(sources).where(S.id == name).values(enabled=enabled, updated_at=time.time())
            ).rowcount
        return bool(done)

    def registered(self) -> list[Registered]:
        with self.db.read() as conn:
            rows = conn.execute(select(S.config, S.enabled, S.origin).order_by(S.id)).all()
        return [
            Registered(Source.model_validate(r.config), bool(r.enabled), r.origin) for r in rows
        ]

    def get(self, name: str) -> Registered | None:
        return next((r for r in self.registered() if r.source.name == name), None)

    def _sync_feeds(self, conn: Connection, now: float) -> None:
        wanted: dict[str, Source] = {}
        for config in conn.execute(select(S.config)).scalars():
            src = Source.model_validate(config)
            for url in src.entry_points():
                wanted.setdefault(url, src)
        for url, src in wanted.items():
            order = src.entry_points().index(url)
            # First polls in the order the source lists its feeds: the first ("terkini")
            # claims the site's items, so the section feeds after it learn they repeat it.
            stmt = self.db.insert(watch_feeds).values(
                url=url, source=src.name, host=host_key(url), next_at=now + order * 1e-3,
                poll_interval=src.min_interval,
            )  # fmt: skip
            conn.execute(
                stmt.on_conflict_do_update(index_elements=[F.url], set_={"source": src.name})
            )
            host = self.db.insert(watch_hosts).values(host=host_key(url), next_allowed_at=0)
            conn.execute(host.on_conflict_do_nothing(index_elements=[H.host]))
        known = conn.execute(select(F.url)).scalars().all()
        stale = [u for u in known if u not in wanted]
        if stale:
            conn.execute(delete(watch_feeds).where(F.url.in_(stale)))

    # -- leases and schedule ---------------------------------------------------------

    def _due(self, now: float) -> Any:
        return (
            select(F.host)
            .join(sources, and_(S.id == F.source, S.enabled.is_(True)))
            .where(F.next_at <= now)
        )

    def claim_hosts(self, owner: str, *, now: float, lease: float, limit: int) -> list[str]:
        """Lease up to `limit` free hosts that have a feed due."""
        if limit <= 0:
            return []
        due = self._due(now).where(F.host == H.host)
        first_due = select(func.min(F.next_at)).where(F.host == H.host).scalar_subquery()
        free = or_(H.lease_until.is_(None), H.lease_until < now)
        pick = (
            select(H.host)
            .where(free, H.next_allowed_at <= now, exists(due))
            .order_by(first_due)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        with self.db.write() as conn:
            hosts = list(conn.execute(pick).scalars())
            if hosts:
                conn.execute(
                    update(watch_hosts)
                    .where(H.host.in_(hosts))
                    .values(lease_owner=owner, lease_until=now + lease)
                )
        return hosts

    def extend(self, host: str, owner: str, until: float) -> None:
        with self.db.write() as conn:
            conn.execute(
                update(watch_hosts)
                .where(H.host == host, H.lease_owner == owner)
                .values(lease_until=until)
            )

    def release(self, host: Host, owner: str) -> None:
        with self.db.write() as conn:
            conn.execute(
                update(watch_hosts)
                .where(H.host == host.host, H.lease_owner == owner)
                .values(
                    lease_owner=None,
                    lease_until=None,
                    next_allowed_at=host.next_allowed_at,
                    tokens=host.tokens,
                    tokens_at=host.tokens_at,
                    robots=host.robots,
                    robots_at=host.robots_at,
                )
            )

    def host(self, host: str) -> Host:
        with self.db.read() as conn:
            r = conn.execute(select(watch_hosts).where(H.host == host)).mappings().first()
        if r is None:
            return Host(host)
        return Host(host, r["next_allowed_at"], r["tokens"], r["tokens_at"], r["robots"],
                    r["robots_at"])  # fmt: skip

    def due_feeds(self, host: str, now: float) -> list[Feed]:
        query = (
            select(watch_feeds)
            .join(sources, and_(S.id == F.source, S.enabled.is_(True)))
            .where(F.host == host, F.next_at <= now)
            .order_by(F.next_at)
        )
        with self.db.read() as conn:
            return [_feed(r) for r in conn.execute(query).mappings()]

    def save_feed(self, feed: Feed) -> None:
        with self.db.write() as conn:
            conn.execute(
                update(watch_feeds)
                .where(F.url == feed.url)
                .values(
                    next_at=feed.next_at,
                    poll_interval=feed.interval,
                    rate=feed.rate,
                    fresh_rate=feed.fresh,
                    rate_window=feed.window,
                    etag=feed.etag,
                    last_modified=feed.last_modified,
                    failures=feed.failures,
                    last_status=feed.last_status,
                    polled_at=feed.polled_at,
                )
            )

    def next_due(self, now: float) -> float | None:
        """When the next feed on a host not leased now falls due."""
        query = (
            select(
                func.min(case((F.next_at > H.next_allowed_at, F.next_at), else_=H.next_allowed_at))
            )
            .join(sources, and_(S.id == F.source, S.enabled.is_(True)))
            .join(watch_hosts, H.host == F.host)
            .where(or_(H.lease_until.is_(None), H.lease_until < now))
        )
        with self.db.read() as conn:
            found = conn.execute(query).scalar()
        return None if found is None else float(found)

    def feeds(self, source: str | None = None) -> list[Feed]:
        query = select(watch_feeds).order_by(F.url)
        if source is not None:
            query = query.where(F.source == source)
        with self.db.read() as conn:
            return [_feed(r) for r in conn.execute(query).mappings()]
