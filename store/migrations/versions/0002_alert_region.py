"""Every level of an alert's region in alert_region, for scope by office on an index.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    region = op.create_table(
        "alert_region",
        sa.Column("alert_id", sa.String(length=64), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["alert_id"],
            ["alert.id"],
            name=op.f("fk_alert_region_alert_id_alert"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("alert_id", "code", name=op.f("pk_alert_region")),
    )
    op.drop_index(op.f("ix_alert_region_code"), table_name="alert")  # scope reads alert_region
    op.create_index("ix_alert_region_by_code", "alert_region", ["code", "alert_id"])
    # Alerts stored before this revision: "31.72.01" -> 31, 31.72, 31.72.01.
    alert = sa.table("alert", sa.column("id", sa.String), sa.column("region_code", sa.String))
    found = op.get_bind().execute(
        sa.select(alert.c.id, alert.c.region_code).where(alert.c.region_code.is_not(None))
    )
    rows = []
    for alert_id, code in found:
        parts = code.split(".")
        rows += [
            {"alert_id": alert_id, "code": ".".join(parts[:n])} for n in range(1, len(parts) + 1)
        ]
    if rows:
        op.bulk_insert(region, rows)


def downgrade() -> None:
    op.drop_table("alert_region")
    op.create_index(op.f("ix_alert_region_code"), "alert", ["region_code"])
