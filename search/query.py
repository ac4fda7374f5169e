"""One query model for every backend: SearchQuery in, SearchResult out."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from search.errors import DATE_HELP, ZONE_HELP, QuerySyntaxError
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

# Bawaslu's dates are Western Indonesian Time (UTC+7): "since 2024-11-28" and the days
# of a trend are WIB days unless a query names another zone (WITA, WIT, UTC...).
DEFAULT_TIMEZONE = "Asia/Jakarta"
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

__all__ = [
    "FIELDS",
    "MAX_QUERY_CHARS",
    "And",
    "FacetCount",
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
    "utc_offset",
    "walk",
    "words",
]

Sort = Literal["relevance", "date"]
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
        timezone: str = DEFAULT_TIMEZONE,
        **rest: Any,
    ) -> SearchQuery:
        """A query from what a user typed, as the CLI, the API and the web form take it:
        `filters` by parameter name (`source`, `topic`...), dates as text in `timezone`.
        Raises QuerySyntaxError or pydantic's ValidationError."""
        utc_offset(timezone)  # a zone nobody knows is an error, dates given or not
        fields: dict[str, Any] = {
            spec.name: list(filters.get(spec.param) or []) for spec in FILTERS
        }
        fields.update(
            text=text,
            since=parse_when(since, timezone=timezone) if since else None,
            until=parse_when(until, timezone=timezone, whole_day=True) if until else None,
            **rest,
        )
        return cls.model_validate(fields)


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
    region: str | None = None
    origin: str | None = Field(default=None, description="syndication group")
    also_published_by: list[AlsoPublished] = Field(default_factory=list)


class FacetCount(BaseModel):
    value: str
    count: int
    label: str | None = None


class SearchResult(BaseModel):
    total: int
    hits: list[SearchHit]
    facets: dict[str, list[FacetCount]] = Field(default_factory=dict)
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


def utc_offset(timezone: str) -> timedelta:
    """The offset from UTC of a time zone without daylight saving time (QuerySyntaxError
    otherwise): trends count days in it on both engines the same way."""
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise QuerySyntaxError(
            f"unknown time zone {timezone[:40]!r}: use an IANA name such as Asia/Jakarta "
            "(WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT) or UTC",
            f"zona waktu {timezone[:40]!r} tidak dikenal.",
            help=ZONE_HELP,
        ) from exc
    year = datetime.now(UTC).year
    january, july = (zone.utcoffset(datetime(year, m, 1)) for m in (1, 7))
    if january is None or january != july:
        raise QuerySyntaxError(
            f"time zone {timezone[:40]!r} has daylight saving time; use a fixed-offset zone "
            "such as Asia/Jakarta, Asia/Makassar, Asia/Jayapura or UTC",
            f"zona waktu {timezone[:40]!r} memakai waktu musim panas; pakai zona tetap.",
            help=ZONE_HELP,
        )
    return january


def parse_when(
    text: str,
    *,
    now: datetime | None = None,
    timezone: str = DEFAULT_TIMEZONE,
    whole_day: bool = False,
) -> datetime:
    """A date for filters: ISO (`2024-11-28`, `...T10:00+07:00`) or relative (`7d`, `24h`).

    A date or time without an offset is read in `timezone` (WIB unless told): a Bawaslu
    office's "since 2024-11-28" starts at its midnight, not at 07:00 WIB. `whole_day`
    (an "until", which filters exclude) moves a date without a time to the next
    midnight, so "until 2024-11-30" keeps the articles of 30 November."""
    now = now or datetime.now(UTC)
    raw = text.strip().lower()
    units = {"h": 3600, "d": 86400, "w": 7 * 86400}
    try:
        if raw[:-1].isdigit() and raw[-1:] in units and len(raw) < 8:
            return now - timedelta(seconds=int(raw[:-1]) * units[raw[-1]])
        value = datetime.fromisoformat(text.strip())
        if whole_day and _DATE_ONLY.match(text.strip()):
            value += timedelta(days=1)
        if value.tzinfo is None:
            utc_offset(timezone)  # a clear error for an unknown or DST zone
            value = value.replace(tzinfo=ZoneInfo(timezone))
        # 0001-01-01 in WIB is before year 1 in UTC: OverflowError, not a 500
        return value.astimezone(UTC)
    except QuerySyntaxError:
        raise
    except ValueError as exc:
        raise QuerySyntaxError(
            f"cannot read {text[:40]!r} as a date: use YYYY-MM-DD, an ISO time, or 7d / 24h / 2w",
            f"{text[:40]!r} tidak dapat dibaca sebagai tanggal.",
            help=DATE_HELP,
        ) from exc
    except OverflowError as exc:
        raise QuerySyntaxError(f"date {text[:40]!r} is out of range") from exc
