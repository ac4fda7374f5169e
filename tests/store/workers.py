"""Process bodies for the concurrency tests (importable, so `spawn` can start them)."""

from __future__ import annotations

from typing import Any

from alerts.store import AlertStore
from store.db import open_store
from tests.store.alerting import drafts


def fingerprint(story: int, proc: int) -> str:
    """Story `story` as process `proc` sees it: a copy one bit away from the others."""
    base = (story * 0x9E3779B97F4A7C15) & 0xFFFF_FFFF_FFFF_FFFF
    return f"{base ^ (1 << proc):016x}"


def record_copies(url: str, proc: int, stories: int, barrier: Any, out: Any) -> None:
    """Migrate (the schema may be empty), then record this process's copy of each story."""
    store = open_store(url)
    alerts = AlertStore(store)
    barrier.wait()
    new = []
    for k in range(stories):
        article = f"p{proc}-s{k}"
        rec = alerts.record(
            article,
            fingerprint(k, proc),
            f"https://contoh.id/{article}",
            "contoh",
            drafts("asn", article),
        )
        new += [a.id for a in rec.new]
    out.put((proc, new))
    store.close()


def claim_all(url: str, proc: int, barrier: Any, out: Any) -> None:
    """Claim due deliveries a few at a time until none are left; report what was claimed."""
    store = open_store(url, migrate=False)
    alerts = AlertStore(store)
    barrier.wait()
    claimed: list[int] = []
    while due := alerts.claim_due(lease=600, limit=3):
        ids = [d.delivery.id for d in due]
        claimed += ids
        alerts.delivered(ids)
    out.put((proc, claimed))
    store.close()
