"""Rows as CSV, JSON Lines or XLSX bytes, streamed; cells a spreadsheet would run stay text.

One writer per format over the same rows (a dict per row, the same columns in each): a
list becomes "a; b" in CSV and XLSX and stays a list in JSON; a datetime is ISO 8601 with
its offset in CSV and JSON and a date cell in XLSX. `notice`, when given, ends the file
(a last row, or a last `{"notice": ...}` line).
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import Any

import xlsxwriter

Cell = str | int | float | date | datetime | list[str] | None
Row = Mapping[str, Cell]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_FIRST = frozenset(FORMULA_START)
LIST_SEP = "; "
CHUNK_ROWS = 500  # rows per chunk of CSV and JSON: a few hundred kB on the wire
FILE_CHUNK = 1 << 16
XLSX_MAX_ROWS = 1_048_575  # a sheet's 1,048,576 rows, less the header


def safe_cell(value: str) -> str:
    """A cell a spreadsheet would run as a formula is kept as text (CSV injection): the
    leading apostrophe is what spreadsheets themselves use to mark text."""
    return "'" + value if value[:1] in _FORMULA_FIRST else value


def _csv_cell(value: Cell) -> str:
    text = value if type(value) is str else _text(value)  # most cells: no conversion
    return "'" + text if text[:1] in _FORMULA_FIRST else text


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEP.join(value)
    if isinstance(value, date):  # datetime too
        return value.isoformat()
    return str(value)


def _json(value: Cell) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def write(
    fmt: str, columns: Sequence[str], rows: Iterable[Row], notice: str | None
) -> Iterator[bytes]:
    """The rows in `fmt` (csv, json or xlsx), chunk by chunk."""
    writers = {"csv": write_csv, "json": write_jsonl, "xlsx": write_xlsx}
    return writers[fmt](columns, rows, notice)


def write_csv(columns: Sequence[str], rows: Iterable[Row], notice: str | None) -> Iterator[bytes]:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(c) for c in columns])
    for n, row in enumerate(rows, 1):
        writer.writerow([_csv_cell(row.get(c)) for c in columns])
        if n % CHUNK_ROWS == 0:
            yield out.getvalue().encode()
            out.seek(0)
            out.truncate()
    if notice:
        writer.writerow([safe_cell(notice)] + [""] * (len(columns) - 1))
    yield out.getvalue().encode()


def write_jsonl(columns: Sequence[str], rows: Iterable[Row], notice: str | None) -> Iterator[bytes]:
    """JSON Lines: one object per row (a reader needs only one line at a time)."""
    lines: list[str] = []
    for row in rows:
        lines.append(json.dumps({c: _json(row.get(c)) for c in columns}, ensure_ascii=False))
        if len(lines) == CHUNK_ROWS:
            yield ("\n".join(lines) + "\n").encode()
            lines.clear()
    if notice:
        lines.append(json.dumps({"notice": notice}, ensure_ascii=False))
    if lines:
        yield ("\n".join(lines) + "\n").encode()


def write_xlsx(columns: Sequence[str], rows: Iterable[Row], notice: str | None) -> Iterator[bytes]:
    """One sheet written by XlsxWriter in constant_memory mode (each row goes to a temporary
    file as it is written), then the finished file read out: a ZIP's directory comes last,
    so the first byte leaves when the last row is in, but memory stays flat."""
    with tempfile.TemporaryFile() as file:
        book = xlsxwriter.Workbook(
            file,
            {
                "constant_memory": True,
                # every string is a string: "=1+1", "0812..." and URLs stay what they say
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
            },
        )
        _fill(book, columns, rows, notice)
        book.close()
        file.seek(0)
        while chunk := file.read(FILE_CHUNK):
            yield chunk


def _fill(book: Any, columns: Sequence[str], rows: Iterable[Row], notice: str | None) -> None:
    sheet = book.add_worksheet("pantau")
    bold = book.add_format({"bold": True})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    zoned: dict[str, Any] = {}  # a time format per zone: its name shows in the cell
    sheet.freeze_panes(1, 0)
    for x, name in enumerate(columns):
        sheet.set_column(x, x, 60 if name == "title" else 18)
        sheet.write_string(0, x, name, bold)
    y = 0
    for y, row in enumerate(rows, 1):
        if y > XLSX_MAX_ROWS:
            raise ValueError(f"an XLSX sheet holds at most {XLSX_MAX_ROWS} rows")
        for x, name in enumerate(columns):
            value = row.get(name)
            if isinstance(value, datetime):  # Excel has no zones: the zone's wall clock
                label = _zone_label(value)
                if label not in zoned:
                    zoned[label] = book.add_format({"num_format": f'yyyy-mm-dd hh:mm "{label}"'})
                sheet.write_datetime(y, x, value.replace(tzinfo=None), zoned[label])
            elif isinstance(value, date):
                sheet.write_datetime(y, x, datetime(value.year, value.month, value.day), day)
            elif isinstance(value, int | float) and not isinstance(value, bool):
                sheet.write_number(y, x, value)
            elif value:
                sheet.write_string(y, x, _text(value))
    sheet.autofilter(0, 0, max(y, 1), len(columns) - 1)
    if notice:
        sheet.write_string(y + 1, 0, notice, bold)


ZONE_NAMES = {7 * 60: "WIB", 8 * 60: "WITA", 9 * 60: "WIT", 0: "UTC"}


def _zone_label(value: datetime) -> str:
    """WIB, WITA, WIT or UTC+hh:mm: what a time cell says it is in."""
    offset = value.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "-" if minutes < 0 else "+"
    return ZONE_NAMES.get(minutes, f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}")
