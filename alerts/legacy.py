"""One-time import of the alert store's old SQLite file (<data dir>/alerts.sqlite3).

Before the operational store, alerts, copies, the delivery outbox and API rules lived in
their own file. On the first start after the upgrade it is copied into the store (one
transaction; rows already there are kept) and renamed `alerts.sqlite3.imported`, so
pending deliveries are still sent and no alert fires twice for a story it already had.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Table

from alerts.store import AlertStore
from store.db import StoreError
from store.offices import ancestors
from store.tables import (
    alert,
    alert_copy,
    alert_office,
    alert_region,
    alert_rule,
    delivery,
    story,
)

LEGACY_NAME = "alerts.sqlite3"


def import_legacy(path: Path, alerts: AlertStore) -> int:
    """Copy an old alert file into the store and rename it; the number of alerts found."""
    if not path.is_file():
        return 0
    try:
        rows = _read(path)
    except sqlite3.Error as exc:
        if not path.exists():  # another process imported it meanwhile
            return 0
        raise StoreError(
            f"the old alert file {path} cannot be read ({exc}): move it away to start"
        ) from exc
    if rows is None:  # not the old layout (an operational store of its own, say): left alone
        return 0
    alert_rows, office_rows, region_rows = [], [], []
    for a in rows["alert"]:
        region = json.loads(a["region"]) if a["region"] else None
        offices = json.loads(a["offices"])
        alert_rows.append({**a, "offices": offices, "region": region,
                           "region_code": (region or {}).get("code")})  # fmt: skip
        office_rows += [{"alert_id": a["id"], "office": o} for o in dict.fromkeys(offices)]
        region_rows += [
            {"alert_id": a["id"], "code": c} for c in ancestors(alert_rows[-1]["region_code"])
        ]
    sends = [{k: v for k, v in d.items() if k != "id"} for d in rows["delivery"]]
    db_store = alerts.db
    with db_store.write() as conn:
        batches: list[tuple[Table, list[dict[str, Any]]]] = [
            (story, rows["story"]),
            (alert, alert_rows),
            (alert_office, office_rows),
            (alert_region, region_rows),
            (alert_copy, rows["copy"]),
            (delivery, sends),
            (alert_rule, rows["rule"]),
        ]
        for table, batch in batches:
            if batch:
                conn.execute(db_store.insert(table).on_conflict_do_nothing(), batch)
    if rows["rule"]:
        alerts.bump_rules()  # running stages reload the imported rules
    with contextlib.suppress(FileNotFoundError):  # or another process renamed it first
        path.rename(path.with_name(path.name + ".imported"))
    return len(alert_rows)


def _read(path: Path) -> dict[str, list[dict[str, Any]]] | None:
    """The old tables' rows; None if the file does not have the old layout."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    try:
        tables = ("story", "alert", "copy", "delivery", "rule")
        found = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "alembic_version" in found or not found.issuperset(tables):
            return None
        return {name: [dict(r) for r in db.execute(f"SELECT * FROM {name}")] for name in tables}
    finally:
        db.close()
