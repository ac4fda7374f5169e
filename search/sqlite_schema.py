"""Layout of the SQLite index and the rows derived from an EnrichedArticle.

`articles` stays narrow (ids, dates, region, syndication group, facet values) so that
scans and filters never read article text; the texts, their stems and the stored event
live in `article_texts`, which the FTS5 table indexes. Side tables are keyed by `rid`
(the integer rowid the FTS index uses too) with covering indexes, so a filter yields
rowids without touching `articles`; `article_facets` holds each article's facet values
as small integer codes (`facet_values`) so counting facets reads one short row per hit.
"""

from __future__ import annotations

from typing import Any

from pipeline.events import EnrichedArticle
from search.document import origin_of
from search.sqlite_query import iso
from search.stem import STEMMER_VERSION, stem_text

SCHEMA_VERSION = 4

SEP = "\x1f"  # joins facet values inside one column

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
CREATE INDEX IF NOT EXISTS articles_published ON articles(published_at);
CREATE INDEX IF NOT EXISTS articles_source ON articles(source);
CREATE INDEX IF NOT EXISTS articles_origin ON articles(origin);
CREATE INDEX IF NOT EXISTS articles_region ON articles(region);
CREATE TABLE IF NOT EXISTS article_texts (
    rid INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    title_stems TEXT NOT NULL,
    body_stems TEXT NOT NULL,
    doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS article_topics (
    rid INTEGER NOT NULL,
    topic TEXT NOT NULL,
    score REAL NOT NULL,
    PRIMARY KEY (rid, topic)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS article_topics_topic ON article_topics(topic, rid);
CREATE TABLE IF NOT EXISTS article_entities (
    rid INTEGER NOT NULL,
    canonical TEXT NOT NULL COLLATE NOCASE,
    label TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (rid, canonical, label, role)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS article_entities_canonical ON article_entities(canonical, label, rid);
CREATE INDEX IF NOT EXISTS article_entities_role ON article_entities(role, rid);
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

FACET_KINDS = ("sources", "regions", "topics", "entities", "agencies")

# The matching set of the current search (TEMP: per connection, so per backend instance).
HITS_TABLE = """
CREATE TEMP TABLE IF NOT EXISTS hits (
    rid INTEGER PRIMARY KEY, id TEXT, score REAL, pub TEXT, origin TEXT
)"""


def facet_values(article: dict[str, Any]) -> list[tuple[str, str]]:
    """(kind, value) of every facet an articles row counts in."""
    found = [("sources", article["source"])]
    if article["region"] is not None:
        found.append(("regions", article["region"]))
    for kind in ("topics", "entities", "agencies"):
        joined = article["facet_" + kind]
        found.extend((kind, v) for v in joined.split(SEP) if v)
    return found


def rows(doc: EnrichedArticle) -> tuple[dict[str, Any], dict[str, Any]]:
    """(articles row, article_texts row without its rid) for one event."""
    a = doc.article
    topics = [t.id for t in sorted(doc.topics, key=lambda t: (-t.score, t.id))]
    article = {
        "id": doc.id,
        "source": a.source,
        "published_at": iso(a.published_at) if a.published_at else None,
        "election_related": int(doc.election_related),
        "region": doc.region.code if doc.region else None,
        "region_name": doc.region.name if doc.region else None,
        "origin": origin_of(doc),
        "facet_topics": SEP.join(dict.fromkeys(topics)),
        "facet_entities": SEP.join(sorted({e.canonical for e in doc.entities})),
        "facet_agencies": SEP.join(sorted({e.canonical for e in doc.entities if e.label == "ORG"})),
        "url": a.url,
        "host": a.host,
        "stemmer": STEMMER_VERSION,
    }
    text = {
        "title": a.title,
        "body": a.body,
        "title_stems": stem_text(a.title),
        "body_stems": stem_text(a.body),
        "doc": doc.model_dump_json(),
    }
    return article, text
