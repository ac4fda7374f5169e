"""Process body for the concurrency test (importable, so `spawn` can start it)."""

from __future__ import annotations

from typing import Any

from alerts.store import AlertStore
from store.db import open_store
from tests.store.alerting import drafts

CHANNELS = [(f"hook{c}", "none", 0.0) for c in range(4)]


def fingerprint(story: int, proc: int) -> str:
    """Story `story` as process `proc` sees it: a copy one bit away from the others."""
    base = (story * 0x9E3779B97F4A7C15) & 0xFFFF_FFFF_FFFF_FFFF
    return f"{base ^ (1 << proc):016x}"


def share_work(url: str, proc: int, stories: int, barrier: Any, out: Any) -> None:
    """Like one worker of a deployment: migrate the (maybe empty) schema on start, record
    this process's copy of every story, then send deliveries until none are due."""
    store = open_store(url)
    alerts = AlertStore(store)
    barrier.wait()
    new = []
    for k in range(stories):
        article = f"p{proc}-s{k}"
        make = drafts("asn", article, channels=CHANNELS)
        rec = alerts.record(
            article, fingerprint(k, proc), f"https://contoh.id/{article}", "x", make
        )
        new += [a.id for a in rec.new]
    barrier.wait()
    claimed: list[int] = []
    while due := alerts.claim_due(lease=600, limit=3):
        ids = [d.delivery.id for d in due]
        claimed += ids
        alerts.delivered(ids)
    out.put((proc, new, claimed))
    store.close()
