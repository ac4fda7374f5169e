"""Operational store: per-request auth lookups and the scoped alert feed, SQLite vs PostgreSQL.

Fills a fresh store with `--alerts` alerts spread over 532 regions (bulk insert),
then times, on each engine: `session_user` and `token_user` (what every web/API request
pays), `feed(limit=50)` and `counts()` for an analyst (unscoped: the baseline, same
run) and for staff of one kota and of one province (scoped in SQL), `record` of new
alerts one transaction each, and `authenticate` (Argon2id at its real cost, on purpose).

    .venv/bin/python -m bench.store --alerts 20000 \
        --postgres postgresql://pantau@127.0.0.1:55432/pantau    # `pantau services up`
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from alerts.store import AlertStore
from store.accounts import Accounts
from store.db import Store, normalize_url, open_store
from store.offices import ancestors, build_offices, sync_offices
from store.tables import alert, alert_office, alert_region, delivery
from tests.store.alerting import drafts

# Alerts spread like the country: 38 provinces x 14 kabupaten/kota codes (532 regions), so
# one kota's staff see about 1/532 of the alerts and a province's about 1/38.
CODES = [f"{p}.{k}" for k in range(1, 15) for p in range(11, 49)]
KOTA, PROVINSI = frozenset({"31.7"}), frozenset({"31"})
PASSWORD = "kata-sandi-rahasia"
PLACES = [("31", "DKI Jakarta", "provinsi"), ("31.71", "Jakarta Pusat", "kota"),
          ("31.72", "Jakarta Utara", "kota"), ("51", "Bali", "provinsi"),
          ("51.71", "Denpasar", "kota")]  # fmt: skip


def fill(store: Store, n: int) -> None:
    """n alerts, one delivery each, spread over CODES; bulk inserts of the rows `record`
    would write."""
    rows, offices, levels, sends = [], [], [], []
    for i in range(n):
        code = CODES[i % len(CODES)]
        [draft] = drafts("asn", f"b{i}")(f"g{i}")  # its region_code below is what scope reads
        a = draft.alert
        rows.append({"id": a.id, "rule_id": a.rule_id, "grp": a.group, "article_id": a.article_id,
                     "created_at": 1.7e9 + i, "rule_name": draft.rule_name,
                     "offices": draft.offices, "region": draft.region, "region_code": code,
                     "event": a.model_dump_json()})  # fmt: skip
        offices += [{"alert_id": a.id, "office": o} for o in draft.offices]
        levels += [{"alert_id": a.id, "code": c} for c in ancestors(code)]
        sends.append({"alert_id": a.id, "channel": "hook", "mode": "none",
                      "status": "delivered", "next_at": 0.0})  # fmt: skip
    with store.write() as conn:
        batches = (
            (alert, rows),
            (alert_office, offices),
            (alert_region, levels),
            (delivery, sends),
        )
        for table, batch in batches:
            for start in range(0, len(batch), 5000):
                conn.execute(table.insert(), batch[start : start + 5000])
    with store.write() as conn:  # planner statistics, as autovacuum / a long-lived file has
        conn.execute(text("ANALYZE"))


def timed(fn: Callable[[], Any], runs: int) -> dict[str, float]:
    fn()  # warm: connection pool, statement caches
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    samples.sort()
    return {"p50_ms": round(statistics.median(samples), 3),
            "p95_ms": round(samples[int(0.95 * (len(samples) - 1))], 3)}  # fmt: skip


def measure(store: Store, n: int, runs: int) -> dict[str, Any]:
    sync_offices(store, build_offices(PLACES))
    fill(store, n)
    accounts = Accounts(store)
    user = accounts.add_user("analis", PASSWORD, "analyst")
    session = accounts.create_session(user.id)
    token = accounts.create_api_token(user.id, "bench")
    alerts = AlertStore(store)
    out: dict[str, Any] = {
        "session_user": timed(lambda: accounts.session_user(session), runs),
        "token_user": timed(lambda: accounts.token_user(token), runs),
        "feed_all (baseline)": timed(lambda: alerts.feed(limit=50), runs),
        "feed_scoped_kota": timed(lambda: alerts.feed(limit=50, scope=KOTA), runs),
        "feed_scoped_provinsi": timed(lambda: alerts.feed(limit=50, scope=PROVINSI), runs),
        "counts_all (baseline)": timed(alerts.counts, runs),
        "counts_scoped_kota": timed(lambda: alerts.counts(scope=KOTA), runs),
        "counts_scoped_provinsi": timed(lambda: alerts.counts(scope=PROVINSI), runs),
        "authenticate_argon2id": timed(lambda: accounts.authenticate("analis", PASSWORD), 5),
    }  # fmt: skip
    count = [0]

    def record() -> None:
        count[0] += 1
        k = f"r{count[0]}"
        alerts.record(k, None, f"https://contoh.id/{k}", "contoh", drafts("asn", k))

    out["record"] = timed(record, runs)
    return out


def postgres_schema(url: str) -> tuple[str, Callable[[], None]]:
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(normalize_url(url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    return f"{normalize_url(url)}?options=-csearch_path%3D{schema}", drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--alerts", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--postgres", help="A PostgreSQL URL (a schema is made and dropped).")
    parser.add_argument("--json", type=Path, help="Also write the numbers to this file.")
    args = parser.parse_args()
    result: dict[str, Any] = {"alerts": args.alerts}
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{tmp}/store.sqlite3")
        result["sqlite"] = measure(store, args.alerts, args.runs)
        store.close()
    if args.postgres:
        url, drop = postgres_schema(args.postgres)
        store = open_store(url)
        try:
            result["postgresql"] = measure(store, args.alerts, args.runs)
        finally:
            store.close()
            drop()
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
