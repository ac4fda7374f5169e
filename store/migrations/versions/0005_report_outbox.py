"""Report delivery (the outbox and its marks) and report subscriptions in the store.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("office", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("period", sa.Date(), nullable=False),
        sa.Column("recipients", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_at", sa.Double(), nullable=False),
        sa.Column("lease_until", sa.Double(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.Double(), nullable=False),
        sa.Column("delivered_at", sa.Double(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_delivery")),
        sa.UniqueConstraint(
            "office", "kind", "period", name=op.f("uq_report_delivery_office_kind_period")
        ),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_report_delivery_status_next_at"), "report_delivery", ["status", "next_at"]
    )
    op.create_table(
        "report_subscription",
        sa.Column("office_id", sa.String(length=16), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.Double(), nullable=False),
        sa.CheckConstraint("kind IN ('daily', 'weekly')", name=op.f("ck_report_subscription_kind")),
        sa.PrimaryKeyConstraint("office_id", "email", "kind", name=op.f("pk_report_subscription")),
    )


def downgrade() -> None:
    op.drop_table("report_subscription")
    op.drop_index(op.f("ix_report_delivery_status_next_at"), table_name="report_delivery")
    op.drop_table("report_delivery")
