"""In a real browser: the trends chart's bars, points and legend open the matching search."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.web.browser.conftest import Watched, sign_in

LOADED = 15_000  # ms: a shared, busy machine (expect's own default is 5 s)


def found(page: Page) -> int:
    """The number of hits the search page says it found."""
    text = page.locator("p.total").inner_text()
    match = re.match(r"(\d+) berita cocok", text)
    assert match, text
    return int(match.group(1))


def count_of(link: Locator) -> int:
    """What a bar or point says it counts: its <title>, '<series> · 2 Des 2024: 3 berita'."""
    title = link.locator("title").first.text_content() or ""
    match = re.search(r": (\d+) berita$", title)
    assert match, title
    return int(match.group(1))


@pytest.mark.parametrize(
    ("params", "value"),
    [
        ("split=source", "source=antara"),  # stacked bars
        ("split=topic", "topic=kampanye"),  # line: its points
        ("q=kampanye", None),  # bars of every article
    ],
)
def test_click_a_bar_or_point_and_land_on_its_search(
    page: Page, watched: Watched, params: str, value: str | None
) -> None:
    sign_in(page, "analis", path=f"/trends?{params}")
    points = page.locator("figure.chart svg .series a")
    expect(points.first).to_be_attached()
    hrefs = [a.get_attribute("xlink:href") or "" for a in points.all()]
    chosen = [i for i, h in enumerate(hrefs) if value is None or value in h][:2]
    assert chosen, hrefs
    for i in chosen:
        page.goto(f"/trends?{params}")
        expected = count_of(points.nth(i))
        points.nth(i).click()
        expect(page).to_have_url(re.compile(r"/\?.*since="), timeout=LOADED)
        assert found(page) == expected
    assert watched.errors == [] and watched.foreign == []


def test_click_a_legend_entry_and_the_lainnya_column(page: Page) -> None:
    sign_in(page, "analis", path="/trends?split=source&top=1")
    expect(page.locator("p.note")).to_contain_text("1 sumber teratas + lainnya (2 sumber lain)")
    heads = {
        name: int(n.strip("()"))
        for name, n in (
            (th.locator("a").inner_text(), th.locator(".n").inner_text())
            for th in page.locator("table.trend th").all()[1:]
        )
    }
    assert set(heads) == {"semua", "antara", "lainnya"}
    page.locator("figure.chart svg .legends a").filter(has_text="antara").click()
    expect(page).to_have_url(re.compile(r"source=antara"), timeout=LOADED)
    assert found(page) == heads["antara"]
    page.go_back()
    page.locator("table.trend th a", has_text="lainnya").click()
    expect(page).to_have_url(re.compile(r"q=-source%3A%22antara%22"), timeout=LOADED)
    assert found(page) == heads["lainnya"]


def test_region_split_shows_region_names(page: Page) -> None:
    sign_in(page, "analis", path="/trends?split=region")
    legend = page.locator("figure.chart svg .legends")
    expect(legend).to_contain_text("Jawa Barat")
    expect(legend).to_contain_text("DKI Jakarta")
    expect(page.locator("table.trend thead")).not_to_contain_text("32")  # names, not codes
