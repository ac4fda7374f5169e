"""Article pages of detik, kompas, tempo, liputan6, republika, RMOL and an unknown outlet."""

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

LOCAL = "http://127.0.0.1:8765"
NOISE = ("Baca juga", "Baca Juga", "SCROLL TO CONTINUE", "ADVERTISEMENT", "Advertisement",
         "Pilihan Untukmu", "Simak breaking news", "Pilihan Editor", "berlangganan",
         "KOMPAS.com", "TEMPO.CO", "Liputan6.com", "REPUBLIKA.CO.ID", "RMOL.", "(ANTARA)",
         "adsbygoogle", "Terpopuler", "Hak cipta")  # fmt: skip


@pytest.fixture(scope="module")
def outlet_stories() -> dict[str, dict[str, Any]]:
    import json

    manifest = json.loads((SAMPLE_ROOT / "manifest.json").read_text("utf-8"))
    return {a["key"]: a for a in manifest["outlet_articles"]}


@pytest.fixture
def outlet_page(outlet_stories: dict[str, dict[str, Any]]) -> Callable[..., HtmlResponse]:
    def make(
        key: str, *, url: str | None = None, replace: tuple[bytes, bytes] | None = None
    ) -> Any:
        path = outlet_stories[key]["path"]
        body = (SAMPLE_ROOT / (path.lstrip("/") + ".html")).read_bytes()
        if replace:
            body = body.replace(*replace)
        return HtmlResponse(url=url or LOCAL + path, body=body, encoding="utf-8")

    return make


def test_every_outlet_page_matches_its_manifest(
    outlet_stories: dict[str, dict[str, Any]], outlet_page: Callable[..., HtmlResponse]
) -> None:
    for key, story in outlet_stories.items():
        article = parse_article(outlet_page(key)).article
        assert article.url == story["url"], key
        assert article.id == article_id(story["url"]), key
        assert article.title == story["title"], key
        assert article.body == "\n\n".join(story["paragraphs"]), key
        assert article.published_at == datetime.fromisoformat(story["published_at"]), key
        assert article.section == story["section"], key
        assert article.tags == story["tags"], key
        assert article.reporters == story["reporters"], key
        assert article.editor == story["editor"], key
        assert article.dateline == story["dateline"], key
        assert article.image_caption == story["image_caption"], key
        for noise in NOISE:
            assert noise not in article.body, (key, noise)


@pytest.mark.parametrize(
    ("key", "source", "raw", "utc"),
    [
        ("detik-warga-rusun", "detik", "Kamis, 28 Nov 2024 17:02 WIB", (2024, 11, 28, 10, 2)),
        ("kompas-politik-uang", "kompas", "Kompas.com - 27/11/2024, 20:11 WIB",
         (2024, 11, 27, 13, 11)),
        ("kompas-rekap-sulsel", "kompas", "Kompas.com - 30/11/2024, 09:35 WITA",
         (2024, 11, 30, 1, 35)),
        ("tempo-debat-anggaran", "tempo", "2024-11-18T19:25:00+07:00", (2024, 11, 18, 12, 25)),
        ("liputan6-logistik-papua", "liputan6", "2024-11-25T14:20:00+09:00",
         (2024, 11, 25, 5, 20)),
        ("republika-dpt-jabar", "republika", "Selasa 12 Nov 2024 13:00 WIB",
         (2024, 11, 12, 6, 0)),
        ("rmol-pengawas-tps", "rmol", "JUMAT, 04 OKTOBER 2024 | 01:27 WIB | LAPORAN: AHMAD FAUZI",
         (2024, 10, 3, 18, 27)),
        ("generic-kabar-daerah", "kabarpilkada.example", "2024-11-29T07:30:00+07:00",
         (2024, 11, 29, 0, 30)),
    ],
)  # fmt: skip
def test_outlet_dates_and_sources(
    outlet_page: Callable[..., HtmlResponse],
    key: str,
    source: str,
    raw: str,
    utc: tuple[int, int, int, int, int],
) -> None:
    article = parse_article(outlet_page(key)).article
    assert article.source == source
    assert article.published_raw == raw
    year, month, day, hour, minute = utc
    assert article.published_at == datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_rmol_reporter_comes_from_the_capitals_header(outlet_page: Callable[..., Any]) -> None:
    assert parse_article(outlet_page("rmol-pengawas-tps")).article.reporters == ["Ahmad Fauzi"]


def test_republika_empty_h1_falls_back_to_og_title(outlet_page: Callable[..., Any]) -> None:
    article = parse_article(outlet_page("republika-dpt-jabar")).article
    assert article.title == "Bawaslu Jabar Minta KPU Coret Pemilih Meninggal"


def test_tempo_paywall_keeps_the_free_paragraphs_and_warns(
    outlet_page: Callable[..., Any], outlet_stories: dict[str, dict[str, Any]]
) -> None:
    parsed = parse_article(outlet_page("tempo-asn-kades"))
    assert parsed.warnings == ["paywalled"]
    story = outlet_stories["tempo-asn-kades"]
    assert story["paywalled"] is True
    assert parsed.article.paragraphs == story["paragraphs"]
    assert parsed.article.paywalled
    assert "berlangganan" not in parsed.article.body.lower()
    free = parse_article(outlet_page("tempo-debat-anggaran"))
    assert "paywalled" not in free.warnings  # isAccessibleForFree: true
    assert not free.article.paywalled


@pytest.mark.parametrize(
    "jsonld",
    [
        '{"@type": "NewsArticle", "isAccessibleForFree": false}',
        '{"@type": "NewsArticle", "isAccessibleForFree": "False", "hasPart": '
        '{"@type": "WebPageElement", "isAccessibleForFree": "False", "cssSelector": ".x"}}',
    ],
)
def test_schema_org_paywall_markup_is_recognised_on_any_site(jsonld: str) -> None:
    script = f'<script type="application/ld+json">{jsonld}</script></head>'
    page = GENERIC.replace("</head>", script)
    url = "https://suarapesisir.example/daerah/x"
    parsed = parse_article(HtmlResponse(url=url, body=page.encode(), encoding="utf-8"))
    assert "paywalled" in parsed.warnings
    assert len(parsed.article.paragraphs) == 3


@pytest.mark.parametrize("key", ["detik-copy-bkn", "republika-copy-bkn"])
def test_antara_dateline_on_another_outlet_is_flagged(
    outlet_page: Callable[..., Any], key: str
) -> None:
    parsed = parse_article(outlet_page(key))
    assert "agency_dateline" in parsed.warnings
    assert parsed.article.dateline == "Jakarta"
    assert parsed.article.body.startswith("Badan Kepegawaian Negara (BKN)")


def test_kompas_page_all_and_amp_variants_share_one_id(outlet_page: Callable[..., Any]) -> None:
    canonical = b'<link rel="canonical"'
    no_canonical = (canonical, b'<link rel="x-removed"')
    url = "https://nasional.kompas.com/read/2024/11/27/20110021/bawaslu-temukan-amplop"
    for variant in (url + "?page=all", url.replace(".com/read", ".com/amp/read") + "?page=all"):
        article = parse_article(outlet_page("kompas-politik-uang", url=variant,
                                            replace=no_canonical)).article  # fmt: skip
        assert article.url == url


def test_rmol_amp_copy_maps_to_the_article(outlet_page: Callable[..., Any]) -> None:
    amp = "https://rmol.id/amp/politik/read/2024/10/04/634512/x?utm_source=wa"
    page = outlet_page("rmol-pengawas-tps", url=amp, replace=(b'rel="canonical"', b'rel="x"'))
    assert parse_article(page).article.url == "https://rmol.id/politik/read/2024/10/04/634512/x"


def test_detik_strips_scroll_marker_and_inline_links(outlet_page: Callable[..., Any]) -> None:
    article = parse_article(outlet_page("detik-asn-kelurahan")).article
    assert len(article.paragraphs) == 4
    assert article.reporters == ["Yoga Pratama"]


GENERIC = """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>Warga Pesisir Diajak Awasi Pilkada | Suara Pesisir</title>
<meta property="og:title" content="Warga Pesisir Diajak Awasi Pilkada">
<meta property="article:published_time" content="2024-11-20T09:00:00+08:00">
<meta name="author" content="Yusuf Rahman">
</head><body><nav><a href="/">Beranda</a> <a href="/daerah">Daerah</a></nav>
<article><h1>Warga Pesisir Diajak Awasi Pilkada</h1>
<p>Kendari - Bawaslu Kota Kendari mengajak warga di kawasan pesisir ikut mengawasi tahapan
pemungutan suara dan melaporkan dugaan pelanggaran melalui posko pengaduan.</p>
<p>Ketua Bawaslu setempat mengatakan posko dibuka di setiap kelurahan pesisir sampai hari
penghitungan suara selesai, termasuk pada malam hari.</p>
<p>Warga juga diminta tidak menerima pemberian uang atau barang dari tim kampanye.</p>
</article><footer>Hak cipta Suara Pesisir</footer></body></html>"""


def test_generic_extractor_reads_meta_and_body() -> None:
    url = "https://suarapesisir.example/daerah/warga-pesisir-diajak-awasi-pilkada?utm_source=x"
    parsed = parse_article(HtmlResponse(url=url, body=GENERIC.encode(), encoding="utf-8"))
    article = parsed.article
    assert article.url == "https://suarapesisir.example/daerah/warga-pesisir-diajak-awasi-pilkada"
    assert article.source == "suarapesisir.example"
    assert article.title == "Warga Pesisir Diajak Awasi Pilkada"
    assert article.published_at == datetime(2024, 11, 20, 1, 0, tzinfo=UTC)
    assert article.reporters == ["Yusuf Rahman"]
    assert article.dateline == "Kendari"
    assert article.paragraphs[0].startswith("Bawaslu Kota Kendari mengajak warga")
    assert len(article.paragraphs) == 3
    assert "Hak cipta" not in article.body
    assert parsed.warnings == ["generic_extractor"]


def test_generic_page_without_text_is_no_body() -> None:
    page = "<html><head><title>Beranda</title></head><body><h1>Beranda</h1></body></html>"
    response = HtmlResponse(url="https://suarapesisir.example/", body=page.encode())
    with pytest.raises(PageError) as caught:
        parse_article(response)
    assert caught.value.reason == "no_body"


def test_page_declared_as_windows_1252_by_meta_charset() -> None:
    page = GENERIC.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    page = page.replace("Warga juga diminta", "Warga juga diminta \u201cwaspada\u201d dan")
    body = page.encode("cp1252")
    # no charset in the headers: Scrapy must honour the page's own <meta charset>
    response = HtmlResponse(url="https://suarapesisir.example/daerah/x", body=body)
    article = parse_article(response).article
    assert "\u201cwaspada\u201d" in article.body


def test_broken_html_still_yields_the_article(outlet_page: Callable[..., Any]) -> None:
    page = outlet_page("kompas-politik-uang")
    cut = page.body.replace(b"</div></div>", b"<div><p><b>", 1).replace(b"</body>", b"")
    article = parse_article(page.replace(body=cut)).article
    assert article.title == "Bawaslu Temukan Amplop Berisi Uang di Posko Relawan"
    assert article.paragraphs[0].startswith("Bawaslu Provinsi DKI Jakarta")
