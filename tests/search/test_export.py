"""Exports (`search.export`): every hit through the cursor, the same rows on both engines,
formula cells kept as text in every format, the cap's notice, times in the chosen zone."""

from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Generator, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, cast

import openpyxl
import pytest

import search.export
import search.tabular
import search.xlsx
from pipeline.events import EnrichedArticle
from search.backend import SearchBackend
from search.export import HIT_COLUMNS, Export, export_hits, export_trends, recorded
from search.query import SearchQuery, SearchResult, TrendQuery
from search.regions import regions
from search.scan import Scan, chained
from tests.search.fixtures import MORE, article, open_backend

KINDS = ["sqlite", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)]
FORMULAS = ['=HYPERLINK("http://x.example","klik")', "+62 812", "-1+1", "@SUM(A1)"]
TRICKY = [
    article(200 + n, title, f"Isi berita {n} tentang kampanye.", day=20 + n, source="antara")
    for n, title in enumerate(FORMULAS)
]


@pytest.fixture(params=KINDS)
def backend(request: pytest.FixtureRequest, tmp_path: Path, unique: str) -> Iterator[SearchBackend]:
    es_url = request.getfixturevalue("es_url") if request.param == "elasticsearch" else ""
    with open_backend(request.param, tmp_path, unique, [*MORE, *TRICKY], es_url) as b:
        yield b


@pytest.fixture
def sqlite(tmp_path: Path) -> Iterator[SearchBackend]:
    with open_backend("sqlite", tmp_path, "unit", [*MORE, *TRICKY]) as b:
        yield b


def body(export: Export) -> bytes:
    return b"".join(export.chunks)


def stop(export: Export) -> None:
    """Close a download before its end, as a server does when the client goes away."""
    cast(Generator[bytes, None, None], export.chunks).close()


def csv_rows(export: Export) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body(export).decode())))


def xlsx_rows(export: Export) -> list[tuple[Any, ...]]:
    book = openpyxl.load_workbook(io.BytesIO(body(export)))
    return list(book.active.iter_rows(values_only=True))


def expected(docs: list[EnrichedArticle]) -> list[dict[str, str]]:
    """The rows of these articles, newest first, as the CSV must hold them (WIB)."""
    ordered = sorted(docs, key=lambda d: d.id)
    ordered.sort(key=lambda d: d.article.published_at or datetime.min, reverse=True)
    out = []
    for d in ordered:
        code = d.region.code if d.region else ""
        values = {e.canonical for e in d.entities}
        out.append(
            {
                "id": d.id,
                "published_at": d.article.published_at.astimezone(ZONE).isoformat()
                if d.article.published_at
                else "",
                "source": d.article.source,
                "title": d.article.title,
                "url": d.article.url,
                "region_code": code,
                "region": (regions().label(code) or "") if code else "",
                "topics": "; ".join(t.id for t in sorted(d.topics, key=lambda t: -t.score)),
                "entities": "; ".join(sorted(values)),
                "agencies": "; ".join(sorted(e.canonical for e in d.entities if e.label == "ORG")),
                "copy_of": d.article.origin_id or "",
            }
        )
    return out


ZONE = __import__("zoneinfo").ZoneInfo("Asia/Jakarta")


def test_every_engine_exports_the_same_rows(
    backend: SearchBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The contract: one row per matching article, newest first, the same on both engines,
    page after page through the cursor."""
    monkeypatch.setattr(search.export, "PAGE", 2)
    rows = csv_rows(export_hits(backend, SearchQuery(sort="date", regions=["32"]), "csv"))
    docs = [d for d in [*MORE, *TRICKY] if d.region and d.region.code.startswith("32")]
    want = expected(docs)
    for row in want:  # a formula-looking title is quoted
        row["title"] = "'" + row["title"] if row["title"][:1] in "=+-@" else row["title"]
    assert rows == want
    assert any(r["copy_of"] for r in rows)  # the syndicated copy says what it copies


def test_a_collapsed_search_still_exports_every_article(backend: SearchBackend) -> None:
    query = SearchQuery(text="camat", collapse=True)
    shown = backend.search(query)
    found = export_hits(backend, query, "json")
    lines = body(found).decode().splitlines()
    assert len(shown.hits) < shown.total == found.rows == len(lines)


def test_pages_go_through_the_cursor_and_never_an_offset(
    sqlite: SearchBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[SearchQuery] = []

    class Spy:
        def search(self, query: SearchQuery) -> SearchResult:
            asked.append(query)
            return sqlite.search(query)

        def scan(self, query: SearchQuery, limit: int) -> Scan:
            return chained(self.search, query, limit)

    monkeypatch.setattr(search.export, "PAGE", 3)
    found = export_hits(Spy(), SearchQuery(sort="date"), "json")
    ids = [json.loads(line)["id"] for line in body(found).decode().splitlines()]
    assert ids == [h.id for h in sqlite.search(SearchQuery(sort="date", limit=50)).hits]
    assert len(asked) == 4  # 10 articles, 3 a page
    assert all(q.offset == 0 and q.limit == 3 for q in asked)
    assert [q.cursor is None for q in asked] == [True, False, False, False]
    assert [q.exact_total for q in asked] == [True, False, False, False]  # counted once
    assert not any(q.facet_size or q.highlight for q in asked)  # no facets, no snippets


def test_the_next_page_is_fetched_while_this_one_is_written(
    sqlite: SearchBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Later pages are asked for from a thread, one page ahead; a download closed early
    asks for no more than that one page."""
    asked: list[str] = []

    class Spy:
        def search(self, query: SearchQuery) -> SearchResult:
            asked.append(threading.current_thread().name)
            return sqlite.search(query)

        def scan(self, query: SearchQuery, limit: int) -> Scan:
            return chained(self.search, query, limit)

    monkeypatch.setattr(search.export, "PAGE", 3)
    found = export_hits(Spy(), SearchQuery(sort="date"), "json")
    assert len(body(found).decode().splitlines()) == 10
    assert asked[0] == threading.current_thread().name
    assert all(name.startswith("pantau-scan") for name in asked[1:]) and len(asked) == 4
    asked.clear()
    monkeypatch.setattr(search.tabular, "CHUNK_ROWS", 1)
    cut = export_hits(Spy(), SearchQuery(sort="date"), "json")
    next(cut.chunks)  # the first row only
    stop(cut)  # the client went away
    assert len(asked) <= 2  # the first page and perhaps the one ahead (cancelled if not begun)


def test_a_download_records_how_it_ended(
    sqlite: SearchBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    ends: list[tuple[int, bool]] = []

    def record(export: Export, complete: bool) -> None:
        ends.append((export.tally.rows, complete))

    whole = recorded(export_hits(sqlite, SearchQuery(), "csv", max_rows=4), record)
    assert ends == [] and len(csv_rows(whole)) == 4 + 1  # the notice is no article
    assert ends == [(4, True)]
    monkeypatch.setattr(search.xlsx, "CHUNK_ROWS", 2)
    cut = recorded(export_hits(sqlite, SearchQuery(), "xlsx"), record)
    next(cut.chunks)  # the workbook's first rows
    stop(cut)
    assert ends[1] == (2, False)
    trend = sqlite.trends(TrendQuery(query=SearchQuery(text="kampanye")))
    b"".join(recorded(export_trends(trend, "json"), record).chunks)
    assert ends[2] == (len(trend.series[0].points), True)


def test_formula_cells_stay_text_in_every_format(sqlite: SearchBackend) -> None:
    query = SearchQuery(sources=["antara"], since=datetime(2024, 12, 20), sort="date")
    quoted = sorted(r["title"] for r in csv_rows(export_hits(sqlite, query, "csv")))
    assert quoted == sorted("'" + t for t in FORMULAS)
    lines = body(export_hits(sqlite, query, "json")).decode().splitlines()
    assert sorted(json.loads(line)["title"] for line in lines) == sorted(FORMULAS)  # data as is
    book = openpyxl.load_workbook(io.BytesIO(body(export_hits(sqlite, query, "xlsx"))))
    cells = [row[3] for row in book.active.iter_rows(min_row=2)]
    assert sorted(c.value for c in cells) == sorted(FORMULAS)
    assert {c.data_type for c in cells} == {"s"}  # strings, never formulas ("f")


def test_a_capped_export_ends_with_the_notice_in_every_format(sqlite: SearchBackend) -> None:
    query = SearchQuery(sort="date")
    made = export_hits(sqlite, query, "csv", max_rows=4)
    assert (made.total, made.rows) == (10, 4)
    assert made.notice == (
        "Ekspor dibatasi 4 baris dari 10 berita yang cocok. "
        "Persempit pencarian (misalnya rentang tanggal) untuk mengunduh sisanya."
    )
    assert made.headers()["X-Pantau-Notice"] == made.notice
    made.notice.encode("latin-1")  # a header value must be
    rows = list(csv.reader(io.StringIO(body(made).decode())))
    assert len(rows) == 1 + 4 + 1 and rows[-1][0] == made.notice
    lines = body(export_hits(sqlite, query, "json", max_rows=4)).decode().splitlines()
    assert len(lines) == 5 and json.loads(lines[-1]) == {"notice": made.notice}
    sheet = xlsx_rows(export_hits(sqlite, query, "xlsx", max_rows=4))
    assert len(sheet) == 1 + 4 + 1 and sheet[-1][0] == made.notice
    whole = export_hits(sqlite, query, "csv", max_rows=10)
    assert whole.notice is None and "X-Pantau-Notice" not in whole.headers()


def test_times_are_in_the_chosen_zone(sqlite: SearchBackend) -> None:
    query = SearchQuery(sort="date", regions=["31.72"])
    first = csv_rows(export_hits(sqlite, query, "csv", timezone="Asia/Makassar"))[-1]
    assert first["published_at"] == "2024-12-02T10:00:00+08:00"  # 02:00 UTC
    made = export_hits(sqlite, query, "xlsx", timezone="Asia/Makassar")
    assert made.filename.startswith("pantau-cari-") and made.filename.endswith(".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(body(made)))
    cell = list(book.active.iter_rows(min_row=2))[-1][1]
    assert cell.value == datetime(2024, 12, 2, 10, 0)  # the WITA wall clock, a date cell
    assert "WITA" in cell.number_format


def test_xlsx_opens_with_every_row_and_column(sqlite: SearchBackend) -> None:
    query = SearchQuery(sort="date")
    sheet = xlsx_rows(export_hits(sqlite, query, "xlsx"))
    assert sheet[0] == HIT_COLUMNS
    assert [r[0] for r in sheet[1:]] == [
        r["id"] for r in csv_rows(export_hits(sqlite, query, "csv"))
    ]
    bogor = next(r for r in sheet if r[0] == MORE[3].id)
    assert bogor[6:10] == (
        "Kabupaten Bogor",
        "netralitas_asn; kampanye",
        "Bawaslu; Camat Cibinong",
        "Bawaslu",
    )


def test_xlsx_keeps_text_with_control_characters(tmp_path: Path) -> None:
    odd = article(300, "Judul\x01dengan\x1fkarakter kendali", "Isi.", day=5)
    with open_backend("sqlite", tmp_path, "odd", [odd]) as b:
        sheet = xlsx_rows(export_hits(b, SearchQuery(), "xlsx"))
    assert sheet[1][3].startswith("Judul") and sheet[1][3].endswith("kendali")


def test_trend_table_export(sqlite: SearchBackend) -> None:
    result = sqlite.trends(TrendQuery(query=SearchQuery(text="kampanye"), split="source"))
    rows = csv_rows(export_trends(result, "csv"))
    assert list(rows[0]) == ["date", *(s.name for s in result.series)]
    assert sum(int(r["all"]) for r in rows) == result.series[0].total
    assert rows[0]["date"] == result.series[0].points[0].date
    sheet = xlsx_rows(export_trends(result, "xlsx"))
    assert sheet[0][0] == "date" and len(sheet) == len(rows) + 1
    assert sum(r[1] for r in sheet[1:]) == result.series[0].total


def test_hits_without_highlights_still_carry_entities_and_agencies(backend: SearchBackend) -> None:
    """What an export asks of both engines: no snippet work, every filter value of a hit."""
    query = SearchQuery(text="camat", regions=["32.01"], sort="date")
    plain = backend.search(query.model_copy(update={"highlight": False})).hits[0]
    marked = backend.search(query).hits[0]
    assert "<mark>" in marked.snippet and plain.snippet == plain.title_highlight == ""
    assert plain.entities == marked.entities == ["Bawaslu", "Camat Cibinong"]
    assert plain.agencies == ["Bawaslu"]
