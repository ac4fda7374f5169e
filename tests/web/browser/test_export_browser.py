"""In a real browser: the download buttons of a filtered search and of trends."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import openpyxl
from playwright.sync_api import Page, expect

from tests.web.browser.conftest import Watched, sign_in


def test_csv_button_of_a_filtered_search_downloads_every_hit(
    page: Page, watched: Watched, tmp_path: Path
) -> None:
    sign_in(page, "jabar")
    page.goto("/?sort=date")
    page.get_by_label("Topik").select_option("kampanye")
    page.get_by_role("button", name="Cari").click()
    expect(page.locator("p.total")).to_contain_text("berita cocok")
    total = int(re.match(r"\d+", page.locator("p.total").inner_text()).group())  # type: ignore[union-attr]
    shown = page.locator("article.hit h2 a").evaluate_all("links => links.map(a => a.href)")
    with page.expect_download() as caught:
        page.get_by_role("link", name="CSV", exact=True).click()
    download = caught.value
    assert re.fullmatch(r"pantau-cari-\d{8}-\d{4}\.csv", download.suggested_filename)
    download.save_as(tmp_path / "hasil.csv")
    rows = list(csv.DictReader((tmp_path / "hasil.csv").open(encoding="utf-8")))
    assert len(rows) == total > 1  # exactly the count the page shows
    assert [f"/articles/{r['id']}" for r in rows] == [
        re.sub(r"^https?://[^/]+", "", h) for h in shown
    ]
    assert all(r["region_code"].startswith("32") and "kampanye" in r["topics"] for r in rows)
    assert watched.errors == [] and watched.foreign == []


def test_xlsx_button_of_trends(page: Page, tmp_path: Path) -> None:
    sign_in(page, "analis")
    page.goto("/trends?q=kampanye&by=week")
    with page.expect_download() as caught:
        page.get_by_role("link", name="XLSX", exact=True).click()
    assert caught.value.suggested_filename.startswith("pantau-tren-")
    caught.value.save_as(tmp_path / "tren.xlsx")
    sheet = list(openpyxl.load_workbook(tmp_path / "tren.xlsx").active.values)
    assert sheet[0][:2] == ("date", "all")
    trend = page.request.get("/api/trends?q=kampanye&by=week").json()
    assert [r[0].date().isoformat() for r in sheet[1:]] == [
        p["date"] for p in trend["series"][0]["points"]
    ]
    assert sum(r[1] for r in sheet[1:]) == trend["series"][0]["total"] > 0
