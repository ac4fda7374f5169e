"""Several processes on one PostgreSQL: nothing lost, nothing doubled (real processes)."""

from __future__ import annotations

import multiprocessing
from collections import Counter
from typing import Any

import pytest
from sqlalchemy import func, select

from alerts.store import AlertStore
from store.db import open_store
from store.tables import alert, alert_copy, delivery, story
from tests.store.alerting import drafts
from tests.store.workers import claim_all, record_copies

pytestmark = pytest.mark.postgres
PROCESSES = 4


def _run(target: Any, args: list[tuple[Any, ...]]) -> dict[int, list[Any]]:
    ctx = multiprocessing.get_context("spawn")
    barrier, out = ctx.Barrier(len(args)), ctx.Queue()
    procs = [ctx.Process(target=target, args=(*a, barrier, out)) for a in args]
    for p in procs:
        p.start()
    results = dict(out.get(timeout=120) for _ in procs)
    for p in procs:
        p.join(30)
        assert p.exitcode == 0
    return results


def test_copies_recorded_at_once_by_several_processes_make_one_alert_each(pg_store_url: str):
    stories = 12
    # The schema is empty: the processes also race to migrate it.
    results = _run(record_copies, [(pg_store_url, p, stories) for p in range(PROCESSES)])
    new = [a for ids in results.values() for a in ids]
    assert len(new) == len(set(new)) == stories  # one alert per story, whoever came first
    store = open_store(pg_store_url)
    with store.read() as conn:
        assert conn.execute(select(func.count()).select_from(alert)).scalar() == stories
        copies = conn.execute(select(func.count()).select_from(alert_copy)).scalar()
        assert copies == stories * (PROCESSES - 1)
        groups = conn.execute(select(func.count(story.c.grp.distinct()))).scalar()
        assert groups == stories
    store.close()


def test_outbox_claims_are_never_doubled(pg_store_url: str):
    store = open_store(pg_store_url)
    alerts = AlertStore(store)
    channels = [(f"hook{c}", "none", 0.0) for c in range(5)]
    for k in range(12):
        article = f"a{k}"
        alerts.record(
            article,
            None,
            f"https://contoh.id/{article}",
            "contoh",
            drafts("asn", article, channels=channels),
        )
    with store.read() as conn:
        every = set(conn.execute(select(delivery.c.id)).scalars())
    assert len(every) == 60
    results = _run(claim_all, [(pg_store_url, p) for p in range(PROCESSES)])
    claimed = Counter(i for ids in results.values() for i in ids)
    assert set(claimed) == every  # nothing lost
    assert max(claimed.values()) == 1  # nothing sent twice
    assert sum(1 for ids in results.values() if ids) > 1  # the work was really shared
    assert alerts.counts()["delivered"] == 60
    store.close()
