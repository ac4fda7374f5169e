"""Event contracts carried on the bus: RawArticle, EnrichedArticle, Alert (JSON on the wire)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Annotated, Any, ClassVar, Literal, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

SCHEMA_MAJOR = 1
SCHEMA_VERSION = f"{SCHEMA_MAJOR}.4"

TOPIC_RAW = "articles.raw.v1"
TOPIC_ENRICHED = "articles.enriched.v1"
TOPIC_ALERTS = "alerts.v1"


def dlq_topic(topic: str) -> str:
    """The dead-letter topic that belongs to `topic`."""
    return f"{topic}.dlq"


_TRACKING_PREFIXES = ("utm_", "fbclid", "gclid")


def canonical_url(url: str) -> str:
    """Normalise a URL so the same article always gives the same string.

    Lower-cases scheme and host, drops the fragment, tracking parameters (utm_*, fbclid,
    gclid), a default port and a trailing slash. Outlet-specific rules (AMP copies) are
    the crawlers' job; they call this last.
    """
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        raise ValueError(f"not an absolute URL: {url!r}")
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING_PREFIXES)
    ]
    path = parts.path or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/")
    return urlunsplit((scheme, host, path, urlencode(query), ""))


def article_id(url: str) -> str:
    """Stable article id: the first 32 hex digits of SHA-256 of the canonical URL."""
    return hashlib.sha256(canonical_url(url).encode("utf-8")).hexdigest()[:32]


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("datetime must carry a timezone (times are stored in UTC)")
    return value.astimezone(UTC)


UtcDatetime = Annotated[datetime, AfterValidator(_utc)]
OptUtcDatetime = Annotated[datetime | None, AfterValidator(_utc)]


def _now() -> datetime:
    return datetime.now(UTC)


class Event(BaseModel):
    """Base of every event: frozen and versioned.

    Within one major version changes are additive, so a consumer ignores fields that a
    newer minor added instead of rejecting the message; an unknown major is refused.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")
    topic: ClassVar[str] = ""
    schema_version: str = SCHEMA_VERSION

    def key(self) -> str:
        raise NotImplementedError

    def to_bytes(self) -> bytes:
        return self.model_dump_json().encode("utf-8")


class RawArticle(Event):
    """An article as a crawler extracted it; nothing inferred yet."""

    topic: ClassVar[str] = TOPIC_RAW
    id: str
    url: str
    source: str
    host: str
    title: str
    body: str = Field(description="cleaned body, paragraphs separated by blank lines")
    published_at: OptUtcDatetime = None
    published_raw: str | None = None
    updated_at: OptUtcDatetime = None
    section: str | None = None
    tags: list[str] = Field(default_factory=list)
    reporters: list[str] = Field(default_factory=list)
    editor: str | None = None
    dateline: str | None = None
    image_caption: str | None = None
    language: str = "id"
    fingerprint: str | None = None
    origin_id: str | None = Field(
        default=None, description="id of the earliest article this one copies (syndication)"
    )
    agency_dateline: str | None = Field(
        default=None, description="news agency named in the dateline, e.g. ANTARA"
    )
    paywalled: bool = Field(
        default=False, description="the page hid part of the story behind a paywall"
    )
    extractor: str | None = Field(
        default=None,
        description="what read the page: 'rules:<outlet>/<design>' or 'generic' (1.3)",
    )
    source_region: str | None = Field(
        default=None,
        description="Kemendagri code the source covers (registry); the article's region "
        "when its text names none (1.4)",
    )
    crawled_at: UtcDatetime = Field(default_factory=_now)

    def key(self) -> str:
        return self.id

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p.strip()]


class Entity(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    text: str
    label: str
    canonical: str = Field(description="readable name: Bawaslu, Jakarta Utara, Dhany Sukma")
    kb_id: str | None = Field(default=None, description="stable id: bawaslu, 31.72")
    role: Literal["official", "candidate", "other"] | None = None
    title: str | None = None
    region: str | None = Field(default=None, description="Kemendagri code of the place")
    start: int
    end: int


class TopicHit(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    id: str
    score: float
    evidence: list[str] = Field(default_factory=list)


class Quote(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    speaker: str
    text: str


class Region(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    code: str
    name: str
    level: str


class EnrichedArticle(Event):
    """A RawArticle plus what the NLP stage found in it."""

    topic: ClassVar[str] = TOPIC_ENRICHED
    id: str
    article: RawArticle
    entities: list[Entity] = Field(default_factory=list)
    topics: list[TopicHit] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    region: Region | None = None
    election_related: bool = False
    nlp_version: str
    enriched_at: UtcDatetime = Field(default_factory=_now)

    def key(self) -> str:
        return self.id


class Alert(Event):
    """A rule fired on an article; id is stable per (rule, story)."""

    topic: ClassVar[str] = TOPIC_ALERTS
    id: str
    rule_id: str
    article_id: str
    group: str
    title: str
    url: str
    source: str
    severity: Literal["info", "warning", "critical"] = "warning"
    office: str | None = None
    offices: list[str] = Field(default_factory=list)
    region: Region | None = None
    rule_name: str | None = None
    score: float | None = None
    topics: list[str] = Field(default_factory=list)
    evidence: list[str] = Field(default_factory=list)
    published_at: OptUtcDatetime = None  # the article's
    created_at: UtcDatetime = Field(default_factory=_now)

    def key(self) -> str:
        return self.id


E = TypeVar("E", bound=Event)


class EventError(ValueError):
    """A message that cannot become an event; `reason` is what goes to the DLQ."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def decode(model: type[E], data: bytes) -> E:
    """Bytes from the wire -> event, or EventError with a reason a person can read."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EventError(f"not UTF-8: {exc}") from exc
    try:
        payload: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise EventError(f"invalid JSON: {exc}") from exc
    if not isinstance(payload, dict):
        raise EventError(f"expected a JSON object, got {type(payload).__name__}")
    version = str(payload.get("schema_version", ""))
    major = version.split(".", 1)[0]
    if major != str(SCHEMA_MAJOR):
        raise EventError(
            f"unknown schema_version {version!r} for {model.__name__} "
            f"(this consumer reads major {SCHEMA_MAJOR})"
        )
    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(root)"
        raise EventError(
            f"{model.__name__} failed validation ({exc.error_count()} errors); "
            f"first at {where}: {first['msg']}"
        ) from exc
