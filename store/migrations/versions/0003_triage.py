"""Alert triage (state, assignee, due date, version), its history, evidence snapshots.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alert_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alert_id", sa.String(length=64), nullable=False),
        sa.Column("at", sa.Double(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("from_state", sa.String(length=32), nullable=True),
        sa.Column("to_state", sa.String(length=32), nullable=True),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["alert_id"],
            ["alert.id"],
            name=op.f("fk_alert_history_alert_id_alert"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_history")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("alert_history", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_alert_history_alert_id_id"), ["alert_id", "id"], unique=False
        )

    op.create_table(
        "snapshot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alert_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("fetched_at", sa.Double(), nullable=False),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("headers", sa.JSON(), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=True),
        sa.Column("diff", sa.Text(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["alert_id"], ["alert.id"], name=op.f("fk_snapshot_alert_id_alert"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_snapshot")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("snapshot", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_snapshot_alert_id_id"), ["alert_id", "id"], unique=False
        )

    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.add_column(sa.Column("severity", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("published_at", sa.Double(), nullable=True))
        batch_op.add_column(
            sa.Column("state", sa.String(length=32), server_default="baru", nullable=False)
        )
        batch_op.add_column(sa.Column("outcome", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("assignee", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("due_at", sa.Double(), nullable=True))
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
        batch_op.add_column(sa.Column("changed_at", sa.Double(), nullable=True))
        batch_op.add_column(sa.Column("page_state", sa.String(length=16), nullable=True))
        batch_op.create_index(batch_op.f("ix_alert_assignee"), ["assignee"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_alert_state_created_at"), ["state", "created_at"], unique=False
        )
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=16), server_default="alert", nullable=False)
        )
        batch_op.drop_constraint("uq_delivery_alert_id_channel", type_="unique")
        batch_op.create_unique_constraint(
            batch_op.f("uq_delivery_alert_id_channel_kind"), ["alert_id", "channel", "kind"]
        )
    _backfill()


def _backfill() -> None:
    """Severity of alerts recorded before: from their event (published times were not kept)."""
    conn = op.get_bind()
    table = sa.table(
        "alert",
        sa.column("id", sa.String),
        sa.column("event", sa.Text),
        sa.column("severity", sa.String),
    )
    rows = conn.execute(sa.select(table.c.id, table.c.event)).all()
    for row in rows:
        severity = json.loads(row.event).get("severity")
        conn.execute(table.update().where(table.c.id == row.id).values(severity=severity))


def downgrade() -> None:
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.drop_constraint("uq_delivery_alert_id_channel_kind", type_="unique")
        batch_op.create_unique_constraint("uq_delivery_alert_id_channel", ["alert_id", "channel"])
        batch_op.drop_column("kind")
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alert_state_created_at"))
        batch_op.drop_index(batch_op.f("ix_alert_assignee"))
        batch_op.drop_column("page_state")
        batch_op.drop_column("changed_at")
        batch_op.drop_column("version")
        batch_op.drop_column("due_at")
        batch_op.drop_column("assignee")
        batch_op.drop_column("outcome")
        batch_op.drop_column("state")
        batch_op.drop_column("published_at")
        batch_op.drop_column("severity")

    with op.batch_alter_table("snapshot", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_snapshot_alert_id_id"))

    op.drop_table("snapshot")
    with op.batch_alter_table("alert_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alert_history_alert_id_id"))

    op.drop_table("alert_history")
