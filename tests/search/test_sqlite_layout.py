"""An index written by an older layout is rebuilt from its stored events when opened."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

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


def test_facet_codes_of_a_rolled_back_write_are_not_reused(tmp_path: Path) -> None:
    backend = SqliteBackend(tmp_path / "index.sqlite3")
    backend.ensure()
    backend._db.execute(
        "CREATE TEMP TRIGGER boom BEFORE INSERT ON article_facets "
        "BEGIN SELECT RAISE(ABORT, 'boom'); END"
    )
    with pytest.raises(sqlite3.IntegrityError):
        backend.upsert([MORE[1]])  # detik, 32.75, kampanye: codes handed out, rolled back
    backend._db.execute("DROP TRIGGER temp.boom")
    backend.upsert([MORE[0]])
    facets = backend.search(SearchQuery()).facets
    assert {f.value: f.count for f in facets["sources"]} == {"antara": 1}
    assert {f.value: f.count for f in facets["topics"]} == {"kampanye": 1}
    backend.close()


def test_previous_layout_index_is_rebuilt_from_article_texts(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite3"
    backend = SqliteBackend(path)
    backend.ensure()
    backend.upsert(MORE)
    # layout 3: side tables keyed by article id, no facet codes; events in article_texts
    backend._db.executescript(
        "DROP TABLE article_facets; DROP TABLE facet_values; PRAGMA user_version = 3;"
    )
    backend.close()
    reopened = SqliteBackend(path)
    reopened.ensure()
    assert reopened.count() == len(MORE)
    result = reopened.search(SearchQuery(text="menertibkan"))
    assert result.total == 3
    assert {f.value: f.count for f in result.facets["topics"]} == {"kampanye": 3}
    reopened.close()


def test_layout_4_index_is_rebuilt_with_role_codes_and_the_change_log(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite3"
    backend = SqliteBackend(path)
    backend.ensure()
    backend.upsert(MORE)
    # layout 4: no change log, no role codes among the facet codes
    backend._db.executescript(
        "DROP TABLE changes; DELETE FROM facet_values WHERE kind = 'roles'; "
        "PRAGMA user_version = 4;"
    )
    backend.close()
    reopened = SqliteBackend(path)
    reopened.ensure()
    assert reopened.count() == len(MORE)
    assert reopened.search(SearchQuery(roles=["official"])).total == 2
    logged = reopened._db.execute("SELECT COUNT(DISTINCT rid) FROM changes").fetchone()[0]
    assert logged == len(MORE)
    reopened.close()
