"""Sign-in, sessions, CSRF, API tokens, roles and the audit log, over HTTP."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from pantau.config import Settings, WebSettings
from pantau.wiring import build_api
from store.accounts import Accounts
from tests.web.conftest import BASE, PASSWORD, csrf_of, sign_in


def test_pages_send_people_to_the_login_page(anonymous: TestClient) -> None:
    r = anonymous.get("/alerts?status=pending", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/login?next=%2Falerts%3Fstatus%3Dpending"
    page = anonymous.get(r.headers["location"])
    assert "Nama pengguna" in page.text and "Kata sandi" in page.text and ">Masuk<" in page.text
    assert 'name="csrf_token"' in page.text


def test_the_api_needs_a_session_or_a_token(anonymous: TestClient) -> None:
    for path in ("/api/search", "/api/alerts", "/api/articles/" + "0" * 32, "/openapi.json"):
        r = anonymous.get(path)
        assert r.status_code == 401 and r.json()["error"] == "unauthorized", path
        assert r.headers["www-authenticate"] == "Bearer"
        bad = anonymous.get(path, headers={"Authorization": "Bearer pantau_nope"})
        assert bad.status_code == 401, path


def test_unauthenticated_rule_change_is_refused(anonymous: TestClient) -> None:
    """The finding: PUT/DELETE on the built-in rule worked with no login at all."""
    body = {"enabled": False, "topics": ["netralitas_asn"]}
    assert anonymous.put("/api/alerts/rules/netralitas_asn", json=body).status_code == 401
    assert anonymous.delete("/api/alerts/rules/netralitas_asn").status_code == 401


def test_sign_in_sets_a_httponly_samesite_session_cookie(anonymous: TestClient) -> None:
    r = sign_in(anonymous, "analis")
    assert r.status_code == 303 and r.headers["location"] == "/"
    cookies = r.headers.get_list("set-cookie")
    session = next(c for c in cookies if c.startswith("pantau_session="))
    assert "HttpOnly" in session and "SameSite=Lax" in session and "Secure" not in session
    csrf = next(c for c in cookies if c.startswith("pantau_csrf="))
    assert "HttpOnly" in csrf and "SameSite=Strict" in csrf
    assert anonymous.get("/").status_code == 200


@pytest.mark.parametrize(
    ("proxy", "forwarded", "secure"),
    [("testclient", "https", True), ("127.0.0.1", "https", False), ("testclient", "http", False)],
)
def test_cookies_are_secure_behind_a_trusted_https_proxy(
    settings: Settings, accounts: Accounts, proxy: str, forwarded: str, secure: bool
) -> None:
    web = WebSettings(trusted_proxies=[proxy])
    app = build_api(settings.model_copy(update={"web": web}), accounts)
    client = TestClient(app, base_url=BASE, headers={"X-Forwarded-Proto": forwarded})
    page = client.get("/login")
    csrf = page.headers["set-cookie"]
    assert ("Secure" in csrf) is secure
    assert ("strict-transport-security" in page.headers) is secure
    # the test talks plain HTTP to the app: hand the (maybe Secure) cookie back by hand
    client.cookies.set("pantau_csrf", csrf.split(";")[0].split("=", 1)[1])
    form = {"username": "analis", "password": PASSWORD, "csrf_token": csrf_of(page)}
    r = client.post("/login", data=form, follow_redirects=False)
    session = next(c for c in r.headers.get_list("set-cookie") if "pantau_session" in c)
    assert ("Secure" in session) is secure


def test_wrong_password_is_a_message_and_no_session(anonymous: TestClient) -> None:
    r = sign_in(anonymous, "analis", "salah-sekali-ini")
    assert r.status_code == 401 and "Nama pengguna atau kata sandi salah" in r.text
    assert "pantau_session" not in anonymous.cookies
    unknown = sign_in(anonymous, "tidak-ada", PASSWORD)
    assert unknown.status_code == 401 and unknown.text.count("salah") == r.text.count("salah")


def test_five_failures_lock_the_account_even_for_the_right_password(
    anonymous: TestClient,
) -> None:
    for _ in range(5):
        assert sign_in(anonymous, "jakut", "salah-sekali-ini").status_code == 401
    r = sign_in(anonymous, "jakut", PASSWORD)
    assert r.status_code == 429 and "dikunci sementara" in r.text and "WIB" in r.text
    assert "pantau_session" not in anonymous.cookies
    assert sign_in(anonymous, "analis").status_code == 303  # others are not locked


def test_many_failures_from_one_address_are_slowed_down(anonymous: TestClient) -> None:
    for n in range(20):  # different names: no single account locks
        sign_in(anonymous, f"orang{n}", "salah-sekali-ini")
    r = sign_in(anonymous, "analis")
    assert r.status_code == 429 and "Terlalu banyak percobaan" in r.text


def test_login_without_a_valid_csrf_token_is_refused(anonymous: TestClient) -> None:
    anonymous.get("/login")
    for token in (None, "", "bukan-token", "A" * 88):
        form = {"username": "analis", "password": PASSWORD}
        if token is not None:
            form["csrf_token"] = token
        r = anonymous.post("/login", data=form, follow_redirects=False)
        assert r.status_code == 403 and "kedaluwarsa" in r.text, token
        assert "pantau_session" not in anonymous.cookies


def test_a_token_from_another_browser_is_refused(settings, accounts, anonymous) -> None:
    other = TestClient(build_api(settings, accounts), base_url=BASE)
    token = csrf_of(other.get("/login"))  # valid, but for the other browser's cookie
    anonymous.get("/login")
    form = {"username": "analis", "password": PASSWORD, "csrf_token": token}
    assert anonymous.post("/login", data=form).status_code == 403


def test_every_page_masks_its_csrf_token_afresh(client: TestClient) -> None:
    first, second = csrf_of(client.get("/")), csrf_of(client.get("/"))
    assert first != second  # a fixed token in gzip-compressed pages would leak (BREACH)


def test_sign_out_ends_the_session_and_needs_the_token(client: TestClient) -> None:
    cookie = client.cookies["pantau_session"]
    assert client.post("/logout", follow_redirects=False).status_code == 403
    assert client.get("/", follow_redirects=False).status_code == 200  # still signed in
    r = client.post("/logout", data={"csrf_token": csrf_of(client.get("/"))})
    assert r.url.path == "/login"
    client.cookies.set("pantau_session", cookie)  # a stolen copy of the old cookie
    assert client.get("/", follow_redirects=False).status_code == 303


def test_sign_in_never_redirects_off_site(anonymous: TestClient) -> None:
    for target in ("//evil.example/", "https://evil.example/", "/\\evil"):
        token = csrf_of(anonymous.get("/login"))
        form = {"username": "analis", "password": PASSWORD, "csrf_token": token, "next": target}
        r = anonymous.post("/login", data=form, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/", target


def test_api_tokens_work_without_cookies_or_csrf(admin_api: TestClient) -> None:
    assert admin_api.get("/api/search").status_code == 200
    r = admin_api.put("/api/alerts/rules/camat", json={"keywords": "camat"})
    assert r.status_code == 200
    assert admin_api.delete("/api/alerts/rules/camat").status_code == 204


def test_a_session_needs_the_csrf_header_for_api_writes(client: TestClient) -> None:
    r = client.put("/api/alerts/rules/camat", json={"keywords": "camat"})
    assert r.status_code == 403 and r.json()["error"] == "csrf"
    token = csrf_of(client.get("/"))
    r = client.put(
        "/api/alerts/rules/camat", json={"keywords": "camat"}, headers={"X-CSRF-Token": token}
    )
    assert r.status_code == 200


def test_the_rules_api_is_for_administrators_only(anonymous: TestClient) -> None:
    for username in ("analis", "dki", "jakut"):
        sign_in(anonymous, username)
        assert anonymous.get("/api/alerts/rules").status_code == 403, username
        headers = {"X-CSRF-Token": csrf_of(anonymous.get("/"))}
        r = anonymous.put("/api/alerts/rules/camat", json={"keywords": "camat"}, headers=headers)
        assert r.status_code == 403 and "administrators" in r.json()["detail"], username


def test_the_built_in_rule_changes_only_in_configuration(admin_api: TestClient) -> None:
    body = {"enabled": False, "topics": ["netralitas_asn"]}
    r = admin_api.put("/api/alerts/rules/netralitas_asn", json=body)
    assert r.status_code == 403 and "configuration" in r.json()["detail"]
    assert admin_api.delete("/api/alerts/rules/netralitas_asn").status_code == 403
    rules = admin_api.get("/api/alerts/rules").json()["rules"]
    assert next(r for r in rules if r["id"] == "netralitas_asn")["enabled"] is True


def test_sign_ins_and_changes_are_audited(
    anonymous: TestClient, admin_api: TestClient, accounts: Accounts
) -> None:
    sign_in(anonymous, "analis", "salah-sekali-ini")
    sign_in(anonymous, "analis")
    admin_api.put("/api/alerts/rules/camat", json={"keywords": "camat"})
    log = [(e.actor, e.action, e.target) for e in accounts.audit_log(limit=20)]
    assert ("analis", "login.failed", "analis") in log
    assert ("analis", "login", "analis") in log
    assert ("admin", "http.change", "PUT /api/alerts/rules/camat") in log
