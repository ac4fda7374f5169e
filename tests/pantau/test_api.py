"""The served API: search and alerts side by side on one embedded data dir."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from pantau.config import Settings
from pantau.wiring import build_accounts, build_api
from store.accounts import generate_password


def test_api_serves_search_and_alerts_from_one_data_dir(demo_dir: Path) -> None:
    settings = Settings(data_dir=demo_dir)
    accounts = build_accounts(settings)
    analyst = accounts.get_user("analis") or accounts.add_user(
        "analis", generate_password(), "analyst", actor="test"
    )
    token = accounts.create_api_token(analyst.id, "test-api", actor="test")
    client = TestClient(
        build_api(settings, accounts),
        base_url="http://localhost",
        headers={"Authorization": f"Bearer {token}"},
    )
    found = client.get("/api/search", params={"q": "netralitas ASN"})
    assert found.status_code == 200
    hits = found.json()["hits"]
    assert hits and all("netralitas_asn" in h["topics"] for h in hits[:3])
    alerts = client.get("/api/alerts")
    assert alerts.status_code == 200
    body = alerts.json()
    items = body if isinstance(body, list) else body.get("alerts", body.get("items", []))
    assert items, body
    assert any(h["id"] in {a.get("article_id") for a in items} for h in hits)
    bad = client.get("/api/search", params={"q": '"unbalanced'})
    assert bad.status_code in (200, 400)
    assert client.get("/openapi.json").json()["paths"].keys() >= {"/api/search", "/api/alerts"}
