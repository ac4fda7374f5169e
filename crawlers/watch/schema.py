"""The records the watch state hands out (its tables are in store/tables.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from crawlers.watch.registry import Source

# The rule id of the info alert raised when a source keeps failing (pantau.watching).
HEALTH_RULE = "source_health"


@dataclass
class Feed:
    """One entry point's polling state."""

    url: str
    source: str
    host: str
    next_at: float
    interval: float
    rate: float | None = None  # new items per second, learned
    fresh: float | None = None  # items published per second (new here or not), learned
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
