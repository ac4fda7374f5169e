"""Due dates of WITA and WIT offices' alerts set before 0008: the end of their day there.

The triage form once read a due date as the end of that day in WIB (23:59:59 WIB), for
every office; it now reads it in the office's zone. So an older due date of an alert
routed to a WITA or WIT office shows as the next day (00:59:59 WITA, 01:59:59 WIT).
This moves each such value, exactly 23:59:59 WIB, to 23:59:59 of the same date in the
office's zone (1 or 2 hours earlier); other values, and WIB offices', stay as they are.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

HOURS = {"WIB": 7, "WITA": 8, "WIT": 9}  # UTC offsets (no daylight saving in Indonesia)
# store.offices.time_zone when this was written (a migration stays as written)
WITA = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
DAY = 86_400
_t = sa.table(
    "alert",
    sa.column("id", sa.String()),
    sa.column("region_code", sa.String()),
    sa.column("due_at", sa.Double()),
)


def time_zone(code: str | None) -> str:
    province = (code or "").split(".")[0]
    if province in WITA:
        return "WITA"
    return "WIT" if province[:1] in ("8", "9") else "WIB"


def moved(due_at: float, region_code: str | None) -> float | None:
    """The due time of the same date's end in the office's zone, or None to keep it."""
    zone = time_zone(region_code)
    if zone == "WIB" or (due_at + HOURS["WIB"] * 3600) % DAY != DAY - 1:
        return None
    return due_at - (HOURS[zone] - HOURS["WIB"]) * 3600


def upgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(_t.c.id, _t.c.region_code, _t.c.due_at).where(_t.c.due_at.is_not(None))
    ).all()
    for alert_id, code, due_at in rows:
        if (new := moved(float(due_at), code)) is not None:
            conn.execute(_t.update().where(_t.c.id == alert_id).values(due_at=new))


def downgrade() -> None:
    """Nothing to undo: the values stay right for the code of either revision's pages."""
