"""Saved searches on the web: save from the search page, new hits, open, rename, delete,
mail address, alert rule; each user sees only their own, always in their office's scope."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from alerts.store import AlertStore
from pantau.cli import app
from pantau.config import Settings
from pantau.wiring import build_alert_store, build_api, build_backend
from pipeline.events import EnrichedArticle, Region
from store.accounts import Accounts
from tests.search.fixtures import article
from tests.web.conftest import BASE, csrf_of, sign_in

SEARCH = "/?q=penertiban+baliho&topic=kampanye"


def fresh(n: int, title: str, *, region: str = "31.72", hours_ago: float = 1) -> EnrichedArticle:
    """An article about the saved search's subject, published `hours_ago` before now."""
    doc = article(n, title, "Penertiban baliho liar oleh petugas.", topics={"kampanye": 0.8})
    when = datetime.now(UTC) - timedelta(hours=hours_ago)
    names = {"31.72": "Jakarta Utara", "32.75": "Kota Bekasi"}
    return doc.model_copy(
        update={
            "article": doc.article.model_copy(update={"published_at": when}),
            "region": Region(code=region, name=names[region], level="kota"),
        }
    )


def index(settings: Settings, *docs: EnrichedArticle) -> None:
    backend = build_backend(settings)
    backend.upsert(list(docs))
    backend.close()


def user_client(settings: Settings, accounts: Accounts, username: str) -> TestClient:
    client = TestClient(build_api(settings, accounts), base_url=BASE, raise_server_exceptions=False)
    assert sign_in(client, username).status_code == 303
    return client


def save(client: TestClient, name: str, search: str = SEARCH) -> int:
    """Save the search from the search page's own form; the new pantauan's id."""
    page = client.get(search)
    form = re.search(r'<form class="save".*?</form>', page.text, re.S)
    assert form, page.text
    fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form.group(0))
    data: dict[str, list[str]] = {"name": [name]}
    for key, value in fields:
        data.setdefault(key, []).append(html.unescape(value))
    answer = client.post("/pantauan", data=data, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    found = re.search(rf'href="/pantauan/(\d+)">{re.escape(name)}<', client.get("/pantauan").text)
    assert found
    return int(found.group(1))


def new_count(client: TestClient, saved_id: int) -> str:
    row = re.search(
        rf'id="pantauan-{saved_id}".*?data-baru="([^"]*)"', client.get("/pantauan").text, re.S
    )
    assert row
    return row.group(1)


def test_save_count_new_then_open_resets(client: TestClient, settings: Settings):
    saved_id = save(client, "Penertiban APK")
    page = client.get("/pantauan")
    assert "kata kunci: penertiban baliho" in page.text and "topik: " in page.text
    assert new_count(client, saved_id) == "0"  # what existed when saved is not new
    index(
        settings,
        fresh(900, "Penertiban baliho di Koja"),
        fresh(901, "Baliho di Bekasi", region="32.75"),
    )
    assert new_count(client, saved_id) == "2"  # the administrator sees every region
    # published an hour before the visit but indexed after it: new; four days before: not
    index(settings, fresh(902, "Penertiban baliho lama di Koja", hours_ago=4 * 24))
    assert new_count(client, saved_id) == "2"
    opened = client.get(f"/pantauan/{saved_id}", follow_redirects=False)
    assert opened.status_code == 303
    assert opened.headers["location"] == "/?q=penertiban+baliho&topic=kampanye"
    assert new_count(client, saved_id) == "0"


def test_staff_count_only_their_office(settings: Settings, accounts: Accounts):
    jakut = user_client(settings, accounts, "jakut")
    saved_id = save(jakut, "APK Jakut")
    index(
        settings,
        fresh(910, "Penertiban baliho di Koja"),
        fresh(911, "Baliho di Bekasi", region="32.75"),
    )
    assert new_count(jakut, saved_id) == "1"  # Bekasi lies outside Jakarta Utara
    # a saved region filter cannot widen the scope: the office is applied when it runs
    wider = save(jakut, "Bekasi", SEARCH + "&region=32.75")
    index(settings, fresh(912, "Penertiban baliho lagi di Bekasi", region="32.75"))
    assert new_count(jakut, wider) == "0"


def test_cli_lists_a_users_saved_searches(
    settings: Settings, accounts: Accounts, cli_runner: CliRunner
):
    jakut = user_client(settings, accounts, "jakut")
    save(jakut, "APK Jakut")
    index(settings, fresh(913, "Penertiban baliho di Koja"))
    where = ["--data-dir", str(settings.data_dir)]
    done = cli_runner.invoke(app, ["pantauan", "list", "--user", "jakut", *where])
    assert done.exit_code == 0, done.output
    assert re.search(r"^\d+ APK Jakut: 1 baru$", done.output, re.M), done.output
    unknown = cli_runner.invoke(app, ["pantauan", "list", "--user", "siapa", *where])
    assert unknown.exit_code != 0 and "no user 'siapa'" in unknown.output


def test_names_are_unique_per_user_and_errors_are_indonesian(
    client: TestClient, settings: Settings, accounts: Accounts
):
    save(client, "APK")
    token = csrf_of(client.get("/pantauan"))
    taken = client.post("/pantauan", data={"name": "APK", "q": "x", "csrf_token": token})
    assert taken.status_code == 409 and "sudah Anda pakai" in taken.text
    recased = client.post("/pantauan", data={"name": "apk", "q": "x", "csrf_token": token})
    assert recased.status_code == 409 and "huruf besar dan kecil tidak dibedakan" in recased.text
    empty = client.post("/pantauan", data={"name": "  ", "q": "x", "csrf_token": token})
    assert empty.status_code == 409 and "tidak boleh kosong" in empty.text
    broken = client.post("/pantauan", data={"name": "B", "q": "(kampanye", "csrf_token": token})
    assert broken.status_code == 400 and "tanda kurung" in broken.text
    save(user_client(settings, accounts, "analis"), "APK")  # another user's name is free


def test_rename_delete_and_mail_address(client: TestClient):
    saved_id = save(client, "Lama")
    token = csrf_of(client.get("/pantauan"))
    post = lambda what, **f: client.post(  # noqa: E731
        f"/pantauan/{saved_id}/{what}", data={**f, "csrf_token": token}, follow_redirects=False
    )
    assert post("ubah", name="Baru").status_code == 303
    assert (
        'href="/pantauan/' in client.get("/pantauan").text
        and ">Baru<" in client.get("/pantauan").text
    )
    bad = post("surel", email="bukan-surel")
    assert bad.status_code == 400 and "Alamat surel tidak sah" in bad.text
    assert post("surel", email="p2h@jakut.example").status_code == 303
    assert 'value="p2h@jakut.example"' in client.get("/pantauan").text
    assert post("hapus").status_code == 303
    assert client.get(f"/pantauan/{saved_id}").status_code == 404


def test_another_user_cannot_see_open_or_change_it(
    client: TestClient, settings: Settings, accounts: Accounts
):
    saved_id = save(client, "Milik admin")
    other = user_client(settings, accounts, "analis")
    assert "Milik admin" not in other.get("/pantauan").text
    assert other.get(f"/pantauan/{saved_id}").status_code == 404
    token = csrf_of(other.get("/pantauan"))
    for what in ("hapus", "ubah", "surel", "aturan", "aturan-hapus"):
        answer = other.post(f"/pantauan/{saved_id}/{what}", data={"csrf_token": token, "name": "x"})
        assert answer.status_code == 404, what
    assert other.get(f"/api/pantauan/{saved_id}").status_code == 404
    assert (
        other.delete(f"/api/pantauan/{saved_id}", headers={"X-CSRF-Token": token}).status_code
        == 404
    )
    assert "Milik admin" in client.get("/pantauan").text


def test_saving_needs_the_csrf_token(client: TestClient):
    answer = client.post("/pantauan", data={"name": "Tanpa token", "q": "x"})
    assert answer.status_code == 403
    assert "Tanpa token" not in client.get("/pantauan").text


def test_make_rule_routes_to_the_office_and_is_audited(settings: Settings, accounts: Accounts):
    jakut = user_client(settings, accounts, "jakut")
    saved_id = save(jakut, "APK Jakut")
    token = csrf_of(jakut.get("/pantauan"))
    made = jakut.post(f"/pantauan/{saved_id}/aturan", data={"csrf_token": token})
    assert made.status_code == 200 and "Aturan peringatan dibuat" in made.text
    store: AlertStore = build_alert_store(settings, accounts.store)
    (rule,) = [r for r in store.stored_rules() if r.id == f"pantauan-{saved_id}"]
    assert rule.offices == ["Bawaslu Kota Jakarta Utara"] and not rule.route_by_region
    assert 'topic:"kampanye"' in rule.keywords and 'region:"31.72"' in rule.keywords
    (entry,) = accounts.audit_log(action="pantauan.rule")
    assert entry.actor == "jakut" and entry.target == rule.id
    assert entry.detail and entry.detail["rule"]["offices"] == ["Bawaslu Kota Jakarta Utara"]
    dropped = jakut.post(f"/pantauan/{saved_id}/aturan-hapus", data={"csrf_token": token})
    assert dropped.status_code == 200 and "Aturan peringatan dihapus" in dropped.text
    assert store.stored_rules() == []
    assert [e.target for e in accounts.audit_log(action="pantauan.rule.delete")] == [rule.id]


def test_deleting_a_saved_search_deletes_its_rule(
    client: TestClient, settings: Settings, accounts: Accounts
):
    saved_id = save(client, "Dengan aturan")
    token = csrf_of(client.get("/pantauan"))
    assert (
        client.post(f"/pantauan/{saved_id}/aturan", data={"csrf_token": token}).status_code == 200
    )
    store: AlertStore = build_alert_store(settings, accounts.store)
    assert [r.id for r in store.stored_rules()] == [f"pantauan-{saved_id}"]
    assert client.post(f"/pantauan/{saved_id}/hapus", data={"csrf_token": token}).status_code == 200
    assert store.stored_rules() == []


def test_a_search_with_dates_is_refused_as_a_rule(client: TestClient):
    saved_id = save(client, "Dengan tanggal", SEARCH + "&since=2024-11-01")
    token = csrf_of(client.get("/pantauan"))
    refused = client.post(f"/pantauan/{saved_id}/aturan", data={"csrf_token": token})
    assert refused.status_code == 409 and "rentang tanggal" in refused.text


def test_api_create_list_delete(admin_api: TestClient, settings: Settings):
    body = {"name": "Lewat API", "params": [["q", "penertiban baliho"], ["topic", "kampanye"]]}
    made = admin_api.post("/api/pantauan", json=body)
    assert made.status_code == 201, made.text
    saved_id = made.json()["id"]
    assert admin_api.post("/api/pantauan", json=body).status_code == 409
    recased = admin_api.post("/api/pantauan", json={**body, "name": "LEWAT api"})
    assert recased.status_code == 409 and "sudah Anda pakai" in recased.json()["detail"]
    bad = admin_api.post("/api/pantauan", json={"name": "x", "params": [["q", "(a"]]})
    assert bad.status_code == 422
    index(settings, fresh(920, "Penertiban baliho di Koja"))
    listed = admin_api.get("/api/pantauan").json()["pantauan"]
    assert [(p["name"], p["new"]) for p in listed] == [("Lewat API", 1)]
    assert admin_api.delete(f"/api/pantauan/{saved_id}").status_code == 204
    assert admin_api.get("/api/pantauan").json() == {"pantauan": []}
    assert "/api/pantauan" in admin_api.get("/openapi.json").json()["paths"]


def test_api_with_a_session_needs_the_csrf_header(client: TestClient):
    body = {"name": "Sesi", "params": [["q", "baliho"]]}
    assert client.post("/api/pantauan", json=body).status_code == 403
    token = csrf_of(client.get("/pantauan"))
    assert (
        client.post("/api/pantauan", json=body, headers={"X-CSRF-Token": token}).status_code == 201
    )


@pytest.mark.parametrize("path", ["/pantauan", "/api/pantauan"])
def test_signed_out_is_sent_to_sign_in(anonymous: TestClient, path: str):
    answer = anonymous.get(path, follow_redirects=False)
    assert answer.status_code in (303, 401)
