"""PATCH /api/alerts/{id}, the alert's detail, the export and the OpenAPI, through the app."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient

from tests.web.conftest import BASE, sign_in


def _first(api: TestClient) -> dict[str, object]:
    answer = api.get("/api/alerts")
    assert answer.status_code == 200
    first: dict[str, object] = answer.json()["alerts"][0]
    return first


def test_triage_with_a_token_and_a_conflict(admin_api: TestClient) -> None:
    aid = _first(admin_api)["id"]
    body = {"version": 1, "state": "ditinjau", "assignee": "jakut", "note": "diperiksa"}
    answer = admin_api.patch(f"/api/alerts/{aid}", json=body)
    assert answer.status_code == 200, answer.text
    data = answer.json()
    assert data["triage"]["state"] == "ditinjau" and data["triage"]["version"] == 2
    assert [(h["actor"], h["to_state"]) for h in data["history"]] == [("admin", "ditinjau")]
    stale = admin_api.patch(f"/api/alerts/{aid}", json={"version": 1, "state": "duplikat"})
    assert stale.status_code == 409 and "diubah orang lain" in stale.json()["detail"]
    bad = admin_api.patch(f"/api/alerts/{aid}", json={"version": 2, "state": "ditindaklanjuti"})
    assert bad.status_code == 400 and "temuan atau diteruskan" in bad.text
    assert admin_api.get(f"/api/alerts/{aid}").json()["triage"]["state"] == "ditinjau"
    mine = admin_api.get("/api/alerts", params={"assignee": "jakut"}).json()
    assert [a["id"] for a in mine["alerts"]] == [aid]
    assert mine["counts"]["states"]["ditinjau"] == 1


def test_patch_is_in_the_openapi(admin_api: TestClient) -> None:
    paths = admin_api.get("/openapi.json").json()["paths"]
    assert "patch" in paths["/api/alerts/{alert_id}"]
    assert "409" in paths["/api/alerts/{alert_id}"]["patch"]["responses"]


def test_out_of_scope_staff_cannot_see_or_triage(anonymous: TestClient) -> None:
    assert sign_in(anonymous, "admin").status_code == 303
    aid = _first(anonymous)["id"]
    other = TestClient(anonymous.app, base_url=BASE)
    assert sign_in(other, "jabar").status_code == 303
    page = other.get(f"/alerts/{aid}")
    assert page.status_code == 404
    token = other.cookies.get("pantau_csrf")
    assert token is not None


def test_export_csv_follows_the_filters(admin_api: TestClient) -> None:
    answer = admin_api.get("/api/alerts/export", params={"format": "csv", "state": "baru"})
    assert answer.status_code == 200
    assert "attachment" in answer.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert rows and all(r["state"] == "baru" for r in rows)
    none = admin_api.get("/api/alerts/export", params={"format": "json", "state": "duplikat"})
    assert none.json() == []


def test_triage_form_and_a_stale_form_is_a_conflict(client: TestClient) -> None:
    from tests.web.conftest import csrf_of

    aid = _first(client)["id"]
    page = client.get(f"/alerts/{aid}")
    assert page.status_code == 200 and "Penanganan" in page.text
    token = csrf_of(page)
    form = {"csrf_token": token, "version": "1", "state": "ditindaklanjuti", "outcome": "temuan"}
    given = {**form, "note": "lapor", "assignee": "jakut", "due": "2026-12-20"}
    done = client.post(f"/alerts/{aid}/triage", data=given, follow_redirects=False)
    assert done.status_code == 303
    shown = client.get(f"/alerts/{aid}").text
    assert "ditindaklanjuti: temuan" in shown and "lapor" in shown
    assert "penanggung jawab: - → jakut" in shown
    assert "tenggat: - → 20 Des 2026 23:59 WIB" in shown and 'value="2026-12-20"' in shown
    stale = client.post(f"/alerts/{aid}/triage", data={**form, "state": "duplikat"})
    assert stale.status_code == 409 and "sudah diubah orang lain" in stale.text
    feed = client.get("/alerts", params={"state": "ditindaklanjuti"}).text
    assert "memanggil" in feed
    assert "Belum ada peringatan" in client.get("/alerts", params={"state": "duplikat"}).text
    assert client.get("/alerts", params={"state": "hilang"}).status_code == 400
