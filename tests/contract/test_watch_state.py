"""The watch state (registry, leases, seen URLs, health) on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading

from crawlers.watch.ledger import CLAIM_TTL, DAY
from crawlers.watch.registry import Source
from crawlers.watch.state import WatchState
from store.db import Store

NOW = 1_800_000_000.0


def _sources(n: int) -> list[Source]:
    return [
        Source(name=f"s{i}", feeds=[f"https://h{i}.example/rss", f"https://h{i}.example/x"])
        for i in range(n)
    ]


def test_registry_round_trip_and_operator_disable(any_store: Store) -> None:
    state = WatchState(any_store)
    state.sync(_sources(2), now=NOW)
    assert state.set_enabled("s1", False)
    state.sync(_sources(2), now=NOW + 1)  # a re-read of the file keeps the disable
    regs = {r.source.name: r for r in state.registered()}
    assert (regs["s0"].enabled, regs["s1"].enabled) == (True, False)
    added = Source(name="lokal", feeds=["https://lokal.example/feed"], region="34.04")
    state.add(added, now=NOW)
    found = state.get("lokal")
    assert found is not None and found.origin == "cli" and found.source.region == "34.04"
    state.sync(_sources(1), now=NOW + 2)  # s1 left the file; the operator's source stays
    assert [r.source.name for r in state.registered()] == ["lokal", "s0"]
    assert sorted(f.url for f in state.feeds()) == [
        "https://h0.example/rss", "https://h0.example/x", "https://lokal.example/feed",
    ]  # fmt: skip


def test_a_host_is_leased_to_one_owner_until_the_lease_ends(any_store: Store) -> None:
    state = WatchState(any_store)
    state.sync(_sources(3), now=NOW)
    first = state.claim_hosts("a", now=NOW, lease=60, limit=2)
    assert len(first) == 2
    rest = state.claim_hosts("b", now=NOW + 1, lease=60, limit=5)
    assert len(rest) == 1 and rest[0] not in first
    assert state.claim_hosts("b", now=NOW + 2, lease=60, limit=5) == []
    assert sorted(state.claim_hosts("b", now=NOW + 62, lease=60, limit=5)) == sorted(
        [*first, *rest]
    )  # every lease expired: all free again


def test_parallel_claims_never_share_a_host(any_store: Store) -> None:
    state = WatchState(any_store)
    state.sync(_sources(30), now=NOW)
    got: dict[str, list[str]] = {"a": [], "b": [], "c": []}

    def claim(owner: str) -> None:
        mine = WatchState(any_store)
        while found := mine.claim_hosts(owner, now=NOW, lease=600, limit=2):
            got[owner].extend(found)

    threads = [threading.Thread(target=claim, args=(o,)) for o in got]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = [h for hosts in got.values() for h in hosts]
    assert len(every) == 30 == len(set(every))


def test_an_article_is_claimed_once_and_a_stale_claim_is_taken_over(any_store: Store) -> None:
    state = WatchState(any_store)
    state.sync(_sources(1), now=NOW)
    url = "https://h0.example/berita/1"
    assert state.claim_article(url, "s0", NOW)
    assert not state.claim_article(url, "s0", NOW + 1)
    assert state.unseen([url, "https://h0.example/berita/2"]) == ["https://h0.example/berita/2"]
    assert state.claim_article(url, "s0", NOW + CLAIM_TTL + 1)  # its claimer died
    state.settle(url, "article", NOW + CLAIM_TTL + 2)
    assert not state.claim_article(url, "s0", NOW + 10 * CLAIM_TTL)  # handled for good
    state.settle(url, None, NOW)  # forgotten: fetched again at the next poll
    assert state.unseen([url]) == [url]


def test_health_failing_and_one_alert_per_episode(any_store: Store) -> None:
    state = WatchState(any_store)
    state.sync(_sources(2), now=NOW)
    state.record("s0", "poll", "ok", True, NOW)
    state.record("s0", "article", "ok", True, NOW)
    state.record("s0", "generic", "ok", True, NOW)
    state.record("s0", "article_error", "no_body", False, NOW)
    for i in range(3):
        state.record("s1", "poll", "timeout", False, NOW + i)
    health = {h.name: h for h in state.health(NOW + 10)}
    assert (health["s0"].articles, health["s0"].generic_rate, health["s0"].page_errors) == (
        2, 0.5, 1,
    )  # fmt: skip
    s1 = health["s1"]
    assert (s1.state, s1.consecutive_failures, s1.failing_since, s1.error_rate) == (
        "failing", 3, NOW, 1.0,
    )  # fmt: skip
    assert [h.name for h in state.failing(NOW + 5)] == ["s1"]
    assert state.mark_alerted("s1", NOW + 5)
    assert not state.mark_alerted("s1", NOW + 6)  # another process already raised it
    assert state.failing(NOW + 7) == []
    state.record("s1", "poll", "ok", True, NOW + 8)  # recovered: a later failure alerts again
    assert state.health(NOW + 9)[1].state == "ok"
    state.record("s1", "poll", "http_500", False, NOW + 20)
    assert [h.name for h in state.failing(NOW + 30)] == ["s1"]
    state.prune(NOW + 8 * DAY)
    assert state.health(NOW + 8 * DAY)[0].polls == 0
