"""AlertStore and offices contract, run on SQLite and on the real PostgreSQL."""

from __future__ import annotations

import pytest

from alerts.rules import Rule
from alerts.store import AlertStore
from store.accounts import Accounts, User
from store.db import Store
from store.offices import Offices, build_offices, scope_of, sync_offices
from tests.store.alerting import drafts
from tests.store.fixtures import FAST, PLACES

NOW = 1_800_000_000.0


@pytest.fixture
def alerts(any_store: Store) -> AlertStore:
    return AlertStore(any_store)


def _record(store: AlertStore, rule: str, article: str, fp: str | None, **kw):
    return store.record(
        article, fp, f"https://contoh.id/{article}", "contoh", drafts(rule, article, **kw), now=NOW
    )


def test_one_alert_per_rule_and_story(alerts: AlertStore):
    first = _record(alerts, "asn", "a1", "ffff0000ffff0000")
    assert len(first.new) == 1
    copy = _record(alerts, "asn", "a2", "ffff0000ffff0001")  # 1 bit away: the same story
    assert copy.group == first.group and copy.new == [] and copy.copies == [first.new[0].id]
    again = _record(alerts, "asn", "a1", "ffff0000ffff0000")  # redelivery
    assert again.new == [] and again.owned == first.owned
    other = _record(alerts, "asn", "a3", "0000ffff0000ffff")
    assert len(other.new) == 1 and other.group != first.group
    assert len(_record(alerts, "amplop", "a1", "ffff0000ffff0000").new) == 1  # another rule
    assert alerts.counts() == {"alerts": 3, "copies": 1, "pending": 3, "delivered": 0, "dead": 0}
    item = alerts.get(first.new[0].id)
    assert item is not None and [c["article_id"] for c in item.copies] == ["a2"]
    assert item.offices == ["Bawaslu Kota Jakarta Utara", "Bawaslu Provinsi DKI Jakarta"]
    assert item.region == {"code": "31.72", "name": "Jakarta Utara", "level": "kota"}


def test_outbox_lease_retry_dead_letter_requeue(alerts: AlertStore):
    _record(alerts, "asn", "a1", None)
    due = alerts.claim_due(now=NOW, lease=60)
    assert [d.delivery.channel for d in due] == ["hook"]
    assert alerts.claim_due(now=NOW + 1) == []  # leased
    assert alerts.next_due() == NOW + 60
    alerts.failed([due[0].delivery.id], "HTTP 503", retry_at=NOW + 300)
    assert alerts.claim_due(now=NOW + 61) == []
    assert alerts.next_due() == NOW + 300
    [again] = alerts.claim_due(now=NOW + 301)
    alerts.failed([again.delivery.id], "HTTP 410", retry_at=None)
    [dead] = alerts.feed(status="dead")
    assert dead.deliveries[0].attempts == 2 and dead.deliveries[0].last_error == "HTTP 410"
    assert alerts.next_due() is None
    assert alerts.requeue(now=NOW + 400) == 1
    [last] = alerts.claim_due(now=NOW + 400)
    alerts.delivered([last.delivery.id], now=NOW + 401)
    assert alerts.counts()["delivered"] == 1 and alerts.claim_due(now=NOW + 10_000) == []


def test_digest_rows_are_claimed_together(alerts: AlertStore):
    for n in range(3):
        _record(alerts, "asn", f"d{n}", None, channels=[("mail", "daily", NOW)])
    _record(alerts, "asn", "s1", None)
    due = alerts.claim_due(now=NOW, limit=1)
    assert sorted(d.delivery.mode for d in due) == ["daily", "daily", "daily", "none"]


def test_rules_put_delete_and_version(alerts: AlertStore):
    assert alerts.rules_version() == 0 and alerts.stored_rules() == []
    alerts.put_rule(Rule(id="amplop", keywords="amplop"))
    alerts.put_rule(Rule(id="amplop", keywords="amplop OR uang"))
    assert [r.keywords for r in alerts.stored_rules()] == ["amplop OR uang"]
    assert alerts.rules_version() == 2
    assert alerts.delete_rule("amplop") and not alerts.delete_rule("amplop")
    assert alerts.stored_rules() == [] and alerts.rules_version() == 4


def _user(role: str, office: str | None = None) -> User:
    return User(id=1, username="u", role=role, office_id=office, disabled=False, created_at=NOW)  # type: ignore[arg-type]


def test_feed_is_scoped_by_office(alerts: AlertStore):
    _record(alerts, "asn", "utara", "ffff0000ffff0000", code="31.72")
    _record(alerts, "asn", "pusat", "0000ffff0000ffff", code="31.71")
    _record(alerts, "asn", "bali", "00ff00ff00ff00ff", code="51.71")
    _record(alerts, "asn", "nowhere", "ff00ff00ff00ff00", code=None)

    def seen(user: User) -> set[str]:
        return {i.alert.article_id for i in alerts.feed(scope=scope_of(user))}

    assert seen(_user("analyst")) == {"utara", "pusat", "bali", "nowhere"}
    assert seen(_user("staff", "RI")) == {"utara", "pusat", "bali", "nowhere"}
    assert seen(_user("staff", "31")) == {"utara", "pusat"}
    assert seen(_user("staff", "31.72")) == {"utara"}
    assert seen(_user("staff", "3")) == set()  # a prefix of digits is not an office
    assert alerts.counts(scope=frozenset({"31.72"}))["alerts"] == 1
    overlapping = frozenset({"31", "31.72"})  # nothing counted or listed twice
    assert alerts.counts(scope=overlapping)["alerts"] == 2
    assert alerts.counts(scope=overlapping)["pending"] == 2
    assert sorted(i.alert.article_id for i in alerts.feed(scope=overlapping)) == ["pusat", "utara"]
    bali = alerts.feed(scope=frozenset({"51"}))[0].alert.id
    assert alerts.get(bali, scope=frozenset({"31"})) is None
    assert alerts.get(bali, scope=None) is not None
    by_office = alerts.feed(office="Bawaslu Provinsi DKI Jakarta")
    assert {i.alert.article_id for i in by_office} == {"utara", "pusat"}


def test_offices_hierarchy_and_sync(any_store: Store):
    wanted = build_offices(PLACES)
    assert sync_offices(any_store, wanted) and not sync_offices(any_store, wanted)
    offices = Offices(any_store)
    jakut = offices.get("31.72")
    assert jakut is not None and jakut.name == "Bawaslu Kota Jakarta Utara"
    assert (jakut.parent_id, jakut.level, jakut.tz) == ("31", "kota", "WIB")
    assert offices.get("51").tz == "WITA" and offices.get("94").tz == "WIT"  # type: ignore[union-attr]
    assert offices.get("31.72.01") is None  # kecamatan: ad hoc Panwaslu, not an office
    assert [o.id for o in offices.offices_in_scope(_user("staff", "31"))] == [
        "31",
        "31.71",
        "31.72",
    ]
    assert len(offices.offices_in_scope(_user("admin"))) == len(wanted)
    Accounts(any_store, hasher=FAST).add_user("dewi", "kata-sandi-rahasia", "staff", "31.72")
    fewer = build_offices([p for p in PLACES if p[0] not in ("31.71", "31.72", "51.71")])
    assert sync_offices(any_store, fewer)
    after = Offices(any_store)
    assert after.get("31.71") is None and after.get("51.71") is None
    assert after.get("31.72") is not None  # someone is bound to it: it stays, with its parent
