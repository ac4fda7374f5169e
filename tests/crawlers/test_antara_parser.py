"""ANTARA article pages (current and older design) -> RawArticle, from fixture bytes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from scrapy.http import HtmlResponse

from crawlers.parsers.article import parse_article
from crawlers.parsers.html import PageError
from devkit.server import SAMPLE_ROOT
from pipeline.events import article_id
from pipeline.fingerprint import simhash

MakeResponse = Callable[..., HtmlResponse]
NOISE = ("Baca juga", "Pewarta", "Editor:", "Copyright", "adsbygoogle", "googletag",
         "ANTARA/", "(ANTARA)", "Dilarang keras", "#")  # fmt: skip


def expected_body(story: dict[str, Any]) -> str:
    return "\n\n".join(story["paragraphs"])


def test_current_design_page(sample_response: Callable[[str], HtmlResponse]) -> None:
    parsed = parse_article(sample_response("asn-bkn-sanksi-dki"))
    article = parsed.article
    canonical = (
        "https://www.antaranews.com/berita/4432810/"
        "bkn-jatuhkan-sanksi-kepada-12-asn-pemprov-dki-yang-tidak-netral"
    )
    assert article.url == canonical
    assert article.id == article_id(canonical)
    assert article.host == "www.antaranews.com"
    assert article.source == "antara"
    assert article.title == "BKN jatuhkan sanksi kepada 12 ASN Pemprov DKI yang tidak netral"
    assert article.published_at == datetime(2024, 11, 5, 6, 45, tzinfo=UTC)
    assert article.published_raw == "2024-11-05T13:45:00+07:00"
    assert article.updated_at == datetime(2024, 11, 5, 8, 45, tzinfo=UTC)
    assert article.section == "Politik"
    assert article.tags == ["BKN", "KASN", "netralitas ASN", "Pemprov DKI"]
    assert article.reporters == ["Dimas Prasetyo"]
    assert article.editor == "Sri Haryati"
    assert article.dateline == "Jakarta"
    assert article.image_caption == (
        "Ilustrasi - Aparatur sipil negara mengikuti apel netralitas di Balai Kota Jakarta. "
        "ANTARA/Dimas Prasetyo/dp."
    )
    assert article.body.startswith("Badan Kepegawaian Negara (BKN) menjatuhkan sanksi")
    assert article.body.endswith("kota dan kabupaten administrasi.")
    assert len(article.paragraphs) == 7
    # the inline photo inside the body is a caption, not text
    assert "Suasana apel siaga" not in article.body
    assert article.fingerprint == simhash(article.body)
    assert parsed.warnings == []


def test_older_design_page(sample_response: Callable[[str], HtmlResponse]) -> None:
    article = parse_article(sample_response("asn-walkot-jakpus")).article
    assert article.url == (
        "https://megapolitan.antaranews.com/berita/312120/"
        "wali-kota-jakarta-pusat-minta-asn-jaga-netralitas"
    )
    assert article.host == "megapolitan.antaranews.com"
    assert article.title == "Wali Kota Jakarta Pusat minta ASN jaga netralitas jelang pencoblosan"
    # <time datetime> wins over the printed date; both say 11:30 WIB
    assert article.published_raw == "2024-09-24T11:30:00+07:00"
    assert article.published_at == datetime(2024, 9, 24, 4, 30, tzinfo=UTC)
    assert article.section == "Metro"
    assert article.tags == ["Jakarta Pusat", "netralitas ASN", "pakta integritas"]
    assert article.reporters == ["Lia Wanadriani Santosa"]
    assert article.editor == "Sri Haryati"
    assert article.dateline == "Jakarta"
    assert "Baca juga" not in article.body  # a plain-text line here, not a span
    assert article.image_caption is not None
    assert article.image_caption.endswith("ANTARA/Lia Wanadriani Santosa/lws.")


def test_older_design_with_printed_date_only(sample_response: Callable[..., Any]) -> None:
    article = parse_article(sample_response("apk-bandung")).article
    assert article.published_raw == "Rabu, 30 Oktober 2024 14:05 WIB"
    assert article.published_at == datetime(2024, 10, 30, 7, 5, tzinfo=UTC)
    assert article.dateline == "Bandung"


def test_every_sample_page_matches_its_manifest(
    stories: dict[str, dict[str, Any]], sample_response: Callable[[str], HtmlResponse]
) -> None:
    for key, story in stories.items():
        article = parse_article(sample_response(key)).article
        assert article.url == story["url"], key
        assert article.title == story["title"], key
        assert article.body == expected_body(story), key
        for noise in NOISE:
            assert noise not in article.body, (key, noise)
        if story["published_at"]:  # the undated page: see the test below
            assert article.published_at == datetime.fromisoformat(story["published_at"]), key
        assert article.section == story["section"], key
        assert article.tags == story["tags"], key
        assert article.reporters == story["reporters"], key
        assert article.editor == story["editor"], key
        assert article.dateline == story["dateline"], key
        assert article.image_caption == story["image_caption"], key


def test_wita_dates_become_utc(sample_response: Callable[[str], HtmlResponse]) -> None:
    article = parse_article(sample_response("asn-medsos-ntb")).article
    assert article.published_raw == "2024-11-12T15:10:00+08:00"
    assert article.published_at == datetime(2024, 11, 12, 7, 10, tzinfo=UTC)


def test_broken_json_ld_falls_back_to_meta(sample_response: Callable[..., Any]) -> None:
    parsed = parse_article(sample_response("uang-serangan-fajar"))
    assert parsed.article.published_raw == "2024-11-24T12:00:00+07:00"
    assert parsed.article.published_at == datetime(2024, 11, 24, 5, 0, tzinfo=UTC)
    assert parsed.article.updated_at is None  # dateModified was in the broken block


def test_printed_date_when_no_structured_date(sample_response: Callable[..., Any]) -> None:
    article = parse_article(sample_response("hoaks-surat-suara")).article
    assert article.published_raw == "Rabu, 20 November 2024 10:40 WIB"
    assert article.published_at == datetime(2024, 11, 20, 3, 40, tzinfo=UTC)


def test_page_without_printed_date_gets_the_day_htmldate_finds(
    sample_response: Callable[..., Any],
) -> None:
    # The page prints no date; its image paths (/2024/11/29/) still say the day.
    parsed = parse_article(sample_response("mrt-akhir-pekan"))
    assert parsed.article.published_at == datetime(2024, 11, 28, 17, 0, tzinfo=UTC)
    assert parsed.article.published_raw == "2024-11-29"
    assert parsed.warnings == ["date_guessed"]
    assert parsed.article.body


def test_two_reporters(sample_response: Callable[[str], HtmlResponse]) -> None:
    article = parse_article(sample_response("asn-lurah-jakut")).article
    assert article.reporters == ["Fauzan Hakim", "Rina Oktaviani"]


def _page(stories: dict[str, Any], key: str) -> bytes:
    path: str = stories[key]["path"]
    return (SAMPLE_ROOT / (path.lstrip("/") + ".html")).read_bytes()


def test_date_is_never_taken_from_the_body(
    stories: dict[str, Any], response_from: MakeResponse
) -> None:
    page = _page(stories, "mrt-akhir-pekan").replace(
        b"kata Ahmad di Jakarta.", b"kata Ahmad di Jakarta, Kamis (28/11/2024) pukul 10.00 WIB."
    )
    article = parse_article(response_from(page)).article
    assert "Kamis (28/11/2024)" in article.body
    # the day of the page's image paths, not the 28th the body speaks of
    assert article.published_at == datetime(2024, 11, 28, 17, 0, tzinfo=UTC)


def test_amp_url_without_canonical_link_maps_to_the_article(
    stories: dict[str, Any], response_from: MakeResponse
) -> None:
    story = stories["asn-bkn-sanksi-dki"]
    page = _page(stories, "asn-bkn-sanksi-dki").replace(b'rel="canonical"', b'rel="x-removed"')
    amp = "https://m.antaranews.com/amp" + story["path"] + "?utm_source=antaranews&utm_medium=amp"
    article = parse_article(response_from(page, url=amp)).article
    assert article.url == story["url"]
    assert article.id == article_id(story["url"])


def test_tracking_parameters_are_dropped_from_canonical(
    stories: dict[str, Any], response_from: MakeResponse
) -> None:
    story = stories["asn-bkn-sanksi-dki"]
    url = story["url"].encode()
    page = _page(stories, "asn-bkn-sanksi-dki").replace(
        b'canonical" href="' + url, b'canonical" href="' + url + b"?utm_source=x&amp;utm_campaign=y"
    )
    assert parse_article(response_from(page)).article.url == story["url"]


CHALLENGE = """<!DOCTYPE html><html><head><title>Just a moment...</title></head>
<body><div id="cf-wrapper">Checking your browser before accessing antaranews.com.</div>
<script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1"></script></body></html>"""
DENIED = """<html><head><title>Access Denied</title></head><body><h1>Access Denied</h1>
You don't have permission to access "http://www.antaranews.com/berita/1/x" on this server.
</body></html>"""


@pytest.mark.parametrize(("page", "status"), [(CHALLENGE, 200), (CHALLENGE, 503), (DENIED, 403)])
def test_block_pages_are_errors(response_from: MakeResponse, page: str, status: int) -> None:
    with pytest.raises(PageError) as caught:
        parse_article(response_from(page, status=status))
    assert caught.value.reason == "blocked"


def test_an_article_about_access_denied_is_not_a_block_page(
    stories: dict[str, Any], response_from: MakeResponse
) -> None:
    page = _page(stories, "hoaks-polri").replace(
        b"Ia mengimbau masyarakat", b"Pesan Access Denied muncul. Ia mengimbau masyarakat"
    )
    assert "Access Denied" in parse_article(response_from(page)).article.body


def test_truncated_page_is_no_body(response_from: MakeResponse) -> None:
    path = "berita/4449999/kpu-dki-umumkan-hasil-rekapitulasi-suara-tingkat-provinsi.html"
    with pytest.raises(PageError) as caught:
        parse_article(response_from((SAMPLE_ROOT / path).read_bytes()))
    assert caught.value.reason == "no_body"


def test_page_without_headline_is_no_title(response_from: MakeResponse) -> None:
    page = """<html><head><title>ANTARA News</title></head><body>
    <div class="wrap__article-detail-content post-content">Jakarta (ANTARA) - Isi berita.</div>
    </body></html>"""
    with pytest.raises(PageError) as caught:
        parse_article(response_from(page))
    assert caught.value.reason == "no_title"


def test_body_of_only_noise_is_no_body(response_from: MakeResponse) -> None:
    page = """<html><head><title>x</title></head><body>
    <div class="wrap__article-detail-title"><h1>Judul berita</h1></div>
    <div class="wrap__article-detail-content post-content">
    <p><span class="baca-juga"><b>Baca juga: </b><a href="/berita/2/y">Lain</a></span></p>
    <script>googletag.cmd.push(function(){});</script>
    <p class="text-muted mt-2 small">Pewarta: A<br>Editor: B<br>Copyright © ANTARA 2024</p>
    </div></body></html>"""
    with pytest.raises(PageError) as caught:
        parse_article(response_from(page))
    assert caught.value.reason == "no_body"


def test_antara_strips_baca_juga(response_from: MakeResponse) -> None:
    page = """<html><head><title>x</title></head><body>
    <div class="wrap__article-detail-title"><h1>Judul berita</h1></div>
    <div class="wrap__article-detail-content post-content">
    <p>Mataram (ANTARA) - Kalimat pertama. <span class="baca-juga"><b>Baca juga: </b>
    <a href="/berita/2/y">Berita lain</a></span> Kalimat kedua.</p>
    Baca juga: Berita ketiga<br><br>Paragraf terakhir.<br><br>
    </div></body></html>"""
    article = parse_article(response_from(page)).article
    assert article.dateline == "Mataram"
    assert article.paragraphs == ["Kalimat pertama. Kalimat kedua.", "Paragraf terakhir."]
