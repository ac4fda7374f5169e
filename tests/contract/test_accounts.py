"""Accounts contract, run on SQLite and on the real PostgreSQL: the same answers from both."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from store.accounts import TOKEN_PREFIX, AccountError, Accounts, Locked, Policy
from store.tables import api_tokens, login_attempts, sessions, users
from store.tokens import digest
from tests.store.fixtures import Clock

PASSWORD = "kata-sandi-rahasia-1"


def test_add_and_authenticate(accounts: Accounts):
    made = accounts.add_user("Siti", PASSWORD, "analyst")
    assert made.username == "siti" and made.role == "analyst" and not made.disabled
    assert accounts.authenticate("siti", PASSWORD, ip="10.0.0.1") == made
    assert accounts.authenticate("SITI ", PASSWORD) == made  # names are case-insensitive
    assert accounts.authenticate("siti", PASSWORD + "x") is None
    assert accounts.authenticate("nobody", PASSWORD) is None


def test_password_is_stored_as_argon2id_never_in_clear(accounts: Accounts):
    accounts.add_user("budi", PASSWORD, "admin")
    with accounts.store.read() as conn:
        stored = conn.execute(select(users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


@pytest.mark.parametrize(
    ("username", "role", "office", "error"),
    [
        ("a", "admin", None, "username"),
        ("x y", "admin", None, "username"),
        ("dewi", "root", None, "role"),
        ("dewi", "staff", None, "need an office"),
        ("dewi", "analyst", "31", "staff only"),
        ("dewi", "staff", "99.99", "no office"),
    ],
)
def test_bad_accounts_are_refused(accounts: Accounts, username, role, office, error):
    with pytest.raises(AccountError, match=error):
        accounts.add_user(username, PASSWORD, role, office)
    assert accounts.list_users() == []


def test_duplicate_and_short_password_refused(accounts: Accounts):
    accounts.add_user("dewi", PASSWORD, "staff", "31.72")
    with pytest.raises(AccountError, match="already exists"):
        accounts.add_user("Dewi", PASSWORD, "analyst")
    with pytest.raises(AccountError, match="12 to 128"):
        accounts.add_user("eko", "pendek", "analyst")
    assert [u.username for u in accounts.list_users()] == ["dewi"]


def test_lockout_after_failures_then_it_ends(accounts: Accounts, clock: Clock):
    accounts.add_user("siti", PASSWORD, "analyst")
    for _ in range(accounts.policy.max_failures):
        assert accounts.authenticate("siti", "salah-salah-salah", ip="10.0.0.9") is None
        clock.now += 1
    with pytest.raises(Locked) as locked:
        accounts.authenticate("siti", PASSWORD, ip="10.0.0.9")  # even the right password
    assert locked.value.until == pytest.approx(clock.now - 1 + accounts.policy.lock_seconds)
    assert accounts.failures_from("10.0.0.9", since=0) == accounts.policy.max_failures + 1
    clock.now = locked.value.until + 1
    assert accounts.authenticate("siti", PASSWORD) is not None


def test_success_resets_the_failure_count(accounts: Accounts):
    accounts.add_user("siti", PASSWORD, "analyst")
    for _ in range(accounts.policy.max_failures - 1):
        accounts.authenticate("siti", "salah-salah-salah")
    assert accounts.authenticate("siti", PASSWORD) is not None
    assert accounts.authenticate("siti", "salah-salah-salah") is None
    assert accounts.locked_until("siti") is None


def test_reset_lifts_lockout_and_ends_sessions(accounts: Accounts):
    user = accounts.add_user("siti", PASSWORD, "analyst")
    token = accounts.create_session(user.id)
    for _ in range(accounts.policy.max_failures):
        accounts.authenticate("siti", "salah-salah-salah")
    assert accounts.locked_until("siti") is not None
    accounts.reset_password("siti", "kata-sandi-baru-22", actor="admin")
    assert accounts.locked_until("siti") is None
    assert accounts.session_user(token) is None
    assert accounts.authenticate("siti", PASSWORD) is None
    assert accounts.authenticate("siti", "kata-sandi-baru-22") == user


def test_disabled_user_cannot_sign_in_and_loses_sessions_and_tokens(accounts: Accounts):
    user = accounts.add_user("siti", PASSWORD, "analyst")
    session = accounts.create_session(user.id)
    token = accounts.create_api_token(user.id, "skrip")
    accounts.disable("siti", actor="admin")
    assert accounts.authenticate("siti", PASSWORD) is None
    assert accounts.session_user(session) is None
    assert accounts.token_user(token) is None
    accounts.enable("siti", actor="admin")
    assert accounts.token_user(token) == user


def test_sessions_expire_when_idle_or_old(accounts: Accounts, clock: Clock):
    user = accounts.add_user("siti", PASSWORD, "analyst")
    p = accounts.policy
    token = accounts.create_session(user.id, ip="10.0.0.1")
    clock.now += p.idle_seconds - 10
    assert accounts.session_user(token) == user  # use keeps it alive...
    clock.now += p.idle_seconds - 10
    assert accounts.session_user(token) == user
    clock.now += p.idle_seconds + 1
    assert accounts.session_user(token) is None  # ...idleness ends it
    old = accounts.create_session(user.id)
    for _ in range(int(p.session_seconds // (p.idle_seconds / 2)) + 1):
        clock.now += p.idle_seconds / 2
        accounts.session_user(old)
    assert accounts.session_user(old) is None  # the absolute lifetime ends it anyway
    assert accounts.session_user("not-a-token") is None


def test_end_session_and_only_hashes_stored(accounts: Accounts):
    user = accounts.add_user("siti", PASSWORD, "analyst")
    token = accounts.create_session(user.id)
    with accounts.store.read() as conn:
        stored = conn.execute(select(sessions.c.token_hash)).scalar_one()
    assert token not in stored and len(stored) == 64
    accounts.end_session(token)
    assert accounts.session_user(token) is None


def test_api_tokens(accounts: Accounts):
    user = accounts.add_user("mesin", PASSWORD, "analyst")
    token = accounts.create_api_token(user.id, "ekspor harian", actor="admin")
    assert token.startswith(TOKEN_PREFIX)
    assert accounts.token_user(token) == user
    assert accounts.token_user(token + "x") is None
    with pytest.raises(AccountError, match="already has"):
        accounts.create_api_token(user.id, "ekspor harian")
    with accounts.store.read() as conn:
        assert conn.execute(select(api_tokens.c.token_hash)).scalar_one() != token
    listed = accounts.list_api_tokens(user.id)
    assert [t.name for t in listed] == ["ekspor harian"] and listed[0].last_used_at
    assert accounts.revoke_api_token(user.id, "ekspor harian", actor="admin")
    assert accounts.token_user(token) is None
    assert not accounts.revoke_api_token(user.id, "ekspor harian")


def test_audit_log_records_sign_ins_and_changes(accounts: Accounts):
    user = accounts.add_user("siti", PASSWORD, "analyst", actor="cli")
    accounts.authenticate("siti", PASSWORD, ip="10.0.0.1")
    accounts.authenticate("siti", "salah-salah-salah", ip="10.0.0.2")
    accounts.create_api_token(user.id, "t", actor="siti")
    accounts.disable("siti", actor="admin")
    accounts.audit("admin", "rule.put", "netralitas_asn", {"enabled": False}, ip="10.0.0.3")
    log = accounts.audit_log()
    assert [e.action for e in log] == [
        "rule.put",
        "user.disable",
        "token.add",
        "login.failed",
        "login",
        "user.add",
    ]
    assert log[0].detail == {"enabled": False} and log[0].ip == "10.0.0.3"
    assert log[3].ip == "10.0.0.2" and log[5].actor == "cli"
    assert [e.action for e in accounts.audit_log(actor="admin")] == ["rule.put", "user.disable"]


def test_rehash_on_sign_in_when_parameters_grow(accounts: Accounts, clock: Clock):
    accounts.add_user("siti", PASSWORD, "analyst")
    from argon2 import PasswordHasher

    stronger = Accounts(
        accounts.store,
        Policy(),
        hasher=PasswordHasher(time_cost=2, memory_cost=8 * 1024, parallelism=1),
        clock=clock,
    )
    assert stronger.authenticate("siti", PASSWORD) is not None
    with accounts.store.read() as conn:
        assert "t=2" in conn.execute(select(users.c.password_hash)).scalar_one()


def test_ended_sessions_and_old_attempts_are_pruned(accounts: Accounts, clock: Clock):
    user = accounts.add_user("siti", PASSWORD, "analyst")
    accounts.authenticate("siti", "salah-salah-salah")
    accounts.create_session(user.id)  # never shown again
    clock.now += accounts.policy.session_seconds + 1
    accounts.authenticate("siti", PASSWORD)
    live = accounts.create_session(user.id)
    with accounts.store.read() as conn:
        assert conn.execute(select(sessions.c.token_hash)).scalars().all() == [digest(live)]
        outcomes = conn.execute(select(login_attempts.c.outcome)).scalars().all()
    assert outcomes == ["ok"]
