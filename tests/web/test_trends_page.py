"""The trends page: every number opens the search that finds as many articles; "lainnya",
region names, the chart's links and titles, and a cache that never serves a stale chart."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from lxml import html

from pantau.config import Settings
from pantau.web import trend_page
from pantau.wiring import build_backend
from tests.search.fixtures import article

SVG_A = "{http://www.w3.org/2000/svg}a"
XLINK = "xlink:href"  # as the HTML parser names it


def total(client: TestClient, href: str) -> int:
    page = client.get(href)
    assert page.status_code == 200, href
    found = re.search(r'<p class="total">(\d+) berita cocok', page.text)
    assert found, href
    return int(found.group(1))


def chart(client: TestClient) -> str:
    page: str = client.get("/trends", params={"split": "source"}).text
    return page[page.index("<svg") : page.index("</svg>")]


def table(client: TestClient, params: dict[str, str]) -> html.HtmlElement:
    page = client.get("/trends", params=params)
    assert page.status_code == 200
    return html.fromstring(page.text)


@pytest.mark.parametrize("split", ["source", "topic", "entity", "region", ""])
def test_every_cell_and_head_opens_a_search_with_its_count(client: TestClient, split: str) -> None:
    doc = table(client, {"split": split, "top": "1"})
    cells = doc.cssselect("table.trend td:not(.date) a")
    heads = doc.cssselect("table.trend th a")
    assert cells and heads
    for a in [*cells, *heads]:
        shown = int(a.text if a in cells else a.getnext().text.strip("()"))
        assert total(client, a.get("href")) == shown, (a.get("href"), shown)
    if split:  # top 1 of more values: the rest is named, and the page says so
        assert heads[-1].text == "lainnya"
        assert "1 " in doc.cssselect("p.note")[0].text and "teratas + lainnya" in doc.text_content()


def test_region_split_shows_names_and_links_by_code(client: TestClient) -> None:
    doc = table(client, {"split": "region"})
    heads = {a.text: a.get("href") for a in doc.cssselect("table.trend th a")}
    assert heads["Jawa Barat"].startswith("/?region=32&since=")
    assert heads["DKI Jakarta"].startswith("/?region=31&since=")
    assert "menurut wilayah (provinsi)" in html.tostring(doc, encoding="unicode")
    beneath = table(client, {"split": "region", "region": "Jawa Barat"})
    names = [a.text for a in beneath.cssselect("table.trend th a")]
    assert names == ["semua", "Kabupaten Bogor", "Kota Bekasi"]
    # the region filter is replaced, not widened: "Jawa Barat" OR 32.01 would be all of 32
    assert beneath.cssselect("table.trend th a")[1].get("href").startswith("/?region=32.01&")


def test_a_series_link_narrows_a_filter_that_takes_any_value(client: TestClient) -> None:
    doc = table(client, {"split": "source", "source": ["antara", "detik"]})  # type: ignore[dict-item]
    heads = {a.text: a.get("href") for a in doc.cssselect("table.trend th a")}
    assert heads["detik"].startswith("/?source=detik&since=")
    assert total(client, heads["lainnya"] if "lainnya" in heads else heads["detik"]) >= 1


def test_chart_bars_points_and_legend_link_to_searches(client: TestClient) -> None:
    for params in ({"split": "source"}, {"split": "topic"}, {}):
        doc = table(client, params)
        svg = doc.cssselect("figure.chart svg")[0]
        links = [a for a in svg.iter() if a.tag in (SVG_A, "a")]
        hrefs = [a.get(XLINK) or a.get("href") for a in links]
        assert hrefs and all(h and h.startswith("/?") for h in hrefs), params
        titles = [t.text for t in svg.iter() if str(t.tag).endswith("title") and t.text]
        assert any(re.search(r"\d+ Des 2024: \d+ berita$", t) for t in titles)
        if params:  # the legend: a link per series, the search of the series
            legend = [a for a in links if a.getparent().get("class", "").startswith("legend")]
            assert legend, params
    line = html.tostring(table(client, {"split": "topic"}), encoding="unicode")
    assert 'class="dots"' in line and "lainnya" in line  # points of lines are links too


def test_the_cache_never_serves_a_chart_of_other_articles(
    client: TestClient, settings: Settings
) -> None:
    first = chart(client)
    hits = trend_page._cached.cache_info().hits
    assert chart(client) == first  # the same articles
    assert trend_page._cached.cache_info().hits == hits + 1  # not drawn again
    backend = build_backend(settings)
    backend.upsert([article(190, "Bawaslu awasi baliho", "Baliho di Bekasi.", source="kompas")])
    backend.close()
    after = chart(client)
    assert ">kompas<" not in first and ">kompas<" in after


@pytest.mark.parametrize(
    ("split", "top", "note"),
    [
        ("source", "1", "1 sumber teratas + lainnya (2 sumber lain). Lainnya: berita dari sumber"),
        ("topic", "1", "1 topik teratas + lainnya (1 topik lain). Lainnya: berita tanpa satu pun"),
        ("topic", "20", "Semua 2 topik ditampilkan; lainnya: berita tanpa topik."),
        ("source", "20", "Semua 3 sumber ditampilkan."),
        ("region", "5", "Semua 2 wilayah ditampilkan; lainnya: berita tanpa wilayah pada"),
    ],
)
def test_the_page_says_what_was_folded_into_lainnya(
    client: TestClient, split: str, top: str, note: str
) -> None:
    assert note in table(client, {"split": split, "top": top}).cssselect("p.note")[0].text
