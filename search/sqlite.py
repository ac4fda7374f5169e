"""SqliteBackend: the embedded search index (stdlib sqlite3 + FTS5, one file)."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.bus import TransientError
from pipeline.events import EnrichedArticle
from search.backend import BackendError
from search.cursor import BAD_CURSOR, Cursor
from search.highlight import Marker
from search.query import (
    AlsoPublished,
    FacetCount,
    QuerySyntaxError,
    SearchHit,
    SearchQuery,
    SearchResult,
    TrendQuery,
    TrendResult,
)
from search.sqlite_query import BM25, Where, build_where
from search.sqlite_schema import (
    FACET_KINDS,
    HITS_TABLE,
    SCHEMA,
    SCHEMA_VERSION,
    SEP,
    UPSERT_ARTICLE,
    UPSERT_TEXT,
    facet_values,
    rows,
)
from search.sqlite_trends import trends

HIT_COLUMNS = (
    "h.score, h.pub, a.id, a.url, a.source, a.published_at, a.region, a.origin, "
    "a.facet_topics, t.title, t.body"
)
# Read speed: the narrow tables and the FTS index stay in memory between searches.
PRAGMAS = (
    "PRAGMA mmap_size = 1073741824",
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
    """One SQLite file under the data dir; FTS5 over stems for text, tables for filters."""

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
        # facet value <-> code; codes are never reused while the row exists
        self._codes: dict[tuple[str, str], int] = {}
        self._values: dict[int, tuple[str, str]] = {}
        # what temp.hits holds: (sql, params, scored, collapse, data_version), None after
        # a write
        self._matched: tuple[Any, ...] | None = None

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
        except sqlite3.OperationalError as exc:
            raise BackendError(f"cannot write the search index {self.path}: {exc}") from exc

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
                self._matched = None
                try:
                    yield
                except BaseException:
                    self._forget_codes()  # codes made in the rolled-back transaction
                    raise
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise TransientError(f"search index busy: {exc}") from exc
            raise BackendError(f"cannot write the search index {self.path}: {exc}") from exc

    def upsert(self, docs: Sequence[EnrichedArticle]) -> int:
        derived = [rows(d) for d in docs]  # stemming outside the lock
        with self._writing():
            rids: list[tuple[int]] = []
            facets: list[tuple[int, str]] = []
            for article, text in derived:
                rid = self._db.execute(UPSERT_ARTICLE, article).fetchone()[0]
                self._db.execute(UPSERT_TEXT, {**text, "rid": rid})
                rids.append((rid,))
                codes = [str(self._code(kind, v)) for kind, v in facet_values(article)]
                facets.append((rid, ",".join(codes)))
            self._db.executemany("DELETE FROM article_topics WHERE rid=?", rids)
            self._db.executemany("DELETE FROM article_entities WHERE rid=?", rids)
            self._db.executemany("INSERT OR REPLACE INTO article_facets VALUES (?, ?)", facets)
            self._db.executemany(
                "INSERT OR IGNORE INTO article_topics VALUES (?, ?, ?)",
                [(r, t.id, t.score) for (r,), d in zip(rids, docs, strict=True) for t in d.topics],
            )
            self._db.executemany(
                "INSERT OR IGNORE INTO article_entities VALUES (?, ?, ?, ?)",
                [
                    (r, e.canonical, e.label, e.role or "")
                    for (r,), d in zip(rids, docs, strict=True)
                    for e in d.entities
                ],
            )
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

    def _forget_codes(self) -> None:
        self._codes.clear()
        self._values.clear()

    def reindex(self, *, batch: int = 500) -> int:
        """Re-derive every row (stems, origin, facets, tables) from the stored events."""
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

    def _run(self, sql: str, params: Sequence[Any]) -> list[sqlite3.Row]:
        try:
            with self._lock:
                return self._db.execute(sql, list(params)).fetchall()
        except sqlite3.OperationalError as exc:
            raise BackendError(f"search failed: {exc}") from exc

    def search(self, query: SearchQuery) -> SearchResult:
        started = time.perf_counter()
        where = build_where(query)
        cursor = Cursor.decode(query)
        with self._lock:
            try:
                with self._db:  # the commit ends the read snapshot (rollback on error)
                    # The matching set is computed once (FTS + filters) into a temp table;
                    # the page, the total and the facets then read it, not match again.
                    self._match(
                        where,
                        scored=query.sort == "relevance",
                        collapse=query.collapse,
                        again=bool(cursor),
                    )
                    found, next_cursor = self._page(query, cursor)
                    total = self._run("SELECT COUNT(*) FROM temp.hits", ())[0][0]
                    facets = self._facets(query.facet_size) if query.facet_size else {}
                    also = self._also(found) if query.collapse else {}
            except BaseException:
                self._matched = None  # the rollback undid temp.hits too
                raise
        marker = Marker.of(query.tree())
        hits = [
            SearchHit(
                id=r["id"],
                title=r["title"],
                url=r["url"],
                source=r["source"],
                published_at=r["published_at"],
                score=float(r["score"]),
                snippet=marker.snippet(r["body"]),
                title_highlight=marker.title(r["title"]),
                topics=r["facet_topics"].split(SEP) if r["facet_topics"] else [],
                region=r["region"],
                origin=r["origin"],
                also_published_by=also.get(r["id"], []),
            )
            for r in found
        ]
        took = (time.perf_counter() - started) * 1000
        return SearchResult(
            total=total, hits=hits, facets=facets, next_cursor=next_cursor, took_ms=took
        )

    def _match(self, where: Where, *, scored: bool, collapse: bool, again: bool) -> None:
        """Fill temp.hits. A cursor page (`again`) reuses the set its previous page left
        there when nothing was written since (data_version moves on other connections'
        commits, our own writes reset `_matched`): paging on costs only the page."""
        version = self._db.execute("PRAGMA data_version").fetchone()[0]
        key = (where.sql, tuple(where.params), scored, collapse, version)
        if again and key == self._matched:
            return
        self._matched = None
        # bm25 is most of a broad match's cost; sorted by date, scores are 0 (as on ES)
        score = f"-{BM25}" if where.ranked and scored else "0.0"
        # only collapsing reads the syndication group (~0.4 us a hit to copy)
        origin = "a.origin" if collapse else "NULL"
        self._run(HITS_TABLE, ())
        self._run("DELETE FROM temp.hits", ())
        self._run(
            f"INSERT INTO temp.hits SELECT a.rid, a.id, {score}, COALESCE(a.published_at, ''), "
            f"{origin} FROM {where.sql}",
            where.params,
        )
        self._matched = key

    def _page(
        self, query: SearchQuery, cursor: Cursor | None
    ) -> tuple[list[sqlite3.Row], str | None]:
        order = "score DESC, pub DESC, id" if query.sort == "relevance" else "pub DESC, id"
        inner = "SELECT * FROM temp.hits"
        params: list[Any] = []
        outer: list[str] = []
        if query.collapse:
            inner = (
                f"SELECT *, ROW_NUMBER() OVER (PARTITION BY origin ORDER BY {order}) AS copy "
                "FROM temp.hits"
            )
            outer.append("copy = 1")
        offset = query.offset
        if cursor and (query.collapse or cursor.after is None):
            offset = cursor.offset
        elif cursor and cursor.after is not None:
            outer.append(_keyset(query.sort, len(cursor.after)))
            params.extend(_keyset_params(cursor.after))
            offset = 0
        # the page's rids only, then their rows: sorting whole hits rows before the join
        # costs ~0.5 us a hit more (SQLite 3.40)
        sql = (
            f"SELECT {HIT_COLUMNS} FROM "
            f"(SELECT rid FROM ({inner}) {'WHERE ' + ' AND '.join(outer) if outer else ''} "
            f"ORDER BY {order} LIMIT ? OFFSET ?) p JOIN temp.hits h ON h.rid = p.rid "
            "JOIN articles a ON a.rid = h.rid JOIN article_texts t ON t.rid = h.rid "
            f"ORDER BY {'h.score DESC, ' if query.sort == 'relevance' else ''}h.pub DESC, h.id"
        )
        found = self._run(sql, [*params, query.limit, offset])
        if len(found) < query.limit:
            return found, None
        if query.collapse:
            return found, Cursor(None, offset + len(found)).encode(query)
        last = found[-1]
        after = [last["pub"], last["id"]]
        if query.sort == "relevance":
            after.insert(0, float(last["score"]))
        return found, Cursor(after).encode(query)

    def _facets(self, size: int) -> dict[str, list[FacetCount]]:
        """One pass concatenates the facet codes of the matching set (one short row per
        hit, in C); numpy parses and counts them (~20 ns a code, where splitting and a
        Counter cost ~150 ns), then the codes are named."""
        joined = self._db.execute(
            "SELECT group_concat(f.codes) FROM temp.hits h JOIN article_facets f ON f.rid = h.rid"
        ).fetchone()[0]  # never ",,": every article has a source code
        counted = np.bincount(np.fromstring(joined or "", dtype=np.int64, sep=","))
        per: dict[str, list[tuple[str, int]]] = {kind: [] for kind in FACET_KINDS}
        for code in np.flatnonzero(counted).tolist():
            kind, value = self._value(code)
            per[kind].append((value, int(counted[code])))
        top = {k: sorted(pairs, key=lambda vc: (-vc[1], vc[0]))[:size] for k, pairs in per.items()}
        names = self._region_names([v for v, _ in top["regions"]])
        return {
            key: [
                FacetCount(value=v, count=c, label=names.get(v) if key == "regions" else None)
                for v, c in pairs
            ]
            for key, pairs in top.items()
        }

    def _value(self, code: int) -> tuple[str, str]:
        if code not in self._values:  # new codes (maybe another process's): read them all
            found = self._db.execute("SELECT code, kind, value FROM facet_values")
            self._values = {c: (k, v) for c, k, v in found}
        return self._values[code]

    def _region_names(self, codes: list[str]) -> dict[str, str | None]:
        names: dict[str, str | None] = {}
        for code in codes:  # one index seek each (a GROUP BY would read every article)
            found = self._db.execute(
                "SELECT region_name FROM articles WHERE region = ? LIMIT 1", (code,)
            ).fetchone()
            names[code] = found[0] if found else None
        return names

    def _also(self, found: Sequence[sqlite3.Row]) -> dict[str, list[AlsoPublished]]:
        if not found:
            return {}
        lead = {r["origin"]: r["id"] for r in found}
        copies = self._run(
            "SELECT a.id, a.source, a.url, a.published_at, a.origin FROM temp.hits h "
            f"JOIN articles a ON a.rid = h.rid WHERE h.origin IN ({','.join('?' * len(lead))}) "
            "ORDER BY h.pub, h.id",
            list(lead),
        )
        out: dict[str, list[AlsoPublished]] = {}
        for c in copies:
            if c["id"] != lead[c["origin"]]:
                out.setdefault(lead[c["origin"]], []).append(
                    AlsoPublished(
                        id=c["id"], source=c["source"], url=c["url"], published_at=c["published_at"]
                    )
                )
        return out

    def trends(self, query: TrendQuery) -> TrendResult:
        with self._lock, self._db:
            return trends(self._run, query)

    def get(self, article_id: str) -> EnrichedArticle | None:
        found = self._run(
            "SELECT t.doc FROM articles a JOIN article_texts t ON t.rid = a.rid WHERE a.id = ?",
            (article_id,),
        )
        return EnrichedArticle.model_validate_json(found[0][0]) if found else None

    def count(self) -> int:
        return int(self._run("SELECT COUNT(*) FROM articles", ())[0][0])

    def close(self) -> None:
        self._db.close()


def _keyset(sort: str, n: int) -> str:
    if sort == "relevance" and n == 3:
        return "(score < ? OR (score = ? AND pub < ?) OR (score = ? AND pub = ? AND id > ?))"
    if sort == "date" and n == 2:
        return "(pub < ? OR (pub = ? AND id > ?))"
    raise QuerySyntaxError(BAD_CURSOR)


def _keyset_params(after: list[Any]) -> list[Any]:
    if len(after) == 3:
        s, p, i = after
        return [s, s, p, s, p, i]
    p, i = after
    return [p, p, i]
