"""Bawaslu offices in the Kemendagri hierarchy, and what a user's office lets them see.

The national office has id "RI"; every other office's id is its region code ("31" Bawaslu
Provinsi DKI Jakarta, "31.72" Bawaslu Kota Jakarta Utara). The store holds no place data
of its own: the composition root hands `build_offices` the provinces and kabupaten/kota
of the bundled gazetteer, and `sync_offices` keeps the table equal to them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Literal

from sqlalchemy import ColumnElement, delete, exists, false, select, true

from store.db import Store
from store.tables import alert_region, offices, store_meta, users

child = offices.alias("child")

if TYPE_CHECKING:
    from store.accounts import User

NATIONAL_ID = "RI"
NATIONAL_NAME = "Bawaslu Republik Indonesia"
_PREFIX = {"provinsi": "Bawaslu Provinsi", "kabupaten": "Bawaslu Kabupaten", "kota": "Bawaslu Kota"}
# Provinces by their Kemendagri code: Bali, Nusa Tenggara, Kalimantan Selatan/Timur/Utara
# and Sulawesi keep WITA (UTC+8); Maluku and Papua (8x, 9x) WIT (UTC+9); the rest WIB.
_WITA = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}

TimeZone = Literal["WIB", "WITA", "WIT"]
Scope = frozenset[str] | None  # region-code prefixes; None: everything


@dataclass(frozen=True)
class Office:
    id: str
    name: str
    level: str  # nasional | provinsi | kabupaten | kota
    region_code: str | None
    parent_id: str | None
    tz: TimeZone


def office_name(level: str, place: str) -> str | None:
    """ "Bawaslu Kota Jakarta Utara" for ("kota", "Jakarta Utara"); None below kabupaten/kota."""
    prefix = _PREFIX.get(level)
    return f"{prefix} {place}" if prefix else None


def time_zone(code: str | None) -> TimeZone:
    province = (code or "").split(".")[0]
    if province in _WITA:
        return "WITA"
    if province[:1] in ("8", "9"):
        return "WIT"
    return "WIB"


def build_offices(places: Iterable[tuple[str, str, str]]) -> list[Office]:
    """The national office, then one office per (code, name, level) province or
    kabupaten/kota; other levels (kecamatan: ad hoc Panwaslu) are skipped."""
    out = [Office(NATIONAL_ID, NATIONAL_NAME, "nasional", None, None, "WIB")]
    for code, place, level in sorted(places, key=lambda p: (p[0].count("."), p[0])):
        name = office_name(level, place)
        if name is None or code.count(".") > 1:
            continue
        parent = NATIONAL_ID if "." not in code else code.split(".")[0]
        out.append(Office(code, name, level, code, parent, time_zone(code)))
    return out


def sync_offices(store: Store, wanted: Sequence[Office]) -> bool:
    """Make the offices table equal `wanted`; True if it changed. A checksum in store_meta
    makes the usual case (nothing changed) one read."""
    digest = hashlib.sha256(
        json.dumps([asdict(o) for o in wanted], sort_keys=True).encode()
    ).hexdigest()
    with store.read() as conn:
        seen = conn.execute(select(store_meta.c.text).where(store_meta.c.key == "offices"))
        if seen.scalar() == digest:
            return False
    with store.write(lock="pantau.store.offices") as conn:
        have = {r.id for r in conn.execute(select(offices.c.id))}
        keep = {o.id for o in wanted}
        upsert = store.insert(offices)
        columns = [c.name for c in offices.c if c.name != "id"]
        upsert = upsert.on_conflict_do_update(
            index_elements=["id"], set_={c: upsert.excluded[c] for c in columns}
        )
        # Parents first (the order of build_offices), so the foreign key holds row by row.
        conn.execute(upsert, [asdict(o) for o in wanted])
        # Children first; an office someone is still bound to stays (and so do its parents).
        bound = select(users.c.id).where(users.c.office_id == offices.c.id)
        below = select(child.c.id).where(child.c.parent_id == offices.c.id)
        for office_id in sorted(have - keep, key=lambda i: -i.count(".")):
            conn.execute(
                delete(offices)
                .where(offices.c.id == office_id)
                .where(~exists(bound), ~exists(below))
            )
        meta = store.insert(store_meta).values(key="offices", value=len(wanted), text=digest)
        conn.execute(
            meta.on_conflict_do_update(
                index_elements=["key"], set_={"value": len(wanted), "text": digest}
            )
        )
    return True


def scope_of(user: User) -> Scope:
    """What `user` may see: None (everything: administrators, analysts, national staff) or
    the region-code prefixes of their office (staff see it and the offices beneath it)."""
    return scope_for(user.role, user.office_id)


def scope_for(role: str, office_id: str | None) -> Scope:
    """`scope_of` from a users row's role and office."""
    if role != "staff" or office_id == NATIONAL_ID:
        return None
    return frozenset({office_id}) if office_id else frozenset()


def ancestors(code: str | None) -> list[str]:
    """A region code and every code above it: "31.72.01" -> ["31", "31.72", "31.72.01"]."""
    if not code:
        return []
    parts = code.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts) + 1)]


def minimal(scope: frozenset[str]) -> list[str]:
    """The prefixes not already covered by another: {"31", "31.72", "51"} -> ["31", "51"].
    A region's ancestors then hold at most one of them, so joins count nothing twice."""
    return sorted(p for p in scope if not any(a in scope for a in ancestors(p)[:-1]))


def in_scope(code: str | None, scope: Scope) -> bool:
    """Whether a region code lies within scope ("31.72.01" lies within {"31"})."""
    if scope is None:
        return True
    return code is not None and any(code == p or code.startswith(p + ".") for p in scope)


class Offices:
    """The offices table, read once (a few hundred rows) and asked from memory."""

    def __init__(self, store: Store) -> None:
        with store.read() as conn:
            rows = conn.execute(select(offices)).mappings().all()
        self.by_id = {r["id"]: Office(**r) for r in rows}
        self.by_name = {o.name: o for o in self.by_id.values()}

    def get(self, office_id: str) -> Office | None:
        return self.by_id.get(office_id)

    def all(self) -> list[Office]:
        return sorted(self.by_id.values(), key=lambda o: (o.id != NATIONAL_ID, o.id))

    def beneath(self, office_id: str) -> list[Office]:
        """The office and every office below it."""
        root = self.by_id.get(office_id)
        if root is None:
            return []
        if root.id == NATIONAL_ID:
            return self.all()
        return [o for o in self.all() if in_scope(o.region_code, frozenset({root.id}))]

    def offices_in_scope(self, user: User) -> list[Office]:
        scope = scope_of(user)
        if scope is None:
            return self.all()
        return [o for o in self.all() if in_scope(o.region_code, scope)]


def scope_clause(alert_id: ColumnElement[str], scope: Scope) -> ColumnElement[bool]:
    """Whether the alert `alert_id` lies within scope, as SQL: an EXISTS on alert_region
    (every level of the alert's region has a row there, indexed by code)."""
    if scope is None:
        return true()
    if not scope:
        return false()
    r = alert_region.c
    return exists().where(r.alert_id == alert_id, r.code.in_(minimal(scope)))
