"""WatchState: the registry rows and scheduling state of `pantau watch` in one SQLite file.

Several watch processes may share the file: hosts are leased (an atomic UPDATE with an
expiry), so one host, and every feed on it, is polled by one process at a time, and an
article URL is claimed before it is fetched, so no two processes fetch it.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from crawlers.watch.registry import Source
from crawlers.watch.schema import SCHEMA, Feed, Health, Host, Registered

DAY = 86400.0
CLAIM_TTL = 600.0  # an article claim older than this was left by a dead process


def host_key(url: str) -> str:
    return urlsplit(url).netloc.lower()


class WatchState:
    """Thread-safe by one connection per thread; WAL lets processes share the file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db().executescript(SCHEMA)

    def _db(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            self._local.db = db
        return db

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        db = self._db()
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

    # -- registry --------------------------------------------------------------------

    def sync(self, sources: Iterable[Source], *, now: float | None = None) -> None:
        """Bring the sources file into the store: new entries added, changed ones updated
        (an operator's enable/disable is kept), removed file entries dropped."""
        now = time.time() if now is None else now
        listed = {s.name: s for s in sources}
        with self._tx() as db:
            for s in listed.values():
                db.execute(
                    "INSERT INTO watch_source (name, body, enabled, origin, updated_at)"
                    " VALUES (?, ?, ?, 'file', ?) ON CONFLICT (name) DO UPDATE SET"
                    " body = excluded.body, updated_at = excluded.updated_at"
                    " WHERE watch_source.origin = 'file' AND watch_source.body != excluded.body",
                    (s.name, s.model_dump_json(), int(s.enabled), now),
                )
            gone = [
                r["name"]
                for r in db.execute("SELECT name FROM watch_source WHERE origin = 'file'")
                if r["name"] not in listed
            ]
            db.executemany("DELETE FROM watch_source WHERE name = ?", [(n,) for n in gone])
            self._sync_feeds(db, now)

    def add(self, source: Source, *, now: float | None = None) -> None:
        """Save a source added by an operator (replacing one of the same name)."""
        now = time.time() if now is None else now
        with self._tx() as db:
            db.execute(
                "INSERT INTO watch_source (name, body, enabled, origin, updated_at)"
                " VALUES (?, ?, ?, 'cli', ?) ON CONFLICT (name) DO UPDATE SET"
                " body = excluded.body, enabled = excluded.enabled, origin = 'cli',"
                " updated_at = excluded.updated_at",
                (source.name, source.model_dump_json(), int(source.enabled), now),
            )
            self._sync_feeds(db, now)

    def set_enabled(self, name: str, enabled: bool) -> bool:
        with self._tx() as db:
            done = db.execute(
                "UPDATE watch_source SET enabled = ?, updated_at = ? WHERE name = ?",
                (int(enabled), time.time(), name),
            ).rowcount
        return bool(done)

    def registered(self) -> list[Registered]:
        rows = self._db().execute("SELECT body, enabled, origin FROM watch_source ORDER BY name")
        return [
            Registered(Source.model_validate_json(r["body"]), bool(r["enabled"]), r["origin"])
            for r in rows
        ]

    def get(self, name: str) -> Registered | None:
        return next((r for r in self.registered() if r.source.name == name), None)

    def _sync_feeds(self, db: sqlite3.Connection, now: float) -> None:
        wanted: dict[str, Source] = {}
        for r in db.execute("SELECT body FROM watch_source"):
            src = Source.model_validate_json(r["body"])
            for url in src.entry_points():
                wanted.setdefault(url, src)
        for url, src in wanted.items():
            db.execute(
                "INSERT INTO watch_feed (url, source, host, next_at, interval) VALUES"
                " (?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET source = excluded.source",
                (url, src.name, host_key(url), now, src.min_interval),
            )
            db.execute("INSERT OR IGNORE INTO watch_host (host) VALUES (?)", (host_key(url),))
        for r in db.execute("SELECT url FROM watch_feed").fetchall():
            if r["url"] not in wanted:
                db.execute("DELETE FROM watch_feed WHERE url = ?", (r["url"],))

    # -- leases and schedule ---------------------------------------------------------

    def claim_hosts(self, owner: str, *, now: float, lease: float, limit: int) -> list[str]:
        """Lease up to `limit` free hosts that have a feed due (an atomic UPDATE)."""
        if limit <= 0:
            return []
        with self._tx() as db:
            rows = db.execute(
                "UPDATE watch_host SET lease_owner = :owner, lease_until = :until"
                " WHERE host IN (SELECT f.host FROM watch_feed f"
                "  JOIN watch_source s ON s.name = f.source AND s.enabled = 1"
                "  JOIN watch_host h ON h.host = f.host"
                "  WHERE f.next_at <= :now AND h.next_allowed_at <= :now"
                "  AND (h.lease_until IS NULL OR h.lease_until < :now)"
                "  GROUP BY f.host ORDER BY MIN(f.next_at) LIMIT :limit)"
                " AND (lease_until IS NULL OR lease_until < :now) RETURNING host",
                {"owner": owner, "until": now + lease, "now": now, "limit": limit},
            ).fetchall()
        return [r["host"] for r in rows]

    def extend(self, host: str, owner: str, until: float) -> None:
        self._db().execute(
            "UPDATE watch_host SET lease_until = ? WHERE host = ? AND lease_owner = ?",
            (until, host, owner),
        )

    def release(self, host: Host, owner: str) -> None:
        self._db().execute(
            "UPDATE watch_host SET lease_owner = NULL, lease_until = NULL, next_allowed_at = ?,"
            " tokens = ?, tokens_at = ?, robots = ?, robots_at = ?"
            " WHERE host = ? AND lease_owner = ?",
            (host.next_allowed_at, host.tokens, host.tokens_at, host.robots, host.robots_at,
             host.host, owner),
        )  # fmt: skip

    def host(self, host: str) -> Host:
        r = self._db().execute("SELECT * FROM watch_host WHERE host = ?", (host,)).fetchone()
        if r is None:
            return Host(host)
        return Host(host, r["next_allowed_at"], r["tokens"], r["tokens_at"], r["robots"],
                    r["robots_at"])  # fmt: skip

    def due_feeds(self, host: str, now: float) -> list[Feed]:
        rows = self._db().execute(
            "SELECT f.* FROM watch_feed f JOIN watch_source s ON s.name = f.source"
            " WHERE f.host = ? AND f.next_at <= ? AND s.enabled = 1 ORDER BY f.next_at",
            (host, now),
        )
        return [Feed(**dict(r)) for r in rows]

    def save_feed(self, feed: Feed) -> None:
        self._db().execute(
            "UPDATE watch_feed SET next_at = ?, interval = ?, rate = ?, window = ?, etag = ?,"
            " last_modified = ?, failures = ?, last_status = ?, polled_at = ? WHERE url = ?",
            (feed.next_at, feed.interval, feed.rate, feed.window, feed.etag,
             feed.last_modified, feed.failures, feed.last_status, feed.polled_at, feed.url),
        )  # fmt: skip

    def next_due(self, now: float) -> float | None:
        """When the next feed on a host not leased now falls due."""
        row = (
            self._db()
            .execute(
                "SELECT MIN(MAX(f.next_at, h.next_allowed_at)) FROM watch_feed f"
                " JOIN watch_source s ON s.name = f.source AND s.enabled = 1"
                " JOIN watch_host h ON h.host = f.host"
                " WHERE h.lease_until IS NULL OR h.lease_until < ?",
                (now,),
            )
            .fetchone()
        )
        return None if row[0] is None else float(row[0])

    def feeds(self, source: str | None = None) -> list[Feed]:
        sql, args = "SELECT * FROM watch_feed", tuple[str, ...]()
        if source is not None:
            sql, args = sql + " WHERE source = ?", (source,)
        return [Feed(**dict(r)) for r in self._db().execute(sql + " ORDER BY url", args)]

    # -- articles ----------------------------------------------------------------------

    def claim_article(self, url: str, source: str, now: float) -> bool:
        """True when this process may fetch `url`: never seen, or a stale claim."""
        with self._tx() as db:
            row = db.execute("SELECT state, at FROM watch_seen WHERE url = ?", (url,)).fetchone()
            if row is not None and not (row["state"] == "claimed" and row["at"] < now - CLAIM_TTL):
                return False
            db.execute(
                "INSERT OR REPLACE INTO watch_seen (url, source, state, at) VALUES (?, ?, ?, ?)",
                (url, source, "claimed", now),
            )
        return True

    def unseen(self, urls: Iterable[str]) -> list[str]:
        """The URLs no process has claimed or handled yet, in the order given."""
        urls = list(dict.fromkeys(urls))
        if not urls:
            return []
        marks = ",".join("?" * len(urls))
        known = {
            r[0]
            for r in self._db().execute(f"SELECT url FROM watch_seen WHERE url IN ({marks})", urls)
        }
        return [u for u in urls if u not in known]

    def settle(self, url: str, outcome: str | None, now: float) -> None:
        """An article claim ends: handled for good (`outcome`) or forgotten (None: retry)."""
        if outcome is None:
            self._db().execute("DELETE FROM watch_seen WHERE url = ?", (url,))
        else:
            self._db().execute(
                "UPDATE watch_seen SET state = ?, at = ? WHERE url = ?", (outcome, now, url)
            )

    # -- health ------------------------------------------------------------------------

    def record(self, source: str, kind: str, outcome: str, ok: bool, now: float) -> None:
        """One poll (kind "poll") or article (kind "article" / "generic") of a source."""
        db = self._db()
        db.execute(
            "INSERT INTO watch_event (source, at, kind, outcome, ok) VALUES (?, ?, ?, ?, ?)",
            (source, now, kind, outcome, int(ok)),
        )
        if kind != "poll":
            return
        if ok:
            db.execute(
                "UPDATE watch_source SET failures = 0, failing_since = NULL, alerted_at = NULL,"
                " last_status = ?, last_success = ? WHERE name = ?",
                (outcome, now, source),
            )
        else:
            db.execute(
                "UPDATE watch_source SET failures = failures + 1, last_status = ?,"
                " failing_since = COALESCE(failing_since, ?) WHERE name = ?",
                (outcome, now, source),
            )

    def health(self, now: float | None = None) -> list[Health]:
        now = time.time() if now is None else now
        db = self._db()
        out: dict[str, Health] = {}
        for r in db.execute("SELECT * FROM watch_source ORDER BY name"):
            src = Source.model_validate_json(r["body"])
            out[src.name] = Health(
                src.name, bool(r["enabled"]), src.family, src.region, r["last_success"],
                r["last_status"], r["failures"], r["failing_since"],
            )  # fmt: skip
        rows = db.execute(
            "SELECT source, kind, outcome, ok, COUNT(*) AS n FROM watch_event WHERE at >= ?"
            " GROUP BY source, kind, outcome, ok",
            (now - DAY,),
        )
        for r in rows:
            h = out.get(r["source"])
            if h is None:
                continue
            n = int(r["n"])
            if r["kind"] == "poll":
                h.polls += n
                h.errors += 0 if r["ok"] else n
                h.outcomes[r["outcome"]] = h.outcomes.get(r["outcome"], 0) + n
            elif r["kind"] == "article_error":
                h.page_errors += n
                h.outcomes[r["outcome"]] = h.outcomes.get(r["outcome"], 0) + n
            else:
                h.articles += n
                h.generic += n if r["kind"] == "generic" else 0
        return list(out.values())

    def failing(self, since: float) -> list[Health]:
        """Enabled sources failing since before `since` that were not alerted yet."""
        rows = self._db().execute(
            "SELECT name FROM watch_source WHERE enabled = 1 AND failing_since IS NOT NULL"
            " AND failing_since <= ? AND alerted_at IS NULL",
            (since,),
        )
        names = {r["name"] for r in rows}
        return [h for h in self.health() if h.name in names]

    def mark_alerted(self, name: str, now: float) -> bool:
        """Claim the one alert of a failure episode (False: someone else raised it)."""
        return bool(
            self._db()
            .execute(
                "UPDATE watch_source SET alerted_at = ? WHERE name = ? AND alerted_at IS NULL",
                (now, name),
            )
            .rowcount
        )

    def prune(self, now: float, *, events_days: float = 7, seen_days: float = 30) -> None:
        """Bounded growth for a process that never stops."""
        db = self._db()
        db.execute("DELETE FROM watch_event WHERE at < ?", (now - events_days * DAY,))
        db.execute(
            "DELETE FROM watch_seen WHERE at < ? AND state != 'claimed'", (now - seen_days * DAY,)
        )
