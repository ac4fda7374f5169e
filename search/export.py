"""Every hit of a query, or a trend table, as a CSV, JSON Lines or XLSX download, streamed.

Hits are read with the backend's `scan` (`search.scan`: the cursor, the next page read
while this one is written; Elasticsearch: a point in time read in slices side by side),
`PAGE` at a time without facets or snippets, up to a cap. One row per matching article,
so an export holds exactly the count a search shows (a collapsed search too: syndicated
copies are rows of their own, `copy_of` names the article they copy). A query matching
more than the cap ends its file with `cap_notice`, which pages show before the download
and HTTP answers carry in the X-Pantau-Notice header. The web UI, the JSON API and the
CLI all export through `export_hits` / `export_trends`, so every format has the same
columns: `HIT_COLUMNS`; `recorded` tells the audit log what each download held.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, tzinfo
from typing import Literal, Protocol
from zoneinfo import ZoneInfo

from search.query import DEFAULT_TIMEZONE, SearchHit, SearchQuery, TrendResult
from search.query import utc_offset as check_zone
from search.regions import regions
from search.scan import Scan
from search.tabular import XLSX_MAX_ROWS, Row, write

Format = Literal["csv", "json", "xlsx"]
FORMATS: dict[str, tuple[str, str]] = {  # format -> (media type, file extension)
    "csv": ("text/csv; charset=utf-8", "csv"),
    "json": ("application/x-ndjson; charset=utf-8", "jsonl"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}
MAX_ROWS = 100_000  # default cap (PANTAU_EXPORT__MAX_ROWS)
# hits per engine request, more than a search page (model_copy does not cap limit at 500):
# Elasticsearch took twice as long for 200 pages of 500 as for 50 pages of 2,000
PAGE = 2000
HIT_COLUMNS = (
    "id",
    "published_at",
    "source",
    "title",
    "url",
    "region_code",
    "region",
    "topics",
    "entities",
    "agencies",
    "copy_of",
)


class Searcher(Protocol):
    """What an export needs of a backend (the scoped one, in the web and the API)."""

    def scan(self, query: SearchQuery, limit: int) -> Scan: ...


def cap_notice(total: int, rows: int) -> str:
    """The Indonesian sentence a capped export ends with (ASCII: it is a header too)."""
    return (
        f"Ekspor dibatasi {_number(rows)} baris dari {_number(total)} berita yang cocok. "
        "Persempit pencarian (misalnya rentang tanggal) untuk mengunduh sisanya."
    )


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")  # Indonesian thousands: 100.000


class Tally:
    """The rows handed to a writer so far (what the audit log records of a download)."""

    def __init__(self) -> None:
        self.rows = 0

    def count(self, rows: Iterable[Row]) -> Iterator[Row]:
        for row in rows:
            self.rows += 1
            yield row


@dataclass(frozen=True)
class Export:
    """A download: what it holds and its bytes, produced as they are read."""

    fmt: Format
    filename: str
    total: int  # hits the query matches
    rows: int  # rows the file holds (the cap, when it bites)
    notice: str | None
    chunks: Iterator[bytes] = field(repr=False)
    tally: Tally = field(default_factory=Tally, repr=False, compare=False)

    @property
    def media_type(self) -> str:
        return FORMATS[self.fmt][0]

    def headers(self) -> dict[str, str]:
        found = {
            "Content-Disposition": f'attachment; filename="{self.filename}"',
            "X-Pantau-Total": str(self.total),
            "X-Pantau-Rows": str(self.rows),
        }
        if self.notice:
            found["X-Pantau-Notice"] = self.notice
        return found


def filename(kind: str, fmt: Format, timezone: str, now: datetime | None = None) -> str:
    """pantau-cari-20241130-1405.csv: what, and when in the caller's zone."""
    at = (now or datetime.now(UTC)).astimezone(ZoneInfo(timezone))
    return f"pantau-{kind}-{at:%Y%m%d-%H%M}.{FORMATS[fmt][1]}"


def export_hits(
    backend: Searcher,
    query: SearchQuery,
    fmt: Format,
    *,
    timezone: str = DEFAULT_TIMEZONE,
    max_rows: int = MAX_ROWS,
    counted: Callable[[int], None] | None = None,
) -> Export:
    """Every hit of `query` (from its cursor, if it has one) up to `max_rows`. The first
    page is read now, so a bad query or an engine outage fails before a byte is sent;
    `counted(n)` hears of every page of n rows taken (a progress bar)."""
    check_zone(timezone)
    zone = ZoneInfo(timezone)
    max_rows = min(max_rows, XLSX_MAX_ROWS) if fmt == "xlsx" else max_rows
    paged = query.model_copy(
        update={
            "limit": min(PAGE, max_rows),
            "offset": 0,
            "facet_size": 0,
            "collapse": False,  # one row per article: the count the search shows
            "highlight": False,
        }
    )
    found = backend.scan(paged, max_rows)
    rows = min(found.total, max_rows)
    notice = cap_notice(found.total, rows) if found.total > max_rows else None
    hits = _hits(found.pages, counted)
    tally = Tally()
    table = tally.count(hit_row(h, zone) for h in hits)
    name = filename("cari", fmt, timezone)
    chunks = write(fmt, HIT_COLUMNS, table, notice)
    return Export(fmt, name, found.total, rows, notice, chunks, tally)


def _hits(
    pages: Iterator[list[SearchHit]], counted: Callable[[int], None] | None
) -> Iterator[SearchHit]:
    for page in pages:
        yield from page
        if counted:
            counted(len(page))


def hit_row(hit: SearchHit, zone: tzinfo) -> Row:
    """One article's row (HIT_COLUMNS); its time in the caller's zone."""
    return {
        "id": hit.id,
        "published_at": hit.published_at.astimezone(zone) if hit.published_at else None,
        "source": hit.source,
        "title": hit.title,
        "url": hit.url,
        "region_code": hit.region or "",
        "region": (regions().label(hit.region) or "") if hit.region else "",
        "topics": hit.topics,
        "entities": hit.entities,
        "agencies": hit.agencies,
        "copy_of": hit.origin if hit.origin and hit.origin != hit.id else "",
    }


def export_trends(result: TrendResult, fmt: Format) -> Export:
    """The trend table: a row per day (or week), a column per series ("all" first)."""
    names = [s.name for s in result.series]
    columns = ["date", *names]
    dates = [p.date for p in result.series[0].points] if result.series else []
    rows: list[Row] = [
        {"date": date.fromisoformat(d), **{s.name: s.points[i].count for s in result.series}}
        for i, d in enumerate(dates)
    ]
    name = filename("tren", fmt, result.timezone)
    tally = Tally()
    chunks = write(fmt, columns, tally.count(rows), None)
    return Export(fmt, name, len(rows), len(rows), None, chunks, tally)


def recorded(export: Export, record: Callable[[Export, bool], None]) -> Export:
    """The same download, and `record(export, complete)` once it ends: after its last
    byte (complete), or when it is cut short or fails (`export.tally.rows` went out)."""

    def chunks() -> Iterator[bytes]:
        complete = False
        try:
            yield from export.chunks
            complete = True
        finally:
            record(export, complete)

    return replace(export, chunks=chunks())
