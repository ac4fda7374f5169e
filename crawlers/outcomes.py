"""What a crawl reports: failures, counts, and the JSON lines the crawl child writes."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pipeline.events import RawArticle

STATS_PREFIX = "pantau/"
ERRORS = "pantau/errors/"
SKIPPED = "pantau/skipped/"
WARNINGS = "pantau/warnings/"
FETCHED = "pantau/fetched/"
# Articles of an outlet with rules that the generic extractor had to read (no design fit).
GENERIC_FALLBACK = "pantau/generic_fallback/"

# Reasons that mean "nothing answered", as opposed to a page that answered badly.
UNREACHABLE_REASONS = frozenset({"dns", "connection_refused", "timeout", "connection_lost"})


class CrawlError(RuntimeError):
    """The crawl as a whole could not run: no start URL reachable, or the child died."""


@dataclass(frozen=True)
class CrawlFailure:
    """A page that was requested but gave no article; `reason` is a short stable key."""

    url: str
    reason: str
    detail: str = ""

    def to_line(self) -> dict[str, Any]:
        return {"kind": "error", "url": self.url, "reason": self.reason, "detail": self.detail}


@dataclass(frozen=True)
class CrawlStats:
    """Counts of one crawl; `errors`, `skipped` and `warnings` are keyed by reason."""

    articles: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    warnings: dict[str, int] = field(default_factory=dict)
    pages_fetched: int = 0
    elapsed: float = 0.0
    finish_reason: str | None = None
    copies: int = 0  # articles found to be syndicated copies of a stored story
    generic_fallback: dict[str, int] = field(default_factory=dict)  # by outlet
    scrapy: dict[str, Any] = field(default_factory=dict)

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())


def _by_prefix(stats: Mapping[str, Any], prefix: str) -> dict[str, int]:
    return {k[len(prefix) :]: int(v) for k, v in stats.items() if k.startswith(prefix)}


def stats_from_scrapy(
    stats: Mapping[str, Any], *, articles: int, elapsed: float, copies: int = 0
) -> CrawlStats:
    """Fold a Scrapy stats dict (as the child reports it) into CrawlStats."""
    reason = stats.get("finish_reason")
    return CrawlStats(
        articles=articles,
        errors=_by_prefix(stats, ERRORS),
        skipped=_by_prefix(stats, SKIPPED),
        warnings=_by_prefix(stats, WARNINGS),
        pages_fetched=sum(_by_prefix(stats, FETCHED).values()),
        elapsed=elapsed,
        finish_reason=str(reason) if reason is not None else None,
        copies=copies,
        generic_fallback=_by_prefix(stats, GENERIC_FALLBACK),
        scrapy=dict(stats),
    )


@dataclass(frozen=True)
class Progress:
    """Running counts the crawl child reports while it works."""

    pages: int = 0
    articles: int = 0
    skipped: int = 0
    errors: int = 0

    @classmethod
    def from_line(cls, message: Mapping[str, Any]) -> Progress:
        return cls(
            **{k: int(message.get(k, 0)) for k in ("pages", "articles", "skipped", "errors")}
        )


def progress_line(stats: Mapping[str, Any]) -> str:
    counts = {
        "kind": "progress",
        "pages": sum(_by_prefix(stats, FETCHED).values()),
        "articles": int(stats.get("pantau/articles", 0)),
        "skipped": sum(_by_prefix(stats, SKIPPED).values()),
        "errors": sum(_by_prefix(stats, ERRORS).values()),
    }
    return json.dumps(counts)


def article_line(article: RawArticle, requested: str | None = None) -> str:
    """An article; `requested` is the link that led to it when that differs from its URL
    (a feed's variant of the address), so a re-run knows the link as well."""
    message: dict[str, Any] = {"kind": "article", "article": article.model_dump(mode="json")}
    if requested and requested != article.url:
        message["requested"] = requested
    return json.dumps(message, ensure_ascii=False)


def failure_line(failure: CrawlFailure) -> str:
    return json.dumps(failure.to_line(), ensure_ascii=False)


def stats_line(stats: Mapping[str, Any]) -> str:
    return json.dumps({"kind": "stats", "stats": dict(stats)}, ensure_ascii=False, default=str)
