"""The watch state's ledger: claimed and seen article URLs, poll events, source health."""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

from sqlalchemy import and_, delete, func, select, update

from crawlers.watch.registry import Source
from crawlers.watch.schema import Health
from store.db import Store
from store.tables import sources, watch_events, watch_seen

DAY = 86400.0
CLAIM_TTL = 600.0  # an article claim older than this was left by a dead process
E, S, W = watch_events.c, sources.c, watch_seen.c


class Ledger:
    """Mixed into WatchState (which sets `db`)."""

    db: Store

    def claim_article(self, url: str, source: str, now: float, feed: str | None = None) -> bool:
        """True when this process may fetch `url`: never seen, or a stale claim."""
        with self.db.write() as conn:
            stmt = self.db.insert(watch_seen).values(
                url=url, source=source, state="claimed", at=now, feed=feed
            )
            # RETURNING, not rowcount: psycopg reports -1 for INSERT ... ON CONFLICT
            claimed = stmt.on_conflict_do_nothing(index_elements=[W.url]).returning(W.url)
            if conn.execute(claimed).first() is not None:
                return True
            stale = and_(W.url == url, W.state == "claimed", W.at < now - CLAIM_TTL)
            return bool(conn.execute(update(watch_seen).where(stale).values(at=now)).rowcount)

    def unseen(self, urls: Iterable[str]) -> list[str]:
        """The URLs no process has claimed or handled yet, in the order given."""
        wanted = list(dict.fromkeys(urls))
        known = self.known(wanted)
        return [u for u in wanted if u not in known]

    def known(self, urls: Iterable[str]) -> dict[str, tuple[str | None, float]]:
        """Of these URLs, the claimed or handled ones: which feed brought each, and when."""
        wanted = list(dict.fromkeys(urls))
        if not wanted:
            return {}
        query = select(W.url, W.feed, W.at).where(W.url.in_(wanted))
        with self.db.read() as conn:
            return {r.url: (r.feed, r.at) for r in conn.execute(query)}

    def settle(self, url: str, outcome: str | None, now: float) -> None:
        """An article claim ends: handled for good (`outcome`) or forgotten (None: retry)."""
        with self.db.write() as conn:
            if outcome is None:
                conn.execute(delete(watch_seen).where(W.url == url))
            else:
                conn.execute(update(watch_seen).where(W.url == url).values(state=outcome, at=now))

    def record(self, source: str, kind: str, outcome: str, ok: bool, now: float) -> None:
        """One poll (kind "poll") or article ("article", "generic", "article_error")."""
        with self.db.write() as conn:
            conn.execute(
                watch_events.insert().values(
                    source=source, at=now, kind=kind, outcome=outcome, ok=ok
                )
            )
            if kind != "poll":
                return
            row = update(sources).where(S.id == source)
            values: dict[str, Any]
            if ok:
                values = {"failures": 0, "failing_since": None, "alerted_at": None,
                          "last_success": now}  # fmt: skip
            else:
                since = func.coalesce(S.failing_since, now)
                values = {"failures": S.failures + 1, "failing_since": since}
            conn.execute(row.values(last_status=outcome, **values))

    def health(self, now: float | None = None) -> list[Health]:
        now = time.time() if now is None else now
        out: dict[str, Health] = {}
        counts = (
            select(E.source, E.kind, E.outcome, E.ok, func.count().label("n"))
            .where(E.at >= now - DAY)
            .group_by(E.source, E.kind, E.outcome, E.ok)
        )
        with self.db.read() as conn:
            for r in conn.execute(select(sources).order_by(S.id)).mappings():
                src = Source.model_validate(r["config"])
                out[src.name] = Health(
                    src.name, bool(r["enabled"]), src.family, src.region, r["last_success"],
                    r["last_status"], r["failures"], r["failing_since"],
                )  # fmt: skip
            rows = conn.execute(counts).all()
        for c in rows:
            h = out.get(c.source)
            if h is not None:
                _count(h, c.kind, c.outcome, bool(c.ok), int(c.n))
        return list(out.values())

    def failing(self, since: float) -> list[Health]:
        """Enabled sources failing since before `since` that were not alerted yet."""
        query = select(S.id).where(
            S.enabled.is_(True), S.failing_since <= since, S.alerted_at.is_(None)
        )
        with self.db.read() as conn:
            names = set(conn.execute(query).scalars())
        return [h for h in self.health() if h.name in names]

    def mark_alerted(self, name: str, now: float) -> bool:
        """Claim the one alert of a failure episode (False: another process raised it)."""
        with self.db.write() as conn:
            done = conn.execute(
                update(sources).where(S.id == name, S.alerted_at.is_(None)).values(alerted_at=now)
            ).rowcount
        return bool(done)

    def prune(self, now: float, *, events_days: float = 7, seen_days: float = 30) -> None:
        """Bounded growth for a process that never stops."""
        with self.db.write() as conn:
            conn.execute(delete(watch_events).where(E.at < now - events_days * DAY))
            old = and_(W.at < now - seen_days * DAY, W.state != "claimed")
            conn.execute(delete(watch_seen).where(old))


def _count(h: Health, kind: str, outcome: str, ok: bool, n: int) -> None:
    if kind == "poll":
        h.polls += n
        h.errors += 0 if ok else n
        h.outcomes[outcome] = h.outcomes.get(outcome, 0) + n
    elif kind == "article_error":
        h.page_errors += n
        h.outcomes[outcome] = h.outcomes.get(outcome, 0) + n
    else:
        h.articles += n
        h.generic += n if kind == "generic" else 0
