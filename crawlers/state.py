"""What earlier crawls saw (per source), kept in the data dir so a re-run fetches only news."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Self

from pipeline.events import RawArticle

_SCHEMA = """
CREATE TABLE IF NOT EXISTS seen (
    url TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    outcome TEXT NOT NULL,
    seen_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS seen_source ON seen (source);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    source TEXT NOT NULL,
    published_at TEXT,
    fingerprint TEXT NOT NULL,
    origin_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS stories_origin ON stories (origin_id);
"""
# Failures that will not change on a re-fetch; transient ones (timeouts, 5xx, blocks) retry.
PERMANENT_FAILURES = frozenset({"no_body", "no_title", "not_html", "http_404", "http_410"})


class CrawlState:
    """A small SQLite file: seen URLs per source and the fingerprints of stored stories.

    `path=None` keeps it in memory (one run only, still groups syndicated copies).
    """

    def __init__(self, path: Path | None = None) -> None:
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(str(path) if path else ":memory:")
        self.db.executescript(_SCHEMA)

    @classmethod
    def in_dir(cls, directory: Path) -> Self:
        return cls(directory / "state.sqlite3")

    def seen_urls(self, sources: Iterable[str] | None = None) -> set[str]:
        """Canonical URLs already handled (all sources, or only the named ones)."""
        if sources is None:
            rows = self.db.execute("SELECT url FROM seen")
        else:
            names = list(sources)
            marks = ",".join("?" * len(names))
            rows = self.db.execute(f"SELECT url FROM seen WHERE source IN ({marks})", names)
        return {url for (url,) in rows}

    def counts(self) -> dict[str, int]:
        rows = self.db.execute("SELECT source, COUNT(*) FROM seen GROUP BY source")
        return {source: count for source, count in rows}

    def mark(self, url: str, source: str, outcome: str = "article") -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO seen VALUES (?, ?, ?, ?)",
            (url, source, outcome, datetime.now(UTC).isoformat()),
        )

    def mark_article(self, article: RawArticle) -> None:
        self.mark(article.url, article.source)

    def commit(self) -> None:
        self.db.commit()

    def close(self) -> None:
        self.db.commit()
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
