"""SqliteBackend: the embedded search index (stdlib sqlite3 + FTS5, one file)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pipeline.errors import TransientError
from pipeline.events import EnrichedArticle
from search.backend import BackendError
from search.query import SearchQuery, SearchResult, TrendQuery, TrendResult
from search.scan import Scan, chained
from search.sqlite_schema import (
    PRUNE_CHANGES,
    SCHEMA,
    SCHEMA_VERSION,
    UPSERT_ARTICLE,
    UPSERT_TEXT,
    facet_values,
    rows,
)
from search.sqlite_search import SqliteSearch

# Memory stays bounded: SQLite's own page cache (64 MiB) over the operating system's file
# cache, no memory map. A 1 GiB map made the first search of a million-article index
# (which reads every articles row into the columns) resident at 1.2 GiB, most of it the
# mapped file; reads through the page cache cost about the same.
PRAGMAS = (
    "PRAGMA mmap_size = 0",
    "PRAGMA cache_size = -65536",
    "PRAGMA temp_store = MEMORY",
)
OLD_TABLES = (
    "articles_fts",
    "articles",
    "article_texts",
    "article_topics",
    "article_entities",
    "article_facets",
    "facet_values",
)


class SqliteBackend:
    """One SQLite file under the data dir: FTS5 over stems for text; filters, sort and
    facets on in-memory columns (`SqliteSearch`)."""

    name = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise BackendError(
                f"cannot open the search index {path}: {exc}. "
                "Choose a writable folder with --data-dir or PANTAU_DATA_DIR."
            ) from exc
        self._db.row_factory = sqlite3.Row
        # one connection shared by the API's worker threads: one search at a time
        self._lock = threading.RLock()
        # facet value -> code for writing; codes are never reused while the row exists
        self._codes: dict[tuple[str, str], int] = {}
        self._search = SqliteSearch(self._db)

    def ensure(self) -> None:
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            for pragma in PRAGMAS:
                self._db.execute(pragma)
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            old = self._db.execute(
                "SELECT COUNT(*) FROM sqlite_master WHERE name = 'articles'"
            ).fetchone()[0]
            if old and version != SCHEMA_VERSION:
                self._migrate()
            self._db.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise self._broken(exc) from exc

    def _broken(self, exc: sqlite3.DatabaseError) -> BackendError:
        """A damaged or unwritable file (truncated, not SQLite, read-only) as a message."""
        if isinstance(exc, sqlite3.OperationalError):
            return BackendError(f"cannot use the search index {self.path}: {exc}")
        return BackendError(
            f"the search index {self.path} is damaged ({exc}). Move it away and rebuild it "
            "(pantau ingest / pantau crawl, or restore a backup)."
        )

    def _migrate(self) -> None:
        """An index of an older layout: rebuild it from its stored events."""
        texts = self._db.execute(
            "SELECT COUNT(*) FROM sqlite_master WHERE name = 'article_texts'"
        ).fetchone()[0]
        stored = "article_texts" if texts else "articles"  # the first layout: articles.doc
        docs = [r[0] for r in self._db.execute(f"SELECT doc FROM {stored}")]
        self._db.executescript("".join(f"DROP TABLE IF EXISTS {t};" for t in OLD_TABLES))
        self._db.executescript(SCHEMA)
        self.upsert([EnrichedArticle.model_validate_json(d) for d in docs])

    @contextmanager
    def _writing(self) -> Iterator[None]:
        try:
            with self._lock, self._db:
                self._search.forget()
                try:
                    yield
                except BaseException:
                    self._codes.clear()  # codes made in the rolled-back transaction
                    raise
        except sqlite3.IntegrityError:
            raise  # a constraint the write broke: not a damaged file
        except sqlite3.DatabaseError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise TransientError(f"search index busy: {exc}") from exc
            raise self._broken(exc) from exc

    def upsert(self, docs: Sequence[EnrichedArticle]) -> int:
        derived = [rows(d) for d in docs]  # stemming outside the lock
        with self._writing():
            facets: list[tuple[int, str]] = []
            for article, text in derived:
                rid = self._db.execute(UPSERT_ARTICLE, article).fetchone()[0]
                self._db.execute(UPSERT_TEXT, {**text, "rid": rid})
                codes = [str(self._code(kind, v)) for kind, v in facet_values(article)]
                facets.append((rid, ",".join(codes)))
            self._db.executemany("INSERT OR REPLACE INTO article_facets VALUES (?, ?)", facets)
            self._db.execute(PRUNE_CHANGES)
        return len(docs)

    def _code(self, kind: str, value: str) -> int:
        code = self._codes.get((kind, value))
        if code is None:
            self._db.execute(
                "INSERT OR IGNORE INTO facet_values (kind, value) VALUES (?, ?)", (kind, value)
            )
            code = self._db.execute(
                "SELECT code FROM facet_values WHERE kind = ? AND value = ?", (kind, value)
            ).fetchone()[0]
            self._codes[kind, value] = code
        return int(code)

    def reindex(self, *, batch: int = 500, counted: Callable[[int], None] | None = None) -> int:
        """Re-derive every row (stems, origin, facets, tables) from the stored events;
        `counted(n)` hears of every batch of n (a progress bar)."""
        done, last = 0, 0
        while True:
            found = self._run(
                "SELECT rid, doc FROM article_texts WHERE rid > ? ORDER BY rid LIMIT ?",
                (last, batch),
            )
            if not found:
                return done
            self.upsert([EnrichedArticle.model_validate_json(r["doc"]) for r in found])
            done, last = done + len(found), found[-1]["rid"]
            if counted:
                counted(len(found))

    def _run(self, sql: str, params: Sequence[Any]) -> list[sqlite3.Row]:
        try:
            with self._lock:
                return self._db.execute(sql, list(params)).fetchall()
        except sqlite3.DatabaseError as exc:
            raise self._broken(exc) from exc

    def search(self, query: SearchQuery) -> SearchResult:
        with self._lock:
            try:
                return self._search.search(query)
            except sqlite3.DatabaseError as exc:
                raise self._broken(exc) from exc

    def scan(self, query: SearchQuery, limit: int) -> Scan:
        """Every hit of `query` up to `limit`, page after page through the cursor."""
        return chained(self.search, query, limit)

    def trends(self, query: TrendQuery) -> TrendResult:
        with self._lock:
            try:
                return self._search.trends(query)
            except sqlite3.DatabaseError as exc:
                raise self._broken(exc) from exc

    def forget(self) -> None:
        """Drop what searches keep (matching sets, counts, relevance): the next search is
        answered from the file alone, as the first one after a start."""
        with self._lock:
            self._search.forget(scores=True)

    def get(self, article_id: str) -> EnrichedArticle | None:
        found = self._run(
            "SELECT t.doc FROM articles a JOIN article_texts t ON t.rid = a.rid WHERE a.id = ?",
            (article_id,),
        )
        return EnrichedArticle.model_validate_json(found[0][0]) if found else None

    def count(self) -> int:
        return int(self._run("SELECT COUNT(*) FROM articles", ())[0][0])

    def close(self) -> None:
        with self._lock:  # not while a search runs (an export's page fetched ahead)
            self._db.close()
