"""The date histogram above the search results: drawn, linked, and in the JSON API."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

from tests.web.test_search_page import hrefs


def _total(page: str) -> int:
    found = re.search(r"(\d+) berita cocok", page)
    assert found, page
    return int(found.group(1))


def test_the_api_returns_the_histogram_when_asked(client: TestClient) -> None:
    plain = client.get("/api/search", params={"q": "kampanye"}).json()
    assert plain["histogram"] is None
    asked = client.get("/api/search", params={"q": "kampanye", "histogram": "week"}).json()
    found = asked["histogram"]
    assert (found["interval"], found["timezone"]) == ("week", "Asia/Jakarta")
    assert sum(b["count"] for b in found["buckets"]) == asked["total"]  # all have dates
    wita = {"q": "kampanye", "histogram": "day", "tz": "Asia/Makassar"}
    assert client.get("/api/search", params=wita).json()["histogram"]["timezone"] == wita["tz"]
    bad = client.get("/api/search", params={"histogram": "hour"})
    assert bad.status_code == 400


def test_each_bar_opens_the_search_of_its_day(client: TestClient) -> None:
    page = client.get("/", params={"q": "kampanye OR baliho"}).text
    figure = re.search(r'<figure class="chart histogram">(.*?)</figure>', page, re.S)
    assert figure, page
    assert 'role="img"' in figure.group(1) and 'aria-label="Berita per hari"' in figure.group(1)
    api = client.get("/api/search", params={"q": "kampanye OR baliho", "histogram": "auto"})
    counts = [b["count"] for b in api.json()["histogram"]["buckets"]]
    bars = hrefs(figure.group(1), "since=")
    assert len(bars) == len(counts) > 1  # a bar (and a link) for every day, empty ones too
    for bar, count in zip(bars, counts, strict=True):
        assert "q=kampanye+OR+baliho" in bar and "tz=Asia%2FJakarta" in bar
        assert _total(client.get(html.unescape(bar)).text) == count


def test_no_histogram_without_dated_hits(client: TestClient) -> None:
    page = client.get("/", params={"q": "tidakadasamasekali"}).text
    assert "Tidak ada berita yang cocok" in page and "chart histogram" not in page


def test_bar_links_carry_hostile_text_escaped(client: TestClient) -> None:
    page = client.get("/", params={"q": 'kampanye OR "<script>x</script>"'}).text
    figure = re.search(r'<figure class="chart histogram">(.*?)</figure>', page, re.S)
    assert figure and "<script" not in figure.group(1)
    assert all("%3Cscript%3E" in bar for bar in hrefs(figure.group(1), "since="))
