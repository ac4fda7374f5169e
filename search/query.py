"""One query model for every backend: SearchQuery in, SearchResult out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from search.calendar import Calendar, CalendarError
from search.dates import DEFAULT_TIMEZONE, parse_when, utc_offset
from search.errors import QuerySyntaxError
from search.filters import FILTERS, FilterSpec
from search.syntax import (
    FIELDS,
    MAX_QUERY_CHARS,
    And,
    Node,
    Or,
    Term,
    matches,
    parse,
    parse_text,
    walk,
    words,
)

__all__ = [
    "DEFAULT_TIMEZONE",
    "FIELDS",
    "MAX_QUERY_CHARS",
    "And",
    "FacetCount",
    "Histogram",
    "Node",
    "Or",
    "QuerySyntaxError",
    "SearchHit",
    "SearchQuery",
    "SearchResult",
    "Sort",
    "Term",
    "TrendPoint",
    "TrendQuery",
    "TrendResult",
    "TrendSeries",
    "matches",
    "parse",
    "parse_text",
    "parse_when",
    "stage_span",
    "utc_offset",
    "walk",
    "words",
]

Sort = Literal["relevance", "date"]
Interval = Literal["day", "week", "month"]
MAX_WINDOW = 10_000  # deepest offset+limit (Elasticsearch's max_result_window)


class SearchQuery(BaseModel):
    """What a user asks: text plus filters, sorted and paged.

    Paging: `offset` for shallow pages, `cursor` (from `SearchResult.next_cursor`) for
    going deep; a cursor belongs to one query and sort.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str = ""
    since: datetime | None = None
    until: datetime | None = None
    sources: list[str] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)
    entities: list[str] = Field(default_factory=list, description="canonical names, any label")
    agencies: list[str] = Field(default_factory=list, description="canonical ORG names")
    roles: list[str] = Field(default_factory=list, description="official | candidate")
    regions: list[str] = Field(
        default_factory=list, description="Kemendagri code (a prefix covers its children) or name"
    )
    election_related: bool | None = None
    scope: tuple[str, ...] | None = Field(
        default=None,
        description="region-code prefixes the caller may see, ANDed with everything else "
        "(set by the server from the user's office, never by the user); None: all",
    )
    sort: Sort = "relevance"
    limit: int = Field(default=10, ge=1, le=500)
    offset: int = Field(default=0, ge=0, le=10_000)
    cursor: str | None = None
    collapse: bool = False
    facet_size: int = Field(default=20, ge=0, le=200)
    highlight: bool = Field(
        default=True, description="snippets and title highlights (an export does without)"
    )
    exact_total: bool = Field(
        default=True,
        description="count every match; without, `total` may stop short (an export's later "
        "pages: Elasticsearch then skips what cannot reach the page)",
    )
    histogram: Literal["auto", "day", "week", "month"] | None = Field(
        default=None,
        description="count the matching articles per day, week or month (`search.histogram`)",
    )
    timezone: str = Field(
        default=DEFAULT_TIMEZONE, max_length=64, description="the histogram's days are its days"
    )

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        utc_offset(value)
        return value

    @field_validator("since", "until")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    @model_validator(mode="after")
    def _window(self) -> SearchQuery:
        if self.offset + self.limit > MAX_WINDOW:
            raise ValueError(f"offset + limit may reach {MAX_WINDOW}; page on with the cursor")
        return self

    def tree(self) -> And:
        """The parsed text (QuerySyntaxError when it cannot be read)."""
        return parse(self.text)

    def values(self, spec: FilterSpec) -> list[str]:
        """The values given for one filter of the vocabulary (`search.filters.FILTERS`)."""
        found: list[str] = getattr(self, spec.name)
        return found

    @classmethod
    def from_params(
        cls,
        text: str = "",
        *,
        filters: Mapping[str, Sequence[str] | None],
        since: str | None = None,
        until: str | None = None,
        during: str | None = None,
        timezone: str = DEFAULT_TIMEZONE,
        **rest: Any,
    ) -> SearchQuery:
        """A query from what a user typed, as the CLI, the API and the web form take it:
        `filters` by parameter name (`source`, `topic`...), dates as text in `timezone`,
        `during` an election stage (`masa_tenang`, `pilkada2024:masa_tenang`) whose days
        are read in `timezone`. With since/until too, both hold: the intersection.
        Raises QuerySyntaxError or pydantic's ValidationError."""
        utc_offset(timezone)  # a zone nobody knows is an error, dates given or not
        fields: dict[str, Any] = {
            spec.name: list(filters.get(spec.param) or []) for spec in FILTERS
        }
        start = parse_when(since, timezone=timezone) if since else None
        end = parse_when(until, timezone=timezone, whole_day=True) if until else None
        if during and during.strip():
            first, after = stage_span(during, timezone)
            start = max(start, first) if start else first
            end = min(end, after) if end else after
        fields.update(text=text, since=start, until=end, timezone=timezone, **rest)
        return cls.model_validate(fields)


def stage_span(key: str, timezone: str = DEFAULT_TIMEZONE) -> tuple[datetime, datetime]:
    """[since, until) of an election stage of the calendar in use, its days read in
    `timezone` (QuerySyntaxError naming the known stages when no election has it)."""
    try:
        return Calendar.current().stage(key).stage.span(timezone)
    except CalendarError as exc:
        known = ", ".join(Calendar.current().keys())
        raise QuerySyntaxError(
            str(exc),
            f"tahapan pemilihan {key.strip()[:60]!r} tidak dikenal.",
            help=f"Tahapan yang dikenal: {known}.",
        ) from exc


class AlsoPublished(BaseModel):
    """A syndicated copy folded into a hit."""

    id: str
    source: str
    url: str
    published_at: datetime | None = None


class SearchHit(BaseModel):
    id: str
    title: str
    url: str
    source: str
    published_at: datetime | None
    score: float
    snippet: str = Field(description="a passage of the body; matches wrapped in <mark>")
    title_highlight: str = Field(default="", description="the title, matches in <mark>")
    topics: list[str] = Field(default_factory=list)
    entities: list[str] = Field(default_factory=list, description="canonical names, any label")
    agencies: list[str] = Field(default_factory=list, description="canonical ORG names")
    region: str | None = None
    origin: str | None = Field(default=None, description="syndication group")
    also_published_by: list[AlsoPublished] = Field(default_factory=list)


class FacetCount(BaseModel):
    value: str
    count: int
    label: str | None = None


class Histogram(BaseModel):
    """The matching articles that have a date, counted per bucket; empty buckets included."""

    interval: Interval
    timezone: str
    buckets: list[TrendPoint]


class SearchResult(BaseModel):
    total: int
    hits: list[SearchHit]
    facets: dict[str, list[FacetCount]] = Field(default_factory=dict)
    histogram: Histogram | None = Field(default=None, description="when the query asked")
    next_cursor: str | None = None
    took_ms: float = 0.0


class TrendQuery(BaseModel):
    """Counts over time for the articles a SearchQuery matches."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    query: SearchQuery = Field(default_factory=SearchQuery)
    interval: Literal["day", "week"] = "day"
    split: Literal["topic", "entity", "source", "region"] | None = Field(
        default=None,
        description="a series per value; region: per region one level beneath the region "
        "filter (or the office's region), per province without one (search.trends)",
    )
    top: int = Field(default=5, ge=1, le=50)
    timezone: str = Field(
        default=DEFAULT_TIMEZONE,
        max_length=64,
        description="the days are this zone's (IANA name without daylight saving time)",
    )

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        utc_offset(value)
        return value


class TrendPoint(BaseModel):
    date: str = Field(
        description="bucket start, YYYY-MM-DD in the trend's time zone (weeks start on Monday)"
    )
    count: int


class TrendSeries(BaseModel):
    name: str = Field(
        description="'all', 'lainnya' (the others), or the topic / entity / source / region "
        "code of this series"
    )
    total: int
    points: list[TrendPoint]
    label: str | None = Field(default=None, description="the name to show: a region's name")


class TrendResult(BaseModel):
    interval: str
    timezone: str = DEFAULT_TIMEZONE
    split: str | None
    series: list[TrendSeries]
    others: TrendSeries | None = Field(
        default=None,
        description="with a split: the articles in none of the shown series (other values, "
        "or none: an article without a topic), so every article of 'all' is in a series",
    )
    folded: int = Field(default=0, description="distinct values beyond the top, in 'others'")
    region_level: int | None = Field(
        default=None, description="region split: 1 province, 2 kabupaten/kota, 3 kecamatan"
    )
    took_ms: float = 0.0
