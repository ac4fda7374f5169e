"""The search and trends forms' time choices: stages, shortcuts, date chips, the zone."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from pantau.web.view import wib
from search.calendar import Calendar
from tests.search.fixtures import MORE
from tests.web.conftest import HOSTILE, asn_alert_doc
from tests.web.test_search_page import hrefs, ids


def total(page: str) -> int:
    found = re.search(r'<p class="total">(\d+) berita cocok', page)
    assert found, page
    return int(found.group(1))


def test_the_stage_select_lists_the_calendar_grouped_by_election(client: TestClient) -> None:
    page = client.get("/", params={"during": "masa_tenang"}).text
    assert '<optgroup label="Pilkada Serentak 2024">' in page
    assert (
        '<option value="pilkada2024:masa_tenang" selected>Masa tenang (24 Nov 2024 – 26 Nov 2024)'
        in page
    )  # an unqualified key selects its election's stage
    assert "tahapan: Masa tenang (Pilkada Serentak 2024) ×" in html.unescape(page)
    assert total(page) == 0  # the fixture articles are from December


def test_a_stage_limits_the_hits_to_its_days(client: TestClient) -> None:
    since, until = Calendar.bundled().stage("rekapitulasi").stage.span()
    indexed = [*MORE, HOSTILE, asn_alert_doc()]
    dated = [d.article.published_at for d in indexed]
    expected = sum(1 for at in dated if at and since <= at < until)
    page = client.get("/", params={"during": "pilkada2024:rekapitulasi"}).text
    assert total(page) == expected < total(client.get("/").text)


def test_dates_and_the_stage_are_removable_chips(client: TestClient) -> None:
    params = {"since": "3 Des 2024", "until": "9 Des 2024", "during": "rekapitulasi"}
    page = html.unescape(client.get("/", params=params).text)
    for chip in ("sejak: 3 Des 2024 ×", "sampai: 9 Des 2024 ×", "tahapan: Penghitungan"):
        assert chip in page
    [without] = [h for h in hrefs(page, "until=9") if "since" not in h]
    assert "during=rekapitulasi" in without
    narrowed = total(page)
    assert total(client.get(without).text) > narrowed  # removing "since" finds more


def test_the_time_zone_is_kept_and_times_are_shown_in_it(client: TestClient) -> None:
    page = client.get("/", params={"q": "camat", "tz": "Asia/Makassar"}).text
    assert '<option value="Asia/Makassar" selected>WITA</option>' in page
    hit = next(d for d in MORE if d.id in ids(page))
    assert wib(hit.article.published_at, zone="WITA") in page
    assert wib(hit.article.published_at) not in page  # not in WIB
    assert "waktu dalam WITA</footer>" in page
    assert all("tz=Asia%2FMakassar" in h for h in hrefs(page, "topic="))  # links keep it
    assert "UTC" in client.get("/", params={"q": "camat", "tz": "UTC"}).text


def test_shortcuts_replace_the_dates_and_keep_the_rest(client: TestClient) -> None:
    page = client.get("/trends", params={"q": "camat", "since": "2024-12-01", "tz": "UTC"}).text
    links = dict(re.findall(r'<a href="([^"]*)">([^<]+)</a>', page.split('class="shortcuts"')[1]))
    by_label = {label: html.unescape(href) for href, label in links.items()}
    assert by_label["7 hari terakhir"] == "?q=camat&tz=UTC&since=7+hari"
    assert by_label["masa tenang"] == "?q=camat&tz=UTC&during=masa_tenang"
    for href in by_label.values():
        assert client.get("/trends" + href).status_code == 200


@pytest.mark.parametrize(
    ("q", "caret"),
    [("netral (kampanye", "netral (kampanye\n       ^"), ('bawaslu "politik uang', "        ^")],
)
def test_a_syntax_error_points_at_the_character(client: TestClient, q: str, caret: str) -> None:
    for path in ("/", "/trends"):
        r = client.get(path, params={"q": q})
        assert r.status_code == 400
        where = re.search(r'<pre class="error-at"[^>]*>(.*?)</pre>', r.text, re.S)
        assert where and caret in html.unescape(where.group(1))


def test_alert_feed_dates_are_read_like_search_dates(client: TestClient) -> None:
    assert client.get("/alerts", params={"since": "1 Nov 2024"}).status_code == 200
    bad = client.get("/alerts", params={"since": "sebentar lagi"})
    assert bad.status_code == 400
    assert "tidak dapat dibaca sebagai tanggal" in html.unescape(bad.text)
    assert "30 Nov 2024" in html.unescape(bad.text)  # the short help
