"""In a real browser at a phone's width: nothing wider than the screen, filters collapsed,
facets in a drawer near the top, tables scrolling inside their box; all without script."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.search.fixtures import MORE
from tests.web.browser.conftest import ARTIFACTS, FAILED, Watched, sign_in

PHONE = {"width": 390, "height": 844}  # a common phone's CSS pixels


@pytest.fixture
def phone(
    browser: Browser, live: str, watched: Watched, request: pytest.FixtureRequest
) -> Iterator[Page]:
    context = browser.new_context(
        base_url=live,
        locale="id-ID",
        viewport=PHONE,  # type: ignore[arg-type]
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    opened.on("console", watched.console)
    yield opened
    if request.node.stash.get(FAILED, False):
        ARTIFACTS.mkdir(exist_ok=True)
        opened.screenshot(path=ARTIFACTS / f"{request.node.name}.png", full_page=True)
    context.close()


def width(page: Page) -> int:
    found: int = page.evaluate("document.documentElement.scrollWidth")
    return found


def test_no_page_is_wider_than_the_phone(phone: Page, watched: Watched) -> None:
    phone.goto("/login")
    assert width(phone) <= PHONE["width"], "/login"
    sign_in(phone, "admin")
    phone.goto("/alerts")
    alert = phone.locator("article.alert h2 a").first.get_attribute("href")
    assert alert
    for path in (
        "/",
        "/?q=kampanye",
        "/trends?split=topic&top=20",
        "/trends?split=source&by=week",
        "/alerts",
        alert,
        "/sources",
        f"/articles/{MORE[3].id}",
        "/laporan",
    ):
        phone.goto(path)
        assert width(phone) <= PHONE["width"], path
    assert watched.errors == []


def test_search_filters_collapse_and_facets_are_a_drawer_at_the_top(phone: Page) -> None:
    sign_in(phone, "analis", path="/?q=kampanye")
    words = phone.locator("form.query input[name=q]")
    expect(words).to_be_hidden()  # the form is folded away once there are results
    filters = phone.locator("details.filters > summary")
    expect(filters).to_contain_text("kampanye")
    drawer = phone.locator("aside.facets details.drawer > summary")
    box = drawer.bounding_box()
    assert box and box["y"] + box["height"] <= PHONE["height"]  # on the first screen
    first_hit = phone.locator("article.hit").first.bounding_box()
    assert first_hit and box["y"] < first_hit["y"]  # above the results, not after them
    facet = phone.locator("aside.facets a", has_text="Kabupaten Bogor")
    expect(facet).to_be_hidden()
    drawer.click()
    facet.click()  # a tap opens the drawer; a facet filters
    expect(phone.locator("p.active")).to_contain_text("Kabupaten Bogor")
    filters.click()
    expect(words).to_be_visible()
    expect(words).to_have_value("kampanye")


def test_trends_table_scrolls_inside_its_box(phone: Page) -> None:
    sign_in(phone, "analis", path="/trends?split=entity&top=10")
    box = phone.locator("div.scroll")
    inner, outer = box.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert inner > outer  # wider than the phone: it scrolls, the page does not
    box.evaluate("el => { el.scrollLeft = 120 }")
    assert box.evaluate("el => el.scrollLeft") > 0
    assert width(phone) <= PHONE["width"]
    expect(phone.locator("figure.chart svg")).to_be_visible()


def test_wide_screens_show_filters_and_facets_without_a_tap(page: Page) -> None:
    sign_in(page, "analis", path="/?q=kampanye")
    expect(page.locator("form.query input[name=q]")).to_be_visible()
    expect(page.locator("details.filters > summary")).to_be_hidden()
    expect(page.locator("aside.facets a", has_text="Kabupaten Bogor")).to_be_visible()
