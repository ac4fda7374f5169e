"""Layout of the SQLite index and the rows derived from an EnrichedArticle.

`articles` stays narrow (ids, dates, region, syndication group, facet values) and the
texts, their stems and the stored event live in `article_texts`, which the FTS5 table
indexes (both keyed by `rid`, the integer rowid the FTS index uses too);
`article_facets` holds each article's facet values, and the roles of its entities, as
small integer codes (`facet_values`). `changes` logs the rid of every written or deleted
row (triggers, in the writing transaction): a searching connection's in-memory columns
(`search/sqlite_columns.py`), which answer every condition but text, follow it.
"""

from __future__ import annotations

from typing import Any

from pipeline.events import EnrichedArticle
from search.document import origin_of
from search.filters import FILTERS, article_values
from search.sqlite_query import iso
from search.stem import STEMMER_VERSION, stem_text

SCHEMA_VERSION = 6  # 6: region facet values are the region and its parents

SEP = "\x1f"  # joins facet values inside one column
# the change log keeps this many entries; a reader further behind reloads everything
CHANGES_KEPT = 200_000


def _log_triggers(table: str) -> str:
    """Every insert, update and delete of `table` logs the rid(s) it touched."""
    log = "INSERT INTO changes (rid) VALUES ({}.rid);"
    moved = "INSERT INTO changes (rid) SELECT old.rid WHERE old.rid IS NOT new.rid;"
    body = {"i": log.format("new"), "u": log.format("new") + moved, "d": log.format("old")}
    event = {"i": "INSERT", "u": "UPDATE", "d": "DELETE"}
    return "".join(
        f"CREATE TRIGGER IF NOT EXISTS {table}_log_{k} AFTER {event[k]} ON {table} "
        f"BEGIN {sql} END;\n"
        for k, sql in body.items()
    )


SCHEMA = f"""
CREATE TABLE IF NOT EXISTS articles (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    published_at TEXT,
    election_related INTEGER NOT NULL,
    region TEXT,
    region_name TEXT,
    origin TEXT NOT NULL,
    facet_topics TEXT NOT NULL,
    facet_entities TEXT NOT NULL,
    facet_agencies TEXT NOT NULL,
    url TEXT NOT NULL,
    host TEXT NOT NULL,
    stemmer TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_region ON articles(region);
CREATE TABLE IF NOT EXISTS article_texts (
    rid INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    title_stems TEXT NOT NULL,
    body_stems TEXT NOT NULL,
    doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS facet_values (
    code INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    UNIQUE (kind, value)
);
CREATE TABLE IF NOT EXISTS article_facets (
    rid INTEGER PRIMARY KEY,
    codes TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    rid INTEGER NOT NULL
);
{_log_triggers("articles")}
{_log_triggers("article_facets")}
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, body, title_stems, body_stems, content='article_texts', content_rowid='rid',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS article_texts_ai AFTER INSERT ON article_texts BEGIN
    INSERT INTO articles_fts(rowid, title, body, title_stems, body_stems)
    VALUES (new.rid, new.title, new.body, new.title_stems, new.body_stems);
END;
CREATE TRIGGER IF NOT EXISTS article_texts_ad AFTER DELETE ON article_texts BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body, title_stems, body_stems)
    VALUES ('delete', old.rid, old.title, old.body, old.title_stems, old.body_stems);
END;
CREATE TRIGGER IF NOT EXISTS article_texts_au AFTER UPDATE ON article_texts BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body, title_stems, body_stems)
    VALUES ('delete', old.rid, old.title, old.body, old.title_stems, old.body_stems);
    INSERT INTO articles_fts(rowid, title, body, title_stems, body_stems)
    VALUES (new.rid, new.title, new.body, new.title_stems, new.body_stems);
END;
PRAGMA user_version = {SCHEMA_VERSION};
"""

ARTICLE_COLUMNS = [
    "id",
    "source",
    "published_at",
    "election_related",
    "region",
    "region_name",
    "origin",
    "facet_topics",
    "facet_entities",
    "facet_agencies",
    "url",
    "host",
    "stemmer",
]
TEXT_COLUMNS = ["rid", "title", "body", "title_stems", "body_stems", "doc"]


def _upsert(table: str, columns: list[str], key: str) -> str:
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) "
        f"VALUES ({', '.join(':' + c for c in columns)}) ON CONFLICT({key}) DO UPDATE SET "
        + ", ".join(f"{c}=excluded.{c}" for c in columns if c != key)
    )


UPSERT_ARTICLE = _upsert("articles", ARTICLE_COLUMNS, "id") + " RETURNING rid"
UPSERT_TEXT = _upsert("article_texts", TEXT_COLUMNS, "rid")

PRUNE_CHANGES = f"DELETE FROM changes WHERE seq <= (SELECT max(seq) FROM changes) - {CHANGES_KEPT}"


def facet_values(article: dict[str, Any]) -> list[tuple[str, str]]:
    """(kind, value) of every filter value an articles row holds (`search.filters`): coded
    in `article_facets`, counted as facets when the filter is one."""
    values: dict[str, list[str]] = article["values"]
    return [(spec.name, v) for spec in FILTERS for v in values[spec.name]]


def rows(doc: EnrichedArticle) -> tuple[dict[str, Any], dict[str, Any]]:
    """(articles row, article_texts row without its rid) for one event."""
    a = doc.article
    values = article_values(doc)
    article = {
        "id": doc.id,
        "source": a.source,
        "published_at": iso(a.published_at) if a.published_at else None,
        "election_related": int(doc.election_related),
        "region": doc.region.code if doc.region else None,
        "region_name": doc.region.name if doc.region else None,
        "origin": origin_of(doc),
        "facet_topics": SEP.join(values["topics"]),
        "facet_entities": SEP.join(values["entities"]),
        "facet_agencies": SEP.join(values["agencies"]),
        "url": a.url,
        "host": a.host,
        "stemmer": STEMMER_VERSION,
        "values": values,  # not a column: coded into article_facets
    }
    text = {
        "title": a.title,
        "body": a.body,
        "title_stems": stem_text(a.title),
        "body_stems": stem_text(a.body),
        "doc": doc.model_dump_json(),
    }
    return article, text
