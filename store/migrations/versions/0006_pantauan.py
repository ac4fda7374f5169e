"""Saved searches ("pantauan"): the last visit and its count, a mail address, the rule made.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("saved_searches", sa.Column("last_seen_at", sa.Double(), nullable=True))
    op.add_column("saved_searches", sa.Column("seen_count", sa.Integer(), nullable=True))
    op.add_column("saved_searches", sa.Column("email", sa.String(length=254), nullable=True))
    op.add_column("saved_searches", sa.Column("rule_id", sa.String(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("saved_searches") as batch:
        batch.drop_column("rule_id")
        batch.drop_column("email")
        batch.drop_column("seen_count")
        batch.drop_column("last_seen_at")
