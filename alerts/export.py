"""The alert feed as a CSV or JSON download (what an office files or loads in a sheet)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import UTC, datetime

from fastapi import Response

from alerts.records import StoredAlert
from search.tabular import safe_cell  # the one CSV-injection rule of every export

EXPORT_LIMIT = 10_000
COLUMNS = (
    "id",
    "published_at",
    "created_at",
    "severity",
    "rule",
    "title",
    "source",
    "url",
    "offices",
    "state",
    "outcome",
    "assignee",
    "due_at",
    "page_state",
    "evidence",
)


def _iso(value: float | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    return datetime.fromtimestamp(value, UTC).isoformat()


def row_of(item: StoredAlert) -> dict[str, str]:
    a, t = item.alert, item.triage
    return {
        "id": a.id,
        "published_at": _iso(a.published_at),
        "created_at": _iso(a.created_at),
        "severity": a.severity,
        "rule": item.rule_name,
        "title": a.title,
        "source": a.source,
        "url": a.url,
        "offices": "; ".join(item.offices),
        "state": t.state,
        "outcome": t.outcome or "",
        "assignee": t.assignee or "",
        "due_at": _iso(t.due_at),
        "page_state": t.page_state or "",
        "evidence": " | ".join(a.evidence),
    }


def to_csv(items: Sequence[StoredAlert]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for item in items:
        writer.writerow({k: safe_cell(v) for k, v in row_of(item).items()})
    return out.getvalue()


def export_response(items: Sequence[StoredAlert], format: str) -> Response:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M")
    if format == "json":
        body = json.dumps([i.to_dict() for i in items], ensure_ascii=False, indent=1)
        kind = "application/json"
    else:
        body, kind = to_csv(items), "text/csv; charset=utf-8"
    name = f"peringatan-{stamp}.{format}"
    return Response(
        body, media_type=kind, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
