"""Several processes on one store (PostgreSQL; SQLite too): nothing lost, nothing doubled."""

from __future__ import annotations

import multiprocessing
from collections import Counter

from sqlalchemy import func, select

from alerts.store import AlertStore
from store.db import open_store
from store.tables import alert, alert_copy, delivery, story
from tests.store.workers import CHANNELS, share_work

PROCESSES = 4
STORIES = 12


def test_processes_sharing_a_store_alert_once_per_story_and_never_send_twice(
    any_store_url: str,
):
    ctx = multiprocessing.get_context("spawn")
    barrier, out = ctx.Barrier(PROCESSES), ctx.Queue()
    args = [(any_store_url, p, STORIES, barrier, out) for p in range(PROCESSES)]
    procs = [ctx.Process(target=share_work, args=a) for a in args]
    for p in procs:
        p.start()
    results = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(30)
        assert p.exitcode == 0

    # Each story was recorded by every process at once (a copy each): one alert per story.
    new = [a for _, ids, _ in results for a in ids]
    assert len(new) == len(set(new)) == STORIES
    store = open_store(any_store_url)
    with store.read() as conn:
        assert conn.execute(select(func.count()).select_from(alert)).scalar() == STORIES
        copies = conn.execute(select(func.count()).select_from(alert_copy)).scalar()
        assert copies == STORIES * (PROCESSES - 1)
        assert conn.execute(select(func.count(story.c.grp.distinct()))).scalar() == STORIES
        every = set(conn.execute(select(delivery.c.id)).scalars())
    # Then all of them claimed the outbox at once: every delivery sent, none twice.
    assert len(every) == STORIES * len(CHANNELS)
    claimed = Counter(i for _, _, ids in results for i in ids)
    assert set(claimed) == every
    assert max(claimed.values()) == 1
    assert sum(1 for _, _, ids in results if ids) > 1  # the work was really shared
    assert AlertStore(store).counts()["delivered"] == len(every)
    store.close()
