"""GET /: the search page over the real SQLite backend."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from pantau.web.view import wib
from tests.search.fixtures import MORE
from tests.web.conftest import HOSTILE

CSS_LINK = '<link rel="stylesheet" href="/static/pantau.css">'


def hrefs(page: str, pattern: str) -> list[str]:
    """The unescaped hrefs of the page that contain `pattern`."""
    return [html.unescape(h) for h in re.findall(r'href="([^"]*)"', page) if pattern in h]


def titles(page: str) -> list[str]:
    found = re.findall(r'<h2><a href="/articles/[0-9a-f]{32}">(.*?)</a></h2>', page)
    return [re.sub(r"</?mark>", "", t) for t in found]


def ids(page: str) -> list[str]:
    return re.findall(r'<h2><a href="/articles/([0-9a-f]{32})">', page)


def test_wib_dates_read_like_indonesian_news() -> None:
    assert wib(datetime(2024, 11, 28, 7, 30, tzinfo=UTC)) == "28 Nov 2024 14:30 WIB"
    assert wib(datetime(2024, 12, 31, 20, 0, tzinfo=UTC)) == "1 Jan 2025 03:00 WIB"
    assert wib(None) == "-"


def test_search_page_shows_hits_highlights_facets_and_copies(client: TestClient) -> None:
    r = client.get("/", params={"q": "camat", "collapse": "1"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    assert CSS_LINK in page
    total = client.get("/api/search", params={"q": "camat"}).json()["total"]
    assert f"{total} berita cocok · salinan digabung" in page  # total counts articles
    assert (MORE[3].id in ids(page)) != (MORE[4].id in ids(page))
    assert "<mark>Camat</mark> hadiri kampanye calon bupati" in page
    assert "Seorang <mark>camat</mark> di Bogor" in page  # the backend's snippet markup
    assert "10 Des 2024 13:00 WIB" in page  # 06:00 UTC
    assert "Juga dimuat oleh" in page and "https://www.antara.example/berita/104/" in page
    assert "Netralitas ASN" in page  # topic label, not only its id
    for heading in ("Topik", "Sumber", "Wilayah", "Lembaga", "Entitas"):
        assert f"<h3>{heading}</h3>" in page
    assert hrefs(page, "source=tribun") and hrefs(page, "region=32.01")
    assert 'name="collapse" value="1" checked' in page


def test_facet_link_narrows_the_results(client: TestClient) -> None:
    page = client.get("/", params={"q": "ditertibkan"}).text
    before = len(titles(page))
    [link] = {h for h in hrefs(page, "source=detik") if h.startswith("/?")}
    narrowed = client.get(link)
    assert narrowed.status_code == 200
    assert titles(narrowed.text) == ["Baliho liar ditertibkan"] and before > 1
    # the active filter shows as a chip that removes it again
    assert hrefs(narrowed.text, "q=ditertibkan") and "sumber: detik" in narrowed.text
    [undo] = [h for h in hrefs(narrowed.text, "q=ditertibkan") if "detik" not in h][:1]
    assert len(titles(client.get(undo).text)) == before


def test_next_page_follows_the_cursor(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pantau.web.form.PAGE_SIZE", 3)
    first = client.get("/", params={"sort": "date"}).text
    [more] = hrefs(first, "cursor=")
    second = client.get(more)
    assert second.status_code == 200
    assert titles(first) and titles(second.text)
    assert len(ids(first)) == 3 and not set(ids(first)) & set(ids(second.text))


def test_title_markup_is_escaped_everywhere(client: TestClient) -> None:
    for url in ("/?q=bawaslu", "/?q=panwascam", f"/articles/{HOSTILE.id}"):
        page = client.get(url).text
        assert "<script>" not in page, url
        assert "&lt;script&gt;" in page, url
    article = client.get(f"/articles/{HOSTILE.id}").text
    assert "&lt;b&gt;laporan&lt;/b&gt;" in article


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": 'bawaslu "politik uang'}, 'Pada karakter 9: tanda kutip " tidak pernah ditutup'),
        ({"q": "bawaslu " * 1250}, "batasnya 2000"),  # 10 kB
        ({"q": "netral (kampanye"}, "Pada karakter 8: tanda kurung buka ("),
        ({"q": "a) b"}, "Pada karakter 2: tanda kurung tutup )"),
        ({"q": "a OR -b"}, "tidak bisa menjadi bagian OR"),
        ({"q": "foo:bar"}, "kolom 'foo' tidak dikenal"),
        ({"since": "sebentar lagi"}, "tidak dapat dibaca sebagai tanggal"),
        ({"during": "masa_bebas"}, "tahapan pemilihan 'masa_bebas' tidak dikenal"),
        ({"tz": "Mars/Olympus"}, "zona waktu 'Mars/Olympus' tidak dikenal"),
        ({"sort": "random"}, "Nilai sort tidak dapat dipakai"),
        ({"cursor": "not-a-cursor"}, "Penanda halaman tidak sah"),
    ],
)
def test_bad_queries_are_a_400_page_with_the_reason(
    client: TestClient, params: dict[str, str], message: str
) -> None:
    r = client.get("/", params=params)
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("text/html")
    error = re.search(r'<p class="error" role="alert">(.*?)</p>', r.text, re.S)
    assert error and message in html.unescape(error.group(1))
    assert not re.search(r"\b(the|cannot|unknown|needs|use)\b", error.group(1))  # no English
    assert 'name="q"' in r.text  # the form is there to fix the query


@pytest.mark.parametrize(
    ("params", "help"),
    [({"q": '"x'}, "Contoh: kampanye OR"), ({"until": "sebentar lagi"}, "7 hari (7d)")],
)
def test_syntax_and_date_errors_carry_short_help(
    client: TestClient, params: dict[str, str], help: str
) -> None:
    assert help in html.unescape(client.get("/", params=params).text)


def test_empty_search_lists_the_newest_articles(client: TestClient) -> None:
    page = client.get("/").text
    assert 'value="date" selected' in page
    assert titles(page)[0].startswith("&lt;script&gt;")  # day 12, the newest


def test_pages_link_the_stylesheet_the_app_serves(client: TestClient) -> None:
    for url in ("/", f"/articles/{MORE[0].id}", "/alerts", "/trends", "/articles/x"):
        assert CSS_LINK in client.get(url).text, url
    css = client.get("/static/pantau.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert "mark" in css.text


def test_json_api_is_unchanged(client: TestClient) -> None:
    assert client.get("/api/search", params={"q": "camat"}).json()["total"] == 4
    assert client.get("/api/search", params={"q": '"x'}).json()["error"] == "bad_query"
    paths = client.get("/openapi.json").json()["paths"]
    assert "/" not in paths and "/alerts" not in paths and "/api/alerts" in paths


def test_a_region_facet_finds_what_it_counts_and_shows_its_name(client: TestClient) -> None:
    page = client.get("/").text
    link = "/?region=32"
    assert link in hrefs(page, "region=")
    count = re.search(r'href="/\?region=32">Jawa Barat</a> <span class="n">(\d+)</span>', page)
    assert count, "the province's facet is named and counted"
    narrowed = client.get(link).text
    assert len(ids(narrowed)) == int(count.group(1))
    assert "wilayah: Jawa Barat ×" in narrowed  # the chip names the region, not "32"
    assert 'name="region" value="Jawa Barat"' in narrowed  # and so does the field


def test_a_query_that_names_a_topic_suggests_the_topic(client: TestClient) -> None:
    page = client.get("/", params={"q": '"Politik Uang"'}).text
    assert "/?q=%22Politik+Uang%22&topic=politik_uang" in hrefs(page, "topic=politik_uang")
    chosen = client.get("/", params={"q": "politik uang", "topic": "politik_uang"}).text
    assert 'class="suggest"' not in chosen
    assert 'class="suggest"' not in client.get("/", params={"q": "camat"}).text
