"""What the alert store holds and hands out: its SQLite schema and the records it returns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pipeline.events import Alert

SCHEMA = """
CREATE TABLE IF NOT EXISTS story (
    article_id TEXT PRIMARY KEY, grp TEXT NOT NULL, fingerprint TEXT, seen_at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS story_seen ON story(seen_at);
CREATE TABLE IF NOT EXISTS alert (
    id TEXT PRIMARY KEY, rule_id TEXT NOT NULL, grp TEXT NOT NULL, article_id TEXT NOT NULL,
    created_at REAL NOT NULL, rule_name TEXT NOT NULL, offices TEXT NOT NULL,
    region TEXT, event TEXT NOT NULL, UNIQUE (rule_id, grp));
CREATE INDEX IF NOT EXISTS alert_created ON alert(created_at);
CREATE TABLE IF NOT EXISTS copy (
    alert_id TEXT NOT NULL, article_id TEXT NOT NULL, url TEXT NOT NULL, source TEXT NOT NULL,
    seen_at REAL NOT NULL, PRIMARY KEY (alert_id, article_id));
CREATE TABLE IF NOT EXISTS delivery (
    id INTEGER PRIMARY KEY AUTOINCREMENT, alert_id TEXT NOT NULL, channel TEXT NOT NULL,
    mode TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
    next_at REAL NOT NULL, lease_until REAL, last_error TEXT, delivered_at REAL,
    UNIQUE (alert_id, channel));
CREATE INDEX IF NOT EXISTS delivery_due ON delivery(status, next_at);
CREATE TABLE IF NOT EXISTS rule (id TEXT PRIMARY KEY, body TEXT NOT NULL, updated_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""

STATUSES = ("pending", "delivered", "dead")


@dataclass(frozen=True)
class Draft:
    """An alert a rule fired, before dedupe, with where it must go."""

    alert: Alert
    rule_name: str
    offices: list[str]
    region: dict[str, str] | None
    deliveries: Sequence[tuple[str, str, float]]  # (channel, mode, first attempt at)


@dataclass
class Recorded:
    """What one article did to the store."""

    group: str
    new: list[Alert] = field(default_factory=list)
    owned: list[Alert] = field(default_factory=list)  # alerts this article started
    copies: list[str] = field(default_factory=list)  # alert ids it was a copy of


@dataclass(frozen=True)
class DeliveryStatus:
    id: int
    channel: str
    mode: str
    status: str
    attempts: int
    next_at: float
    last_error: str | None
    delivered_at: float | None


@dataclass
class StoredAlert:
    """One feed entry: the alert event plus routing, copies and delivery status."""

    alert: Alert
    rule_name: str
    offices: list[str]
    region: dict[str, str] | None
    copies: list[dict[str, Any]] = field(default_factory=list)
    deliveries: list[DeliveryStatus] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of `pantau alerts list --format json` and of /api/alerts."""
        return {
            **self.alert.model_dump(mode="json"),
            "rule_name": self.rule_name,
            "offices": self.offices,
            "region": self.region,
            "copies": self.copies,
            "deliveries": [d.__dict__ for d in self.deliveries],
        }


@dataclass(frozen=True)
class Due:
    """A delivery claimed for sending (leased, so a second sender skips it)."""

    delivery: DeliveryStatus
    item: StoredAlert
