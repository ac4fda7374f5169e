"""Pantauan names unique per owner whatever their case: a casefolded `name_key`.

Names that already collide ("Netralitas" and "netralitas" of one owner) are kept: the
oldest keeps its name, each later one is renamed "<name> (2)", "(3)"... to the first
free name; nothing is dropped.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

MAX_NAME = 100  # store.saved.MAX_NAME when this was written (a migration stays as written)
_t = sa.table(
    "saved_searches",
    sa.column("id", sa.Integer()),
    sa.column("user_id", sa.Integer()),
    sa.column("name", sa.String()),
    sa.column("name_key", sa.String()),
)


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _free(name: str, taken: set[str]) -> str:
    """`name (n)` for the first n from 2 whose key no name of the owner has."""
    n = 2
    while True:
        suffix = f" ({n})"
        candidate = name[: MAX_NAME - len(suffix)].rstrip() + suffix
        if _key(candidate) not in taken:
            return candidate
        n += 1


def _fill_keys(conn: sa.Connection) -> None:
    rows = conn.execute(sa.select(_t.c.id, _t.c.user_id, _t.c.name).order_by(_t.c.id)).all()
    taken: dict[int, set[str]] = {}
    for _, user_id, name in rows:  # every key an owner holds, renamed rows' new ones too
        taken.setdefault(user_id, set()).add(_key(name))
    kept: dict[int, set[str]] = {}
    for row_id, user_id, name in rows:  # oldest first: it keeps its name
        mine = kept.setdefault(user_id, set())
        if _key(name) in mine:
            name = _free(name, taken[user_id])
            taken[user_id].add(_key(name))
        mine.add(_key(name))
        update = _t.update().where(_t.c.id == row_id)
        conn.execute(update.values(name=name, name_key=_key(name)))


def upgrade() -> None:
    op.add_column("saved_searches", sa.Column("name_key", sa.String(length=200), nullable=True))
    _fill_keys(op.get_bind())
    with op.batch_alter_table("saved_searches") as batch:
        batch.alter_column("name_key", existing_type=sa.String(length=200), nullable=False)
        batch.drop_constraint(op.f("uq_saved_searches_user_id_name"), type_="unique")
        batch.create_unique_constraint(
            op.f("uq_saved_searches_user_id_name_key"), ["user_id", "name_key"]
        )


def downgrade() -> None:
    with op.batch_alter_table("saved_searches") as batch:
        batch.drop_constraint(op.f("uq_saved_searches_user_id_name_key"), type_="unique")
        batch.create_unique_constraint(op.f("uq_saved_searches_user_id_name"), ["user_id", "name"])
        batch.drop_column("name_key")
