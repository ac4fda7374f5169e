"""An index written by an older layout is rebuilt from its stored events when opened."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from search.query import SearchQuery
from search.sqlite import SqliteBackend
from tests.search.fixtures import MORE


def test_first_layout_index_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite3"
    db = sqlite3.connect(path)
    # the skeleton's layout: no user_version, the event in articles.doc, FTS over originals
    db.executescript(
        "CREATE TABLE articles (rid INTEGER PRIMARY KEY, id TEXT UNIQUE, title TEXT, "
        "body TEXT, doc TEXT NOT NULL);"
        "CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content='articles', "
        "content_rowid='rid');"
    )
    db.executemany(
        "INSERT INTO articles (id, title, body, doc) VALUES (?, ?, ?, ?)",
        [(d.id, d.article.title, d.article.body, d.model_dump_json()) for d in MORE],
    )
    db.commit()
    db.close()
    backend = SqliteBackend(path)
    backend.ensure()
    assert backend.count() == len(MORE)
    assert backend.search(SearchQuery(text="menertibkan")).total == 3
    assert backend.get(MORE[0].id) == MORE[0]
    backend.close()
