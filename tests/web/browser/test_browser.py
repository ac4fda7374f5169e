"""In a real browser: signing in and out, wrong password, lockout, office scope, CSRF."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.search.fixtures import MORE
from tests.web.browser.conftest import Watched, sign_in
from tests.web.conftest import asn_alert_doc

ALERT_TITLE = asn_alert_doc().article.title


def test_sign_in_browse_and_sign_out(page: Page, watched: Watched) -> None:
    page.goto("/alerts")
    expect(page).to_have_url(re.compile(r"/login\?next=%2Falerts$"))
    expect(page.get_by_role("heading", name="Masuk ke pantau")).to_be_visible()
    sign_in(page, "analis", path=page.url)
    expect(page).to_have_url(re.compile(r"/alerts$"))  # back where they were going
    expect(page.locator(".who")).to_have_text("analis")
    for path in ("/?q=bawaslu", "/trends?q=bawaslu", f"/articles/{MORE[3].id}"):
        page.goto(path)
        expect(page.locator("main")).to_be_visible()
    page.get_by_role("button", name="Keluar").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    assert watched.errors == []  # no CSP violation, no failed script on any page
    assert watched.foreign == []  # nothing fetched from anywhere else


def test_wrong_password_shows_a_message(page: Page) -> None:
    sign_in(page, "analis", "bukan-kata-sandinya")
    expect(page.get_by_role("alert")).to_have_text("Nama pengguna atau kata sandi salah.")
    expect(page.get_by_label("Nama pengguna")).to_have_value("analis")
    expect(page.locator(".who")).to_have_count(0)


def test_five_wrong_passwords_lock_the_account(page: Page) -> None:
    for _ in range(5):
        sign_in(page, "kunci", "bukan-kata-sandinya")
    sign_in(page, "kunci")  # the right password, too late
    expect(page.get_by_role("alert")).to_contain_text("dikunci sementara")
    expect(page.locator(".who")).to_have_count(0)


def test_office_staff_see_only_their_offices_alerts_and_hits(page: Page) -> None:
    sign_in(page, "jakut")
    page.goto("/alerts")
    expect(page.get_by_role("link", name=ALERT_TITLE)).to_be_visible()
    page.goto("/?sort=date")
    expect(page.locator("p.total")).to_contain_text("3 berita cocok")
    expect(page.get_by_role("link", name=MORE[3].article.title)).to_have_count(0)  # Bogor
    page.get_by_role("button", name="Keluar").click()

    sign_in(page, "jabar")
    page.goto("/alerts")
    expect(page.get_by_role("link", name=ALERT_TITLE)).to_have_count(0)
    page.goto("/?sort=date")
    expect(page.locator("p.total")).to_contain_text("4 berita cocok")
    expect(page.get_by_role("link", name=MORE[3].article.title).first).to_be_visible()
    page.goto(f"/articles/{MORE[0].id}")  # Jakarta Utara: not theirs
    expect(page.get_by_role("heading", name="Berita tidak ditemukan")).to_be_visible()


def test_a_form_without_its_csrf_token_is_refused(page: Page) -> None:
    page.goto("/login")
    page.locator("input[name=csrf_token]").evaluate("field => field.remove()")
    page.get_by_label("Nama pengguna").fill("analis")
    page.get_by_label("Kata sandi").fill("kata-sandi-uji-coba")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("alert")).to_contain_text("kedaluwarsa")
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login"))  # not signed in

    sign_in(page, "analis")
    page.locator("form.account input[name=csrf_token]").evaluate("field => field.remove()")
    page.get_by_role("button", name="Keluar").click()
    expect(page.get_by_role("alert")).to_contain_text("kedaluwarsa")
    page.goto("/")
    expect(page.locator(".who")).to_have_text("analis")  # still signed in


def test_api_docs_work_offline(page: Page, watched: Watched) -> None:
    sign_in(page, "admin", path="/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("pantau")
    expect(page.get_by_text("/api/search").first).to_be_visible()
    page.goto("/redoc")
    expect(page.locator("h1").first).to_contain_text("pantau")
    assert watched.foreign == []
    # ReDoc shows its maker's logo from their CDN; the CSP refuses it (and ReDoc hides it)
    assert [e for e in watched.errors if "cdn.redoc.ly" not in e] == []
