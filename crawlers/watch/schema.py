"""The watch state's tables and the records read from them."""

from __future__ import annotations

from dataclasses import dataclass, field

from crawlers.watch.registry import Source

SCHEMA = """
CREATE TABLE IF NOT EXISTS watch_source (
    name TEXT PRIMARY KEY, body TEXT NOT NULL, enabled INTEGER NOT NULL, origin TEXT NOT NULL,
    updated_at REAL NOT NULL, failures INTEGER NOT NULL DEFAULT 0, failing_since REAL,
    alerted_at REAL, last_status TEXT, last_success REAL);
CREATE TABLE IF NOT EXISTS watch_feed (
    url TEXT PRIMARY KEY, source TEXT NOT NULL, host TEXT NOT NULL, next_at REAL NOT NULL,
    interval REAL NOT NULL, rate REAL, window REAL, etag TEXT, last_modified TEXT,
    failures INTEGER NOT NULL DEFAULT 0, last_status TEXT, polled_at REAL);
CREATE INDEX IF NOT EXISTS watch_feed_host ON watch_feed (host, next_at);
CREATE TABLE IF NOT EXISTS watch_host (
    host TEXT PRIMARY KEY, lease_owner TEXT, lease_until REAL,
    next_allowed_at REAL NOT NULL DEFAULT 0, tokens REAL, tokens_at REAL,
    robots TEXT, robots_at REAL);
CREATE TABLE IF NOT EXISTS watch_seen (
    url TEXT PRIMARY KEY, source TEXT NOT NULL, state TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS watch_seen_at ON watch_seen (at);
CREATE TABLE IF NOT EXISTS watch_event (
    id INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL, at REAL NOT NULL,
    kind TEXT NOT NULL, outcome TEXT NOT NULL, ok INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS watch_event_source ON watch_event (source, at);
"""


@dataclass
class Feed:
    """One entry point's polling state."""

    url: str
    source: str
    host: str
    next_at: float
    interval: float
    rate: float | None = None  # new items per second, learned
    window: float | None = None  # seconds of observation behind `rate` (faded)
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    last_status: str | None = None
    polled_at: float | None = None


@dataclass
class Host:
    """Politeness state of one host (host:port): lease, delay, budget, robots.txt."""

    host: str
    next_allowed_at: float = 0.0
    tokens: float | None = None
    tokens_at: float | None = None
    robots: str | None = None
    robots_at: float | None = None


@dataclass
class Registered:
    """A source as the store holds it: the entry plus who added it and whether it runs."""

    source: Source
    enabled: bool
    origin: str  # "file" (the sources YAML) or "cli" (pantau sources add)


@dataclass
class Health:
    """How a source is doing, from its polls and articles of the last 24 hours."""

    name: str
    enabled: bool
    family: str
    region: str | None
    last_success: float | None
    last_status: str | None
    consecutive_failures: int
    failing_since: float | None
    polls: int = 0
    errors: int = 0
    articles: int = 0
    generic: int = 0
    page_errors: int = 0  # article pages that gave no article
    outcomes: dict[str, int] = field(default_factory=dict)

    @property
    def error_rate(self) -> float:
        return self.errors / self.polls if self.polls else 0.0

    @property
    def generic_rate(self) -> float:
        return self.generic / self.articles if self.articles else 0.0

    @property
    def state(self) -> str:
        if not self.enabled:
            return "disabled"
        if self.consecutive_failures:
            return "failing"
        return "ok" if self.last_success else "unchecked"

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "enabled": self.enabled,
            "family": self.family,
            "region": self.region,
            "state": self.state,
            "last_success": self.last_success,
            "last_status": self.last_status,
            "consecutive_failures": self.consecutive_failures,
            "failing_since": self.failing_since,
            "articles_per_day": self.articles,
            "polls_per_day": self.polls,
            "page_errors_per_day": self.page_errors,
            "error_rate": round(self.error_rate, 4),
            "generic_rate": round(self.generic_rate, 4),
            "outcomes": self.outcomes,
        }
