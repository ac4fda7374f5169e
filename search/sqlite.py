"""SqliteBackend: the embedded search index (stdlib sqlite3 + FTS5, one file)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline.bus import TransientError
from pipeline.events import EnrichedArticle
from search.backend import BackendError
from search.query import Clause, FacetCount, SearchHit, SearchQuery, SearchResult

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT NOT NULL,
    source TEXT NOT NULL,
    host TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    published_at TEXT,
    election_related INTEGER NOT NULL,
    region TEXT,
    doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published_at);
CREATE INDEX IF NOT EXISTS articles_source ON articles(source);
CREATE TABLE IF NOT EXISTS article_topics (
    article_id TEXT NOT NULL,
    topic TEXT NOT NULL,
    score REAL NOT NULL,
    PRIMARY KEY (article_id, topic)
);
CREATE INDEX IF NOT EXISTS article_topics_topic ON article_topics(topic);
CREATE TABLE IF NOT EXISTS article_entities (
    article_id TEXT NOT NULL,
    canonical TEXT NOT NULL,
    label TEXT NOT NULL,
    PRIMARY KEY (article_id, canonical, label)
);
CREATE INDEX IF NOT EXISTS article_entities_canonical ON article_entities(canonical);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, body, content='articles', content_rowid='rid',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.rid, new.title, new.body);
END;
CREATE TRIGGER IF NOT EXISTS articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body)
    VALUES ('delete', old.rid, old.title, old.body);
END;
CREATE TRIGGER IF NOT EXISTS articles_au AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body)
    VALUES ('delete', old.rid, old.title, old.body);
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.rid, new.title, new.body);
END;
"""

UPSERT = """
INSERT INTO articles (id, url, source, host, title, body, published_at, election_related,
                      region, doc)
VALUES (:id, :url, :source, :host, :title, :body, :published_at, :election_related,
        :region, :doc)
ON CONFLICT(id) DO UPDATE SET
    url=excluded.url, source=excluded.source, host=excluded.host, title=excluded.title,
    body=excluded.body, published_at=excluded.published_at,
    election_related=excluded.election_related, region=excluded.region, doc=excluded.doc
"""


def _fts_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def fts_match(clauses: Sequence[Clause]) -> tuple[str | None, str | None]:
    """(positive MATCH expression, negative MATCH expression) built from parsed clauses."""
    pos = " AND ".join(_fts_string(c.text) for c in clauses if not c.negated)
    neg = " OR ".join(_fts_string(c.text) for c in clauses if c.negated)
    return pos or None, neg or None


class SqliteBackend:
    """One SQLite file under the data dir; FTS5 for text, plain tables for filters."""

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

    def ensure(self) -> None:
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(SCHEMA)
        except sqlite3.OperationalError as exc:
            raise BackendError(f"cannot write the search index {self.path}: {exc}") from exc

    def upsert(self, docs: Sequence[EnrichedArticle]) -> int:
        rows = [_row(d) for d in docs]
        try:
            with self._db:
                self._db.executemany(UPSERT, rows)
                for d in docs:
                    self._db.execute("DELETE FROM article_topics WHERE article_id=?", (d.id,))
                    self._db.execute("DELETE FROM article_entities WHERE article_id=?", (d.id,))
                    self._db.executemany(
                        "INSERT INTO article_topics VALUES (?, ?, ?)",
                        [(d.id, t.id, t.score) for t in d.topics],
                    )
                    self._db.executemany(
                        "INSERT OR IGNORE INTO article_entities VALUES (?, ?, ?)",
                        [(d.id, e.canonical, e.label) for e in d.entities],
                    )
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise TransientError(f"search index busy: {exc}") from exc
            raise
        return len(rows)

    def _where(self, query: SearchQuery) -> tuple[str, list[Any], str | None]:
        conds: list[str] = []
        params: list[Any] = []
        pos, neg = fts_match(query.clauses())
        if pos:
            conds.append("articles_fts MATCH ?")
            params.append(pos)
        if neg:
            conds.append("a.rid NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(neg)
        if query.since:
            conds.append("a.published_at >= ?")
            params.append(query.since.isoformat())
        if query.until:
            conds.append("a.published_at < ?")
            params.append(query.until.isoformat())
        if query.sources:
            conds.append(f"a.source IN ({','.join('?' * len(query.sources))})")
            params.extend(query.sources)
        for topic in query.topics:
            conds.append(
                "EXISTS (SELECT 1 FROM article_topics t WHERE t.article_id=a.id AND t.topic=?)"
            )
            params.append(topic)
        if query.election_related is not None:
            conds.append("a.election_related = ?")
            params.append(int(query.election_related))
        frm = "articles a JOIN articles_fts ON articles_fts.rowid = a.rid" if pos else "articles a"
        return frm + (" WHERE " + " AND ".join(conds) if conds else ""), params, pos

    def search(self, query: SearchQuery) -> SearchResult:
        started = time.perf_counter()
        where, params, pos = self._where(query)
        score = "-bm25(articles_fts, 3.0, 1.0)" if pos else "0.0"
        snippet = (
            "snippet(articles_fts, 1, '[', ']', ' … ', 24)" if pos else "substr(a.body, 1, 200)"
        )
        order = (
            f"{score} DESC, a.published_at DESC"
            if query.sort == "relevance"
            else "a.published_at DESC"
        )
        sql = (
            f"SELECT a.id, a.title, a.url, a.source, a.published_at, a.region, {score} AS score, "
            f"{snippet} AS snippet FROM {where} ORDER BY {order}, a.id LIMIT ? OFFSET ?"
        )
        try:
            rows = self._db.execute(sql, [*params, query.limit, query.offset]).fetchall()
            total = self._db.execute(f"SELECT COUNT(*) FROM {where}", params).fetchone()[0]
            facets = self._facets(where, params)
        except sqlite3.OperationalError as exc:
            raise BackendError(f"search failed: {exc}") from exc
        topics = self._topics([r["id"] for r in rows])
        hits = [
            SearchHit(
                id=r["id"],
                title=r["title"],
                url=r["url"],
                source=r["source"],
                published_at=r["published_at"],
                score=float(r["score"]),
                snippet=r["snippet"],
                topics=topics.get(r["id"], []),
                region=r["region"],
            )
            for r in rows
        ]
        took = (time.perf_counter() - started) * 1000
        return SearchResult(total=total, hits=hits, facets=facets, took_ms=took)

    def _facets(self, where: str, params: list[Any]) -> dict[str, list[FacetCount]]:
        sources = self._db.execute(
            f"SELECT a.source, COUNT(*) FROM {where} GROUP BY a.source ORDER BY 2 DESC, 1 LIMIT 20",
            params,
        ).fetchall()
        topics = self._db.execute(
            f"SELECT t.topic, COUNT(*) FROM article_topics t WHERE t.article_id IN "
            f"(SELECT a.id FROM {where}) GROUP BY t.topic ORDER BY 2 DESC, 1 LIMIT 20",
            params,
        ).fetchall()
        entities = self._db.execute(
            f"SELECT e.canonical, COUNT(DISTINCT e.article_id) FROM article_entities e "
            f"WHERE e.article_id IN (SELECT a.id FROM {where}) "
            f"GROUP BY e.canonical ORDER BY 2 DESC, 1 LIMIT 20",
            params,
        ).fetchall()
        return {
            "sources": [FacetCount(value=v, count=c) for v, c in sources],
            "topics": [FacetCount(value=v, count=c) for v, c in topics],
            "entities": [FacetCount(value=v, count=c) for v, c in entities],
        }

    def _topics(self, ids: Sequence[str]) -> dict[str, list[str]]:
        if not ids:
            return {}
        rows = self._db.execute(
            f"SELECT article_id, topic FROM article_topics WHERE article_id IN "
            f"({','.join('?' * len(ids))}) ORDER BY score DESC",
            list(ids),
        ).fetchall()
        out: dict[str, list[str]] = {}
        for article_id, topic in rows:
            out.setdefault(article_id, []).append(topic)
        return out

    def get(self, article_id: str) -> EnrichedArticle | None:
        row = self._db.execute("SELECT doc FROM articles WHERE id=?", (article_id,)).fetchone()
        return EnrichedArticle.model_validate_json(row[0]) if row else None

    def count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def close(self) -> None:
        self._db.close()


def _row(doc: EnrichedArticle) -> dict[str, Any]:
    a = doc.article
    return {
        "id": doc.id,
        "url": a.url,
        "source": a.source,
        "host": a.host,
        "title": a.title,
        "body": a.body,
        "published_at": a.published_at.isoformat() if a.published_at else None,
        "election_related": int(doc.election_related),
        "region": doc.region.code if doc.region else None,
        "doc": doc.model_dump_json(),
    }
