"""One-sheet XLSX workbooks streamed as their rows arrive: sheet XML deflated into a ZIP.

Why not XlsxWriter (which pantau used before): in constant_memory mode it spends ~9 us of
Python per cell, 10 s of CPU for the 1.1 million cells of a 100k-row export before the
first byte can leave (a ZIP's directory comes last, so it writes a temporary file and
reads it back). Here a row is one f-string, the sheet part is deflated as it is written
(stdlib zipfile into an unseekable sink: each entry's sizes follow it in a data
descriptor, as Java's ZipOutputStream writes them), so the first bytes leave with the
first rows and memory holds one chunk. The package is the minimal SpreadsheetML one:
content types, relationships, workbook, styles and the sheet; strings are inline.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta

Value = str | int | float | date | datetime | list[str] | None

LEVEL = 1  # deflate level: 9 MB instead of 8 for 100k rows, in a fraction of the CPU
CHUNK_ROWS = 500  # rows deflated per chunk handed on
LIST_SEP = "; "  # a list cell: "a; b"
EPOCH = datetime(1899, 12, 30)  # day 0 of Excel's serial dates
ZONE_NAMES = {7 * 60: "WIB", 8 * 60: "WITA", 9 * 60: "WIT", 0: "UTC"}
BOLD, DAY, FIRST_TIME = 1, 2, 3  # cell style (xf) ids: see Styles.xml

_NEEDS_ESCAPE = re.compile(r"[&<>\x00-\x08\x0b\x0c\x0e-\x1f]")
_PLAIN = re.compile(r"[^&<>\x00-\x08\x0b\x0c\x0e-\x1f]*").fullmatch  # but "_x", blank ends
_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
    | {chr(c): f"_x{c:04X}_" for c in range(32) if c not in (9, 10, 13)}
)
_LITERAL_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_")  # a literal "_x0041_" must stay literal

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml"
CONTENT_TYPES = (
    _HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPES}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_TYPES}.worksheet+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{_TYPES}.styles+xml"/></Types>'
)
ROOT_RELS = (
    _HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
BOOK_RELS = (
    _HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/></Relationships>'
)


def text(value: str) -> str:
    """A string as XML character data; control characters as Excel's _xHHHH_ escapes."""
    if "_x" in value:
        value = _LITERAL_ESCAPE.sub(r"_x005F\g<0>", value)
    return value.translate(_ESCAPES) if _NEEDS_ESCAPE.search(value) else value


def column(x: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    name = ""
    x += 1
    while x:
        x, rest = divmod(x - 1, 26)
        name = chr(65 + rest) + name
    return name


def zone_label(value: datetime) -> str:
    """WIB, WITA, WIT or UTC+hh:mm: what a time cell says it is in (Excel has no zones)."""
    offset = value.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "-" if minutes < 0 else "+"
    return ZONE_NAMES.get(minutes, f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}")


class Styles:
    """Bold (header, notice), a date, and a date-time format per zone label seen."""

    def __init__(self) -> None:
        self.zones: dict[str, int] = {}
        self.offsets: dict[timedelta | None, int] = {}

    def time(self, value: datetime) -> int:
        offset = value.utcoffset()
        found = self.offsets.get(offset)
        if found is None:
            label = zone_label(value)
            found = self.zones.setdefault(label, FIRST_TIME + len(self.zones))
            self.offsets[offset] = found
        return found

    def xml(self) -> str:
        formats = ['<numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>']
        formats += [
            f'<numFmt numFmtId="{165 + n}" formatCode="yyyy-mm-dd hh:mm &quot;{text(z)}&quot;"/>'
            for n, z in enumerate(self.zones)
        ]
        xf = '<xf numFmtId="{}" fontId="{}" fillId="0" borderId="0" xfId="0"{}/>'
        xfs = [xf.format(0, 0, ""), xf.format(0, 1, ' applyFont="1"')]
        xfs += [xf.format(164 + n, 0, ' applyNumberFormat="1"') for n in range(len(formats))]
        font = '<font>{}<sz val="11"/><name val="Calibri"/><family val="2"/></font>'
        return (
            f"{_HEAD}<styleSheet {_NS}>"
            f'<numFmts count="{len(formats)}">{"".join(formats)}</numFmts>'
            f'<fonts count="2">{font.format("")}{font.format("<b/>")}</fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
            '</borders><cellStyleXfs count="1">'
            '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
            "</cellStyles></styleSheet>"
        )


class Sheet:
    """The sheet part's XML: a frozen, filtered header row, then one string per row."""

    def __init__(self, name: str, columns: Sequence[str], widths: Sequence[float]) -> None:
        self.name = name
        self.letters = [column(x) for x in range(len(columns))]
        self.widths = widths
        self.columns = columns
        self.styles = Styles()
        self.y = 1  # the header

    def head(self) -> str:
        cols = "".join(
            f'<col min="{x}" max="{x}" width="{w}" customWidth="1"/>'
            for x, w in enumerate(self.widths, 1)
        )
        header = "".join(
            f'<c r="{a}1" s="{BOLD}" t="inlineStr"><is><t>{text(c)}</t></is></c>'
            for a, c in zip(self.letters, self.columns, strict=True)
        )
        return (
            f'{_HEAD}<worksheet {_NS} xmlns:r="{_REL}"><sheetViews>'
            '<sheetView tabSelected="1" workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft"/></sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols>'
            f'<sheetData><row r="1">{header}</row>'
        )

    def row(self, values: Iterable[Value], style: int = 0) -> str:
        """One row; empty strings and None leave their cell out."""
        self.y += 1
        y = self.y
        s = f' s="{style}"' if style else ""
        cells = [f'<row r="{y}">']
        for a, v in zip(self.letters, values, strict=False):
            if isinstance(v, str):  # most cells
                if v:
                    cells.append(f'<c r="{a}{y}"{s} t="inlineStr">{_inline(v)}</c>')
            elif v is None:
                continue
            elif isinstance(v, list):
                if v:
                    cells.append(f'<c r="{a}{y}"{s} t="inlineStr">{_inline(LIST_SEP.join(v))}</c>')
            elif type(v) is int or type(v) is float:  # a bool is text
                cells.append(f'<c r="{a}{y}"{s}><v>{v!r}</v></c>')
            elif isinstance(v, datetime):
                cells.append(f'<c r="{a}{y}" s="{self.styles.time(v)}"><v>{_serial(v)}</v></c>')
            elif isinstance(v, date):
                cells.append(f'<c r="{a}{y}" s="{DAY}"><v>{_serial(v)}</v></c>')
            else:
                cells.append(f'<c r="{a}{y}"{s} t="inlineStr">{_inline(str(v))}</c>')
        cells.append("</row>")
        return "".join(cells)

    def tail(self, last: int) -> str:
        ref = f"A1:{self.letters[-1]}{max(last, 2)}"
        margins = 'left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"'
        return f'</sheetData><autoFilter ref="{ref}"/><pageMargins {margins}/></worksheet>'

    def workbook(self, last: int) -> str:
        area = f"{_quoted(self.name)}!$A$1:${self.letters[-1]}${max(last, 2)}"
        return (
            f'{_HEAD}<workbook {_NS} xmlns:r="{_REL}"><bookViews><workbookView/></bookViews>'
            f'<sheets><sheet name="{text(self.name)}" sheetId="1" r:id="rId1"/></sheets>'
            '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" '
            f'hidden="1">{text(area)}</definedName></definedNames></workbook>'
        )


def _inline(value: str) -> str:
    """An inline string; leading or trailing blanks kept (XML would let them go)."""
    if _PLAIN(value) and "_x" not in value and not value[0].isspace() | value[-1].isspace():
        return f"<is><t>{value}</t></is>"  # most strings: nothing to escape
    if value[0].isspace() or value[-1].isspace():
        return f'<is><t xml:space="preserve">{text(value)}</t></is>'
    return f"<is><t>{text(value)}</t></is>"


def _serial(value: date) -> str:
    """Days since Excel's epoch, the wall clock of the value's own zone as the fraction."""
    if isinstance(value, datetime):
        delta = value.replace(tzinfo=None) - EPOCH
        return repr(delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400)
    return str((value - EPOCH.date()).days)


def _quoted(name: str) -> str:
    return name if name.isalnum() else "'" + name.replace("'", "''") + "'"


class _Sink:
    """Where zipfile writes: bytes kept until taken (no tell, no seek: a streamed ZIP)."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        """Nothing buffered here."""

    def close(self) -> None:
        """Nothing to close: what was written stays to be taken."""

    def take(self) -> bytes:
        found = b"".join(self.parts)
        self.parts.clear()
        return found


def workbook(
    name: str,
    columns: Sequence[str],
    widths: Sequence[float],
    rows: Iterable[Iterable[Value]],
    notice: str | None,
    *,
    max_rows: int,
) -> Iterator[bytes]:
    """The XLSX file of `rows` beneath a bold `columns` header, `notice` in bold last."""
    sink = _Sink()
    sheet = Sheet(name, columns, widths)
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED, compresslevel=LEVEL) as book:
        book.writestr("[Content_Types].xml", CONTENT_TYPES)
        book.writestr("_rels/.rels", ROOT_RELS)
        book.writestr("xl/_rels/workbook.xml.rels", BOOK_RELS)
        with book.open("xl/worksheets/sheet1.xml", "w") as part:
            part.write(sheet.head().encode())
            batch: list[str] = []
            for values in rows:
                if sheet.y > max_rows:
                    raise ValueError(f"an XLSX sheet holds at most {max_rows} rows")
                batch.append(sheet.row(values))
                if len(batch) == CHUNK_ROWS:
                    part.write("".join(batch).encode())
                    batch.clear()
                    yield sink.take()
            last = sheet.y  # the autofilter ends at the last data row, not the notice
            if notice:
                batch.append(sheet.row([notice], BOLD))
            part.write(("".join(batch) + sheet.tail(last)).encode())
        book.writestr("xl/workbook.xml", sheet.workbook(last))
        book.writestr("xl/styles.xml", sheet.styles.xml())
    yield sink.take()
