"""Saved searches in the store, on SQLite and PostgreSQL: per owner, unique names, marks."""

from __future__ import annotations

import pytest

from store.accounts import Accounts
from store.db import Store
from store.saved import MAX_PARAMS, MAX_SAVED, SavedError, SavedSearches
from tests.store.fixtures import FAST, Clock


@pytest.fixture
def two(any_store: Store) -> tuple[SavedSearches, int, int]:
    accounts = Accounts(any_store, hasher=FAST)
    a = accounts.add_user("ani", "kata-sandi-uji-coba", "analyst", None, actor="test")
    b = accounts.add_user("budi", "kata-sandi-uji-coba", "admin", None, actor="test")
    return SavedSearches(any_store, Clock(1000.0)), a.id, b.id


def test_create_read_only_by_the_owner(two: tuple[SavedSearches, int, int]):
    saved, ani, budi = two
    params = [("q", "netralitas"), ("topic", "netralitas_asn"), ("cursor", "x"), ("region", " ")]
    made = saved.create(ani, "  Netralitas   ASN ", params, seen_count=4)
    assert made.name == "Netralitas ASN"
    assert made.params == [("q", "netralitas"), ("topic", "netralitas_asn")]  # no paging
    assert made.last_seen_at == 1000.0 and made.seen_count == 4
    assert saved.get(ani, made.id) == made
    assert saved.get(budi, made.id) is None
    assert saved.mine(budi) == [] and saved.mine(ani) == [made]


def test_names_unique_per_owner(two: tuple[SavedSearches, int, int]):
    saved, ani, budi = two
    first = saved.create(ani, "APK", [("q", "baliho")])
    with pytest.raises(SavedError, match="sudah Anda pakai"):
        saved.create(ani, "APK", [("q", "spanduk")])
    saved.create(budi, "APK", [("q", "spanduk")])  # another owner's name is free
    other = saved.create(ani, "Lain", [("q", "spanduk")])
    with pytest.raises(SavedError, match="sudah Anda pakai"):
        saved.rename(ani, other.id, "APK")
    assert saved.get(ani, first.id) is not None and len(saved.mine(ani)) == 2


def test_names_differing_only_in_case_are_one_name(two: tuple[SavedSearches, int, int]):
    saved, ani, budi = two
    saved.create(ani, "Netralitas ASN", [("q", "asn")])
    with pytest.raises(SavedError, match="huruf besar dan kecil tidak dibedakan"):
        saved.create(ani, "netralitas  asn", [("q", "pns")])
    other = saved.create(ani, "Lain", [("q", "pns")])
    with pytest.raises(SavedError, match="sudah Anda pakai"):
        saved.rename(ani, other.id, "NETRALITAS ASN")
    recased = saved.rename(ani, other.id, "lain")  # its own name, recased
    assert recased is not None and recased.name == "lain"
    saved.create(budi, "netralitas asn", [("q", "asn")])  # another owner's
    assert sorted(s.name for s in saved.mine(ani)) == ["Netralitas ASN", "lain"]


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("", [("q", "x")], "tidak boleh kosong"),
        ("x" * 101, [("q", "x")], "paling panjang"),
        ("ok", [("q", "x" * 2001)], "paling panjang"),
        ("ok", [("source", "x")] * (MAX_PARAMS + 1), "lebih dari"),
    ],
)
def test_bad_input_is_refused_in_indonesian(
    two: tuple[SavedSearches, int, int], name: str, params: list[tuple[str, str]], message: str
):
    saved, ani, _ = two
    with pytest.raises(SavedError, match=message):
        saved.create(ani, name, params)
    assert saved.mine(ani) == []


def test_changes_only_by_the_owner(two: tuple[SavedSearches, int, int]):
    saved, ani, budi = two
    made = saved.create(ani, "APK", [("q", "baliho")])
    assert saved.rename(budi, made.id, "Curian") is None
    assert saved.seen(budi, made.id, 9) is None
    assert saved.set_email(budi, made.id, "b@x.example") is None
    assert not saved.delete(budi, made.id)
    assert saved.get(ani, made.id) == made
    saved.clock = Clock(2000.0)
    seen = saved.seen(ani, made.id, 2)
    assert seen is not None and seen.last_seen_at == 2000.0 and seen.seen_count == 2
    mailed = saved.set_email(ani, made.id, "a@x.example")
    assert mailed is not None and saved.subscribed() == [mailed]
    assert saved.set_rule(ani, made.id, "pantauan-1") is not None
    assert saved.by_id(made.id) is not None and saved.by_id(made.id).rule_id == "pantauan-1"  # type: ignore[union-attr]
    saved.set_email(ani, made.id, None)
    assert saved.subscribed() == []
    assert saved.delete(ani, made.id) and saved.get(ani, made.id) is None


def test_a_user_has_at_most_max_saved(two: tuple[SavedSearches, int, int]):
    saved, ani, budi = two
    for n in range(MAX_SAVED):
        saved.create(ani, f"P{n}", [("q", "x")])
    with pytest.raises(SavedError, match="Paling banyak"):
        saved.create(ani, "Satu lagi", [("q", "x")])
    saved.create(budi, "Satu lagi", [("q", "x")])
