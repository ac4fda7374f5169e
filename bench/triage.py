"""Triage round trips at 10k alerts, SQLite vs PostgreSQL: the store call and PATCH over HTTP.

Fills a fresh store with `--alerts` alerts (bench.store's bulk fill), then times on each
engine: `get` of one alert (the baseline, same run), a triage change (read the version,
update under it, append history, read the alert back), `GET` and `PATCH
/api/alerts/{id}` through the alerts router (FastAPI TestClient, no network; the PATCH
answers with the whole case), and the feed page's reads with triage filters.

    .venv/bin/python -m bench.triage --alerts 10000 \
        --postgres postgresql://pantau@127.0.0.1:55432/pantau    # `pantau services up`
"""

from __future__ import annotations

import argparse
import itertools
import json
import tempfile
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from alerts.api import router
from alerts.feed import FeedFilter
from alerts.rules import RuleSet
from alerts.store import AlertStore
from alerts.triage import State, TriageChange
from bench.store import PASSWORD, PLACES, fill, postgres_schema, timed
from store.accounts import Accounts
from store.db import Store, open_store
from store.offices import build_offices, sync_offices
from store.tables import alert

STATES: itertools.cycle[State] = itertools.cycle(
    ["ditinjau", "bukan_pelanggaran", "duplikat", "baru"]
)


def measure(store: Store, n: int, runs: int) -> dict[str, Any]:
    sync_offices(store, build_offices(PLACES))
    fill(store, n)
    Accounts(store).add_user("analis", PASSWORD, "analyst")
    alerts = AlertStore(store)
    with store.read() as conn:
        ids = list(conn.execute(select(alert.c.id).limit(runs * 4)).scalars())
    which = itertools.cycle(ids)

    def triage() -> None:
        aid = next(which)
        item = alerts.get(aid)
        assert item is not None
        change = TriageChange(version=item.triage.version, state=next(STATES), note="bench")
        alerts.triage(aid, change, "analis")

    def triage_case() -> None:  # what PATCH does in the store, without HTTP
        aid = next(which)
        item = alerts.get(aid)
        assert item is not None
        change = TriageChange(version=item.triage.version, state=next(STATES), assignee="analis")
        alerts.triage_case(aid, change, "analis")

    app = FastAPI()
    app.include_router(router(alerts, RuleSet()))
    client = TestClient(app)

    versions: dict[str, int] = {}

    def read() -> None:
        aid = next(which)
        versions[aid] = client.get(f"/api/alerts/{aid}").json()["triage"]["version"]

    def patch() -> None:  # the version as read before (a user reads, then acts)
        aid = next(which)
        if aid not in versions:
            read_one = client.get(f"/api/alerts/{aid}").json()
            versions[aid] = read_one["triage"]["version"]
        body = {"version": versions[aid], "state": next(STATES), "assignee": "analis"}
        answer = client.patch(f"/api/alerts/{aid}", json=body)
        assert answer.status_code == 200, answer.text
        versions[aid] = answer.json()["triage"]["version"]

    mine = FeedFilter(state="ditinjau", office="bawaslu kota jakarta utara")
    return {
        "get (baseline)": timed(lambda: alerts.get(next(which)), runs),
        "triage (store)": timed(triage, runs),
        "get + triage_case (store)": timed(triage_case, runs),
        "GET /api/alerts/{id}": timed(read, runs),
        "PATCH /api/alerts/{id}": timed(patch, runs),
        "feed filtered": timed(lambda: alerts.feed(limit=50, where=mine), runs),
        "counts per state": timed(lambda: alerts.state_counts(mine), runs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--alerts", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=200)
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
