"""Make one office's report and write it as files: what the CLI, web UI and mailer call."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from alerts.store import AlertStore
from pantau.report import render
from pantau.report.gather import Gatherer
from pantau.report.model import Report
from pantau.report.office import Office, find_office
from pantau.report.period import Kind
from search.backend import SearchBackend
from search.calendar import Calendar

Format = Literal["pdf", "html", "json"]
KIND_WORD = {"daily": "harian", "weekly": "mingguan"}


def make_report(
    backend: SearchBackend,
    store: AlertStore,
    office: str | Office,
    kind: Kind,
    day: date | None = None,
    *,
    calendar: Calendar | None = None,
    now: datetime | None = None,
) -> Report:
    """The report of one office, named explicitly (the caller checks the user may see
    it). Without `day`: yesterday, or last week, in the office's time zone."""
    found = office if isinstance(office, Office) else find_office(office)
    now = now or datetime.now(UTC)
    if day is None:
        today = now.astimezone(ZoneInfo(found.timezone)).date()
        day = today - timedelta(days=1 if kind == "daily" else 7)
    return Gatherer(backend, store, calendar=calendar, now=now).report(found, kind, day)


def file_stem(report: Report) -> str:
    """'laporan-harian-bawaslu-kota-jakarta-utara-2024-11-25'."""
    office = re.sub(r"[^a-z0-9]+", "-", report.office.name.casefold()).strip("-")
    return f"laporan-{KIND_WORD[report.period.kind]}-{office}-{report.period.first.isoformat()}"


def write_files(
    report: Report, folder: Path, formats: Sequence[Format], *, link_base: str | None = None
) -> list[Path]:
    """The report as files in `folder` (PDF and HTML from one template; JSON data)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in dict.fromkeys(formats):
        path = folder / f"{file_stem(report)}.{fmt}"
        if fmt == "pdf":
            path.write_bytes(render.pdf(report, link_base=link_base))
        elif fmt == "html":
            path.write_text(render.html_page(report, link_base=link_base), encoding="utf-8")
        else:
            path.write_text(report.model_dump_json(indent=2), encoding="utf-8")
        written.append(path)
    return written
