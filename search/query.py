"""One query model for every backend: SearchQuery in, SearchResult out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pydantic import BaseModel, ConfigDict, Field, field_validator

MAX_QUERY_CHARS = 2_000


class QuerySyntaxError(ValueError):
    """The user's query text cannot be understood; the message says why."""


@dataclass(frozen=True)
class Clause:
    """A parsed piece of user text: a word or an exact phrase, maybe excluded."""

    text: str
    phrase: bool = False
    negated: bool = False


def parse_text(text: str) -> list[Clause]:
    """Parse the user syntax: words (AND), "exact phrase", -word / -"phrase".

    User text is never passed to an engine's own query parser; backends build their
    queries from these clauses. An unbalanced quote closes at the end of the text.
    """
    if len(text) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(
            f"query is {len(text)} characters long; the limit is {MAX_QUERY_CHARS}"
        )
    clauses: list[Clause] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        negated = ch == "-" and i + 1 < n and not text[i + 1].isspace()
        if negated:
            i += 1
        if text[i] == '"':
            end = text.find('"', i + 1)
            end = n if end == -1 else end
            words = _words(text[i + 1 : end])
            if words:
                clauses.append(Clause(" ".join(words), phrase=len(words) > 1, negated=negated))
            i = end + 1
            continue
        end = i
        while end < n and not text[end].isspace() and text[end] != '"':
            end += 1
        for word in _words(text[i:end]):
            clauses.append(Clause(word, negated=negated))
        i = end
    return clauses


def _words(text: str) -> list[str]:
    """Split into word tokens the same way for every backend (letters, digits, joiners)."""
    out: list[str] = []
    current: list[str] = []
    for ch in text:
        if ch.isalnum():
            current.append(ch.lower())
        elif current:
            out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return out


class SearchQuery(BaseModel):
    """What a user asks: text plus filters, sorted and paged."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str = ""
    since: datetime | None = None
    until: datetime | None = None
    sources: list[str] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)
    election_related: bool | None = None
    sort: str = "relevance"
    limit: int = Field(default=10, ge=1, le=500)
    offset: int = Field(default=0, ge=0, le=10_000)

    @field_validator("since", "until")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    @field_validator("sort")
    @classmethod
    def _sort(cls, value: str) -> str:
        if value not in ("relevance", "date"):
            raise ValueError("sort must be 'relevance' or 'date'")
        return value

    def clauses(self) -> list[Clause]:
        return parse_text(self.text)


class SearchHit(BaseModel):
    id: str
    title: str
    url: str
    source: str
    published_at: datetime | None
    score: float
    snippet: str
    topics: list[str] = Field(default_factory=list)
    region: str | None = None


class FacetCount(BaseModel):
    value: str
    count: int


class SearchResult(BaseModel):
    total: int
    hits: list[SearchHit]
    facets: dict[str, list[FacetCount]] = Field(default_factory=dict)
    took_ms: float = 0.0


def parse_when(text: str, *, now: datetime | None = None) -> datetime:
    """A date for filters: ISO (`2024-11-28`, `...T10:00+07:00`) or relative (`7d`, `24h`)."""
    now = now or datetime.now(UTC)
    raw = text.strip().lower()
    units = {"h": 3600, "d": 86400, "w": 7 * 86400}
    if raw[:-1].isdigit() and raw[-1:] in units:
        return now - timedelta(seconds=int(raw[:-1]) * units[raw[-1]])
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise QuerySyntaxError(
            f"cannot read {text!r} as a date: use YYYY-MM-DD, an ISO time, or 7d / 24h / 2w"
        ) from exc
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
