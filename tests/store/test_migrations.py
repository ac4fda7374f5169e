"""Migrations: from empty to head on both engines, idempotent, equal to store/tables.py."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select

from store import migrate
from store.db import open_store
from store.tables import alert, alert_region, metadata, saved_searches, users


def test_from_empty_to_head_then_nothing_to_do(any_store_url: str):
    store = open_store(any_store_url, migrate=False)
    assert migrate.current(store) is None
    assert migrate.upgrade(store) is True
    assert migrate.current(store) == migrate.head()
    assert migrate.upgrade(store) is False  # idempotent
    with store.read() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
        tables = set(inspect(conn).get_table_names())
    assert set(metadata.tables) <= tables
    store.close()


def test_open_store_migrates_by_default(any_store_url: str):
    first = open_store(any_store_url)
    second = open_store(any_store_url)  # a second process starting later: nothing to do
    assert migrate.current(second) == migrate.head()
    first.close()
    second.close()


def test_0002_files_alerts_stored_before_it_under_every_region_level(any_store_url: str):
    store = open_store(any_store_url, migrate=False)
    migrate.upgrade(store, "0001")
    row = {"rule_id": "asn", "article_id": "x", "created_at": 1.0, "rule_name": "ASN",
           "offices": [], "event": "{}"}  # fmt: skip
    with store.write() as conn:
        conn.execute(alert.insert(), [
            {**row, "id": "a1", "grp": "g1", "region_code": "31.72.01"},
            {**row, "id": "a2", "grp": "g2", "region_code": None},
        ])  # fmt: skip
    migrate.upgrade(store)
    with store.read() as conn:
        found = conn.execute(select(alert_region.c.alert_id, alert_region.c.code)).all()
    assert sorted(found) == [("a1", "31"), ("a1", "31.72"), ("a1", "31.72.01")]
    store.close()


def test_0007_renames_names_that_differ_only_in_case_and_drops_none(any_store_url: str):
    store = open_store(any_store_url, migrate=False)
    migrate.upgrade(store, "0006")
    user = {"role": "analyst", "password_hash": "x", "created_at": 1.0, "password_changed_at": 1.0}
    names = ["Netralitas", "netralitas", "NETRALITAS", "netralitas (2)", "APK", "Lain"]
    with store.write() as conn:
        conn.execute(users.insert(), [{**user, "id": 1, "username": "ani"},
                                      {**user, "id": 2, "username": "budi"}])  # fmt: skip
        conn.execute(saved_searches.insert(), [
            {"id": n, "user_id": 1, "name": name, "query": {"params": []},
             "created_at": 1.0, "updated_at": 1.0}
            for n, name in enumerate(names, 1)
        ] + [{"id": 9, "user_id": 2, "name": "apk", "query": {"params": []},
              "created_at": 1.0, "updated_at": 1.0}])  # fmt: skip
    migrate.upgrade(store)
    with store.read() as conn:
        rows = conn.execute(
            select(saved_searches.c.id, saved_searches.c.name).order_by(saved_searches.c.id)
        ).all()
    assert [name for _, name in rows] == [
        "Netralitas",  # the oldest keeps its name
        "netralitas (3)",  # "(2)" is another row's name already
        "NETRALITAS (4)",
        "netralitas (2)",
        "APK",
        "Lain",
        "apk",  # another owner's
    ]
    store.close()


def test_0008_moves_wib_end_of_day_due_dates_to_the_office_zone(any_store_url: str):
    from datetime import UTC, datetime, timedelta, timezone

    store = open_store(any_store_url, migrate=False)
    migrate.upgrade(store, "0007")
    wib = timezone(timedelta(hours=7))
    end_wib = datetime(2024, 11, 30, 23, 59, 59, tzinfo=wib).timestamp()
    noon = datetime(2024, 11, 30, 5, tzinfo=UTC).timestamp()
    row = {"rule_id": "asn", "article_id": "x", "created_at": 1.0, "rule_name": "ASN",
           "offices": [], "event": "{}"}  # fmt: skip
    cases = {  # id: (region, due_at stored by the old form or someone else)
        "makassar": ("73.71", end_wib),  # WITA
        "jayapura": ("91.71", end_wib),  # WIT
        "jakarta": ("31.72", end_wib),  # WIB: already right
        "noon": ("73.71", noon),  # not an end of day: set otherwise, kept
        "none": ("73.71", None),
    }
    with store.write() as conn:
        conn.execute(alert.insert(), [
            {**row, "id": k, "grp": k, "region_code": code, "due_at": due}
            for k, (code, due) in cases.items()
        ])  # fmt: skip
    migrate.upgrade(store)
    with store.read() as conn:
        found = dict(conn.execute(select(alert.c.id, alert.c.due_at)).all())  # type: ignore[arg-type]
    day = "2024-11-30T23:59:59"
    assert (
        datetime.fromtimestamp(found["makassar"], timezone(timedelta(hours=8))).isoformat()[:19]
        == day
    )
    assert (
        datetime.fromtimestamp(found["jayapura"], timezone(timedelta(hours=9))).isoformat()[:19]
        == day
    )
    assert found["jakarta"] == end_wib and found["noon"] == noon and found["none"] is None
    store.close()
