"""The source registry's state for `pantau watch`: feeds, hosts, seen URLs, events.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 06:43:06.875397
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watch_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("at", sa.Double(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("outcome", sa.String(length=64), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watch_events")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("watch_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_watch_events_source_at"), ["source", "at"], unique=False
        )

    op.create_table(
        "watch_hosts",
        sa.Column("host", sa.String(length=255), nullable=False),
        sa.Column("lease_owner", sa.String(length=200), nullable=True),
        sa.Column("lease_until", sa.Double(), nullable=True),
        sa.Column("next_allowed_at", sa.Double(), server_default="0", nullable=False),
        sa.Column("tokens", sa.Double(), nullable=True),
        sa.Column("tokens_at", sa.Double(), nullable=True),
        sa.Column("robots", sa.Text(), nullable=True),
        sa.Column("robots_at", sa.Double(), nullable=True),
        sa.PrimaryKeyConstraint("host", name=op.f("pk_watch_hosts")),
    )
    op.create_table(
        "watch_seen",
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("state", sa.String(length=64), nullable=False),
        sa.Column("feed", sa.Text(), nullable=True),
        sa.Column("at", sa.Double(), nullable=False),
        sa.PrimaryKeyConstraint("url", name=op.f("pk_watch_seen")),
    )
    with op.batch_alter_table("watch_seen", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_watch_seen_at"), ["at"], unique=False)

    op.create_table(
        "watch_feeds",
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("host", sa.String(length=255), nullable=False),
        sa.Column("next_at", sa.Double(), nullable=False),
        sa.Column("poll_interval", sa.Double(), nullable=False),
        sa.Column("rate", sa.Double(), nullable=True),
        sa.Column("fresh_rate", sa.Double(), nullable=True),
        sa.Column("rate_window", sa.Double(), nullable=True),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("failures", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_status", sa.String(length=64), nullable=True),
        sa.Column("polled_at", sa.Double(), nullable=True),
        sa.ForeignKeyConstraint(
            ["source"],
            ["sources.id"],
            name=op.f("fk_watch_feeds_source_sources"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("url", name=op.f("pk_watch_feeds")),
    )
    with op.batch_alter_table("watch_feeds", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_watch_feeds_host_next_at"), ["host", "next_at"], unique=False
        )

    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("origin", sa.String(length=8), server_default="file", nullable=False)
        )
        batch_op.add_column(sa.Column("failures", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("failing_since", sa.Double(), nullable=True))
        batch_op.add_column(sa.Column("alerted_at", sa.Double(), nullable=True))
        batch_op.add_column(sa.Column("last_status", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("last_success", sa.Double(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.drop_column("last_success")
        batch_op.drop_column("last_status")
        batch_op.drop_column("alerted_at")
        batch_op.drop_column("failing_since")
        batch_op.drop_column("failures")
        batch_op.drop_column("origin")

    with op.batch_alter_table("watch_feeds", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_watch_feeds_host_next_at"))

    op.drop_table("watch_feeds")
    with op.batch_alter_table("watch_seen", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_watch_seen_at"))

    op.drop_table("watch_seen")
    op.drop_table("watch_hosts")
    with op.batch_alter_table("watch_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_watch_events_source_at"))

    op.drop_table("watch_events")
