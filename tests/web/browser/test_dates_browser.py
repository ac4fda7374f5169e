"""In a real browser: an election stage chosen, a date chip removed, the zone kept, and
an Indonesian syntax error that shows where the query went wrong."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.web.browser.conftest import sign_in


def total(page: Page) -> int:
    text = page.locator(".total").inner_text()
    found = re.match(r"(\d+) berita cocok", text)
    assert found, text
    return int(found.group(1))


def test_choosing_a_stage_limits_the_hits_and_shows_a_chip(page: Page) -> None:
    sign_in(page, "analis")
    everything = total(page)
    page.get_by_label("Tahapan").select_option(label="Masa tenang (24 Nov 2024 – 26 Nov 2024)")
    page.get_by_role("button", name="Cari").click()
    expect(page).to_have_url(re.compile(r"during=pilkada2024%3Amasa_tenang"))
    expect(page.locator(".chip", has_text="tahapan: Masa tenang")).to_be_visible()
    assert total(page) == 0  # the fixture articles are from December
    page.get_by_label("Tahapan").select_option(value="pilkada2024:rekapitulasi")
    page.get_by_role("button", name="Cari").click()
    assert 0 < total(page) < everything  # an article without a date is in no stage
    expect(page.get_by_label("Tahapan")).to_have_value("pilkada2024:rekapitulasi")


def test_a_date_chip_is_removed_with_a_click(page: Page) -> None:
    sign_in(page, "analis")
    page.get_by_label("Sejak").fill("3 Des 2024")
    page.get_by_label("Sampai").fill("9 Desember 2024")
    page.get_by_role("button", name="Cari").click()
    narrowed = total(page)
    chip = page.locator(".chip", has_text="sejak: 3 Des 2024")
    expect(chip).to_be_visible()
    chip.click()
    expect(page.locator(".chip", has_text="sejak:")).to_have_count(0)
    expect(page.get_by_label("Sejak")).to_have_value("")
    expect(page.get_by_label("Sampai")).to_have_value("9 Desember 2024")  # the other stays
    assert total(page) > narrowed


def test_the_time_zone_is_kept_across_searches(page: Page) -> None:
    sign_in(page, "analis")
    page.get_by_label("Kata kunci").fill("camat")
    page.get_by_label("Zona waktu").select_option(label="WITA")
    page.get_by_role("button", name="Cari").click()
    expect(page.locator(".hit .meta").first).to_contain_text("WITA")
    page.get_by_label("Kata kunci").fill("kampanye")
    page.get_by_role("button", name="Cari").click()
    expect(page).to_have_url(re.compile(r"q=kampanye.*tz=Asia%2FMakassar"))
    expect(page.get_by_label("Zona waktu")).to_have_value("Asia/Makassar")
    expect(page.locator(".hit .meta").first).to_contain_text("WITA")
    expect(page.locator(".hit .meta", has_text="WIB")).to_have_count(0)


def test_a_syntax_error_is_indonesian_and_shows_where(page: Page) -> None:
    sign_in(page, "analis")
    page.get_by_label("Kata kunci").fill("netral (kampanye")
    page.get_by_role("button", name="Cari").click()
    expect(page.get_by_role("alert")).to_contain_text("Pada karakter 8: tanda kurung buka (")
    expect(page.get_by_role("alert")).to_contain_text("Contoh:")
    expect(page.locator(".error-at")).to_have_text("netral (kampanye\n       ^")
    page.get_by_label("Sejak").fill("sebentar lagi")
    page.get_by_label("Kata kunci").fill("kampanye")
    page.get_by_role("button", name="Cari").click()
    expect(page.get_by_role("alert")).to_contain_text("tidak dapat dibaca sebagai tanggal")


def test_a_shortcut_sets_the_stage(page: Page) -> None:
    sign_in(page, "analis")
    page.locator(".shortcuts").get_by_role("link", name="masa kampanye").click()
    expect(page.get_by_label("Tahapan")).to_have_value("pilkada2024:masa_kampanye")
    expect(page.locator(".chip", has_text="tahapan: Masa kampanye")).to_be_visible()
