"""In a real browser: the date histogram above the hits, a bar opening its day's search."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.web.browser.conftest import Watched, sign_in


def test_a_histogram_bar_opens_the_search_of_its_day(page: Page, watched: Watched) -> None:
    sign_in(page, "analis", path="/?q=kampanye+OR+baliho")
    figure = page.locator("figure.histogram svg")
    expect(figure).to_be_visible()
    expect(figure).to_have_attribute("aria-label", "Berita per hari")
    bars = figure.locator("a")
    titles = [bars.nth(i).locator("title").text_content() or "" for i in range(bars.count())]
    counted = [int(m.group(1)) for t in titles if (m := re.search(r": (\d+) berita$", t))]
    assert len(counted) == len(titles) > 1
    chosen = next(i for i, n in enumerate(counted) if n)
    bars.nth(chosen).click()
    expect(page).to_have_url(re.compile(r"since=.*until=.*tz=Asia%2FJakarta"))
    expect(page.locator("p.total")).to_contain_text(f"{counted[chosen]} berita cocok")
    assert page.locator("form.query input[name=q]").input_value() == "kampanye OR baliho"
    assert watched.errors == [] and watched.foreign == []
