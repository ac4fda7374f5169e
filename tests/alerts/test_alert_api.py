"""/api/alerts: the feed as JSON, and rules added or removed at run time."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from alerts.api import router
from alerts.rules import rules_from_data
from alerts.stage import AlertStage
from alerts.store import AlertStore
from tests.alerts.conftest import ASN_BODY, ASN_TITLE, story
from tests.conftest import enriched


def test_feed_and_rules_over_http(tmp_path: Path) -> None:
    rules = rules_from_data({"channels": {"hook": {"type": "webhook", "url": "http://x/"}}})
    store = AlertStore(tmp_path / "alerts.sqlite3")
    stage = AlertStage(rules, store)
    doc = enriched(story(1, ASN_TITLE, ASN_BODY), topics={"netralitas_asn": 0.9})
    stage.process([doc])
    app = FastAPI()
    app.include_router(router(store, rules))
    client = TestClient(app)

    feed = client.get("/api/alerts", params={"office": "Bawaslu Provinsi DKI Jakarta"}).json()
    assert feed["counts"]["alerts"] == 1
    [alert] = feed["alerts"]
    assert alert["rule_id"] == "netralitas_asn" and alert["evidence"]
    assert client.get("/api/alerts", params={"status": "dead"}).json()["alerts"] == []

    bad = client.put("/api/alerts/rules/camat", json={"keywords": "camat", "channels": ["x"]})
    assert bad.status_code == 422 and "unknown channel" in bad.json()["detail"]
    ok = client.put("/api/alerts/rules/camat", json={"keywords": "camat", "channels": ["hook"]})
    assert ok.status_code == 200
    listed = client.get("/api/alerts/rules").json()
    assert [(r["id"], r["stored"]) for r in listed["rules"]] == [
        ("netralitas_asn", False),
        ("kampanye_masa_tenang", False),  # built in, like netralitas_asn
        ("camat", True),
    ]
    # the running stage picks the rule up (and re-emits its own earlier alert: same id)
    assert {a.rule_id for a in stage.process([doc])} == {"netralitas_asn", "camat"}
    assert store.counts()["alerts"] == 2
    assert client.delete("/api/alerts/rules/camat").status_code == 204
    assert client.delete("/api/alerts/rules/camat").status_code == 404
