"""Rows as CSV, JSON Lines or XLSX bytes, streamed; cells a spreadsheet would run stay text.

One writer per format over the same rows (a dict per row, the same columns in each): a
list becomes "a; b" in CSV and XLSX and stays a list in JSON; a datetime is ISO 8601 with
its offset in CSV and JSON and a date cell in XLSX. `notice`, when given, ends the file
(a last row, or a last `{"notice": ...}` line).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime

import orjson

from search import xlsx

Cell = str | int | float | date | datetime | list[str] | None
Row = Mapping[str, Cell]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_FIRST = frozenset(FORMULA_START)
LIST_SEP = xlsx.LIST_SEP
CHUNK_ROWS = 500  # rows per chunk of CSV and JSON: a few hundred kB on the wire
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


def write(
    fmt: str, columns: Sequence[str], rows: Iterable[Row], notice: str | None
) -> Iterator[bytes]:
    """The rows in `fmt` (csv, json or xlsx), chunk by chunk."""
    writers = {"csv": write_csv, "json": write_jsonl, "xlsx": write_xlsx}
    return writers[fmt](columns, rows, notice)


def write_csv(columns: Sequence[str], rows: Iterable[Row], notice: str | None) -> Iterator[bytes]:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(map(safe_cell, columns))
    for n, row in enumerate(rows, 1):
        writer.writerow(map(_csv_cell, map(row.get, columns)))
        if n % CHUNK_ROWS == 0:
            yield out.getvalue().encode()
            out.seek(0)
            out.truncate()
    if notice:
        writer.writerow([safe_cell(notice)] + [""] * (len(columns) - 1))
    yield out.getvalue().encode()


def write_jsonl(columns: Sequence[str], rows: Iterable[Row], notice: str | None) -> Iterator[bytes]:
    """JSON Lines: one object per row (a reader needs only one line at a time); times in
    ISO 8601 with their offset, as orjson writes them."""
    lines: list[bytes] = []
    for row in rows:
        lines.append(orjson.dumps({c: row.get(c) for c in columns}))
        if len(lines) == CHUNK_ROWS:
            yield b"\n".join(lines) + b"\n"
            lines.clear()
    if notice:
        lines.append(orjson.dumps({"notice": notice}))
    if lines:
        yield b"\n".join(lines) + b"\n"


def write_xlsx(columns: Sequence[str], rows: Iterable[Row], notice: str | None) -> Iterator[bytes]:
    """One sheet (`search.xlsx`), deflated as the rows arrive: memory stays flat."""
    widths = [60 if name == "title" else 18 for name in columns]
    cells = (map(row.get, columns) for row in rows)
    return xlsx.workbook("pantau", columns, widths, cells, notice, max_rows=XLSX_MAX_ROWS)
