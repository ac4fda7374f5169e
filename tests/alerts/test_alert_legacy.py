"""The old alerts.sqlite3 is imported once into the operational store, losing nothing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from alerts.store import AlertStore
from pantau.config import Settings
from pantau.wiring import build_alert_store
from store.db import StoreError

# The schema the alert store had before the operational store (written here by hand).
OLD_SCHEMA = """
CREATE TABLE story (article_id TEXT PRIMARY KEY, grp TEXT NOT NULL, fingerprint TEXT,
    seen_at REAL NOT NULL);
CREATE TABLE alert (id TEXT PRIMARY KEY, rule_id TEXT NOT NULL, grp TEXT NOT NULL,
    article_id TEXT NOT NULL, created_at REAL NOT NULL, rule_name TEXT NOT NULL,
    offices TEXT NOT NULL, region TEXT, event TEXT NOT NULL, UNIQUE (rule_id, grp));
CREATE TABLE copy (alert_id TEXT NOT NULL, article_id TEXT NOT NULL, url TEXT NOT NULL,
    source TEXT NOT NULL, seen_at REAL NOT NULL, PRIMARY KEY (alert_id, article_id));
CREATE TABLE delivery (id INTEGER PRIMARY KEY AUTOINCREMENT, alert_id TEXT NOT NULL,
    channel TEXT NOT NULL, mode TEXT NOT NULL, status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0, next_at REAL NOT NULL, lease_until REAL,
    last_error TEXT, delivered_at REAL, UNIQUE (alert_id, channel));
CREATE TABLE rule (id TEXT PRIMARY KEY, body TEXT NOT NULL, updated_at REAL NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""
EVENT = {
    "schema_version": "1.0", "id": "a1", "rule_id": "netralitas_asn", "article_id": "art1",
    "group": "g1", "title": "Camat diduga tidak netral", "url": "https://contoh.id/1",
    "source": "contoh", "offices": ["Bawaslu Kota Jakarta Utara"],
    "created_at": "2024-11-20T03:00:00Z",
}  # fmt: skip


def _old_file(data: Path) -> Path:
    data.mkdir(parents=True)
    path = data / "alerts.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(OLD_SCHEMA)
    region = {"code": "31.72", "name": "Jakarta Utara", "level": "kota"}
    db.execute(
        "INSERT INTO alert VALUES ('a1', 'netralitas_asn', 'g1', 'art1', 1.7e9, 'Netralitas',"
        " ?, ?, ?)",
        (json.dumps(EVENT["offices"]), json.dumps(region), json.dumps(EVENT)),
    )
    db.execute("INSERT INTO story VALUES ('art1', 'g1', 'ffff0000ffff0000', 1.7e9)")
    db.execute("INSERT INTO copy VALUES ('a1', 'art2', 'https://lain.id/2', 'lain', 1.7e9)")
    db.execute(
        "INSERT INTO delivery (alert_id, channel, mode, status, attempts, next_at)"
        " VALUES ('a1', 'hook', 'none', 'pending', 2, 1.7e9)"
    )
    db.execute(
        'INSERT INTO rule VALUES (\'amplop\', \'{"id": "amplop", "keywords": "amplop"}\', 1.7e9)'
    )
    db.commit()
    db.close()
    return path


def test_old_alerts_outbox_and_rules_are_imported_once(tmp_path: Path):
    old = _old_file(tmp_path / "data")
    settings = Settings(data_dir=tmp_path / "data")
    store = build_alert_store(settings)
    [item] = store.feed()
    assert item.alert.title == "Camat diduga tidak netral"
    assert [c["article_id"] for c in item.copies] == ["art2"]
    assert [(d.channel, d.status, d.attempts) for d in item.deliveries] == [("hook", "pending", 2)]
    assert [r.id for r in store.stored_rules()] == ["amplop"] and store.rules_version() > 0
    assert store.feed(scope=frozenset({"31.72"})) and not store.feed(scope=frozenset({"51"}))
    assert not old.exists() and old.with_name("alerts.sqlite3.imported").exists()
    again = build_alert_store(settings)  # nothing left to import, nothing doubled
    assert again.counts()["alerts"] == 1 and again.counts()["pending"] == 1


def test_an_unreadable_old_file_stops_with_a_message(tmp_path: Path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "alerts.sqlite3").write_bytes(b"bukan basis data " * 512)
    with pytest.raises(StoreError, match="old alert file"):
        build_alert_store(Settings(data_dir=data))


def test_a_store_file_of_the_new_kind_under_the_old_name_is_left_alone(tmp_path: Path):
    data = tmp_path / "data"
    AlertStore(data / "alerts.sqlite3").close()  # tests and tools open stores like this
    build_alert_store(Settings(data_dir=data))
    assert (data / "alerts.sqlite3").exists()
