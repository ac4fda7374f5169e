"""The streamed XLSX writer (`search.xlsx`): what a spreadsheet reads back, cell by cell,
and bytes that leave before the last row is in."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone

import openpyxl
import pytest

from search import xlsx
from search.tabular import Row, write_xlsx

WIB = timezone(timedelta(hours=7))
WITA = timezone(timedelta(hours=8))
COLUMNS = ["text", "when", "day", "count", "list"]


def read(data: bytes) -> list[tuple[object, ...]]:
    return list(openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))


def test_cells_read_back_as_written() -> None:
    rows: list[Row] = [
        {
            "text": "a & b <c> \"d\" 'e'",
            "when": datetime(2024, 11, 27, 9, 30, tzinfo=WIB),
            "day": date(2024, 11, 27),
            "count": 3,
            "list": ["Bawaslu", "KPU"],
        },
        {"text": "  spasi di tepi  ", "when": None, "day": None, "count": 2.5, "list": []},
        {"text": "=1+1", "when": datetime(2024, 1, 2, tzinfo=UTC), "count": 0, "list": None},
    ]
    data = b"".join(write_xlsx(COLUMNS, rows, "Catatan & batas"))
    sheet = read(data)
    assert sheet[0] == tuple(COLUMNS)
    assert sheet[1] == (
        "a & b <c> \"d\" 'e'",
        datetime(2024, 11, 27, 9, 30),  # the wall clock of its zone
        datetime(2024, 11, 27),
        3,
        "Bawaslu; KPU",
    )
    assert sheet[2] == ("  spasi di tepi  ", None, None, 2.5, None)
    assert sheet[3] == ("=1+1", datetime(2024, 1, 2), None, 0, None)  # text, never a formula
    assert sheet[4] == ("Catatan & batas", None, None, None, None)
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = list(book.active.iter_rows(min_row=2, max_row=4))
    assert cells[0][1].number_format == 'yyyy-mm-dd hh:mm "WIB"'
    assert cells[2][1].number_format == 'yyyy-mm-dd hh:mm "UTC"'
    assert cells[0][2].number_format == "yyyy-mm-dd"
    assert cells[2][0].data_type == "s"
    assert book.active.freeze_panes == "A2"
    assert book.active.auto_filter.ref == "A1:E4"  # the data rows, not the notice
    assert book.active["A1"].font.b and book.active["A5"].font.b


def test_control_characters_and_escape_lookalikes_survive() -> None:
    """XML has no control characters: Excel writes them as _xHHHH_, and a literal "_x0041_"
    as "_x005F_x0041_" so that it is not read as "A" (as XlsxWriter does)."""
    odd = ["Judul\x01dengan\x1fkendali", "harfiah _x0041_ tetap", "baris\nbaru\tdan tab"]
    data = b"".join(write_xlsx(["text"], [{"text": t} for t in odd], None))
    got = [r[0] for r in read(data)[1:]]
    assert got[2] == odd[2]
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<t>Judul_x0001_dengan_x001F_kendali</t>" in xml
    assert "<t>harfiah _x005F_x0041_ tetap</t>" in xml


def test_odd_zones_get_a_format_of_their_own() -> None:
    rows: list[Row] = [
        {"when": datetime(2024, 5, 1, 8, tzinfo=WITA)},
        {"when": datetime(2024, 5, 1, 8, tzinfo=timezone(timedelta(hours=5, minutes=30)))},
        {"when": datetime(2024, 5, 2, 8, tzinfo=WITA)},
    ]
    book = openpyxl.load_workbook(io.BytesIO(b"".join(write_xlsx(["when"], rows, None))))
    formats = [r[0].number_format for r in book.active.iter_rows(min_row=2)]
    assert formats == [
        'yyyy-mm-dd hh:mm "WITA"',
        'yyyy-mm-dd hh:mm "UTC+05:30"',
        'yyyy-mm-dd hh:mm "WITA"',
    ]


def test_bytes_leave_before_the_last_row_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Streamed, not written whole and read back: memory holds one chunk of rows."""
    monkeypatch.setattr(xlsx, "CHUNK_ROWS", 10)
    read_rows = 0

    def rows() -> Iterator[Row]:
        nonlocal read_rows
        for n in range(100):
            read_rows += 1
            yield {"text": f"berita {n}", "count": n}

    chunks = write_xlsx(["text", "count"], rows(), None)
    first = next(chunks)
    assert first.startswith(b"PK") and read_rows <= 11
    data = first + b"".join(chunks)
    sheet = read(data)
    assert len(sheet) == 101 and sheet[-1] == ("berita 99", 99)


def test_more_rows_than_a_sheet_holds_is_an_error() -> None:
    chunks = xlsx.workbook("x", ["a"], [10], ([n] for n in range(5)), None, max_rows=3)
    with pytest.raises(ValueError, match="at most 3 rows"):
        b"".join(chunks)


def test_column_names() -> None:
    assert [xlsx.column(x) for x in (0, 10, 25, 26, 27, 701, 702)] == [
        "A",
        "K",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]
