"""Kompas.com's sample pages: articles, RSS, a news sitemap behind an index, indeks."""

from __future__ import annotations

from datetime import datetime

from crawlers.outlets import kompas as rules
from devkit.sample.outlet import (
    AD,
    BASE,
    WIB,
    Card,
    OutletSample,
    OutletStory,
    a,
    head,
    local,
    newest,
    ps,
    t,
    texts,
)

STORIES: tuple[OutletStory, ...] = (
    OutletStory(
        key="kompas-politik-uang",
        outlet="kompas",
        host="nasional.kompas.com",
        path="/read/2024/11/27/20110021/bawaslu-temukan-amplop-berisi-uang-di-posko-relawan",
        title="Bawaslu Temukan Amplop Berisi Uang di Posko Relawan",
        local_time="2024-11-27 20:11",
        city="Jakarta",
        paragraphs=(
            "Bawaslu Provinsi DKI Jakarta menemukan puluhan amplop berisi uang tunai di sebuah "
            "posko relawan di Jakarta Selatan pada malam terakhir masa tenang.",
            "Anggota Bawaslu DKI Jakarta Dewi Kartika mengatakan temuan itu berawal dari "
            "laporan warga yang melihat antrean di depan posko menjelang tengah malam.",
            '"Amplop sudah kami amankan bersama kepolisian dan akan dibahas di Sentra '
            'Gakkumdu besok pagi," kata Dewi saat dihubungi.',
            "Ia mengingatkan bahwa pemberi maupun penerima uang untuk memengaruhi pilihan "
            "dapat dijerat pidana pemilihan.",
        ),
        tags=("politik uang", "Bawaslu DKI", "masa tenang"),
        reporters=("Irfan Maulana",),
        editor="Diamanty Meiliana",
        caption="Barang bukti amplop yang diamankan Bawaslu DKI Jakarta.",
        section="Nasional",
    ),
    OutletStory(
        key="kompas-rekap-sulsel",
        outlet="kompas",
        host="makassar.kompas.com",
        path="/read/2024/11/30/09350081/rekapitulasi-suara-di-gowa-diwarnai-keberatan-saksi",
        title="Rekapitulasi Suara di Gowa Diwarnai Keberatan Saksi",
        local_time="2024-11-30 09:35",
        zone="WITA",
        city="Gowa",
        paragraphs=(
            "Rapat pleno rekapitulasi suara tingkat kabupaten di Gowa, Sulawesi Selatan, "
            "diwarnai keberatan saksi salah satu pasangan calon bupati.",
            "Saksi mempersoalkan selisih jumlah pengguna hak pilih di dua kecamatan yang tidak "
            "sesuai dengan salinan formulir hasil di tingkat TPS.",
            "Ketua Bawaslu Gowa Rahmat Saleh mengatakan pihaknya merekomendasikan pencocokan "
            "ulang formulir sebelum pleno dilanjutkan.",
        ),
        tags=("rekapitulasi", "Pilkada Gowa"),
        reporters=("Nurul Hidayah",),
        editor="Aprillia Ika",
        caption="Suasana pleno rekapitulasi di Gowa.",
        section="Makassar",
    ),
)


def page(s: OutletStory) -> str:
    city = (s.city or "Jakarta").upper()
    paras = texts(s, f"<strong>{city}, KOMPAS.com</strong> - ")
    body = ps(paras[:2])
    body += (
        '\n<div class="inject-baca-juga"><strong>Baca juga:</strong> '
        '<a href="https://nasional.kompas.com/read/2024/11/20/1/lain">Berita lain</a></div>\n'
        + AD
        + "\n"
    )
    body += ps(paras[2:])
    body += (
        '\n<div class="kompasidRec"><p>Pilihan Untukmu: promo langganan Kompas.id</p></div>'
        "\n<p>Simak breaking news dan berita pilihan kami langsung di ponselmu.</p>\n"
    )
    tags = "".join(f"<li><a href='#'>{t(tag)}</a></li>" for tag in s.tags)
    credit = f'<div class="credit-title-name">Penulis: {t(s.reporters[0])}</div>'
    if s.editor:
        credit += f'\n<div class="credit-title-name">Editor: {t(s.editor)}</div>'
    return f"""{head(s, "Kompas.com")}<body>
<ul class="breadcrumb"><li class="breadcrumb__item"><a href="https://www.kompas.com/">Home</a></li>
<li class="breadcrumb__item"><a href="https://{s.host}/">{t(s.section)}</a></li></ul>
<div class="read__header"><h1 class="read__title">{t(s.title)}</h1>
<div class="read__time">Kompas.com - {s.published:%d/%m/%Y, %H:%M} {s.zone}</div></div>
<div class="photo"><div class="photo__wrap"><img src="https://asset.kompas.com/x.jpg" alt=""></div>
<div class="photo__caption">{t(s.caption)}</div></div>
<div class="read__content"><div class="clearfix">
{body}
</div></div>
<div class="read__credit">{credit}</div>
<ul class="tag__article__wrap">{tags}</ul>
</body>
</html>
"""


def card(c: Card) -> str:
    return f"""<div class="articleItem"><a class="article-link" href="{c.url}">
<div class="articleItem-img"><img src="https://asset.kompas.com/crops/x.jpg" alt=""></div>
<div class="articleItem-box"><h2 class="articleTitle">{a(c.title)}</h2>
<div class="articlePost"><ul><li class="articlePost-subtitle">{a(c.section)}</li>
<li class="articlePost-date">{c.published:%d/%m/%Y, %H:%M} WIB</li></ul></div></div></a></div>"""


# The crawl starts from a sitemap index that lists the news sitemap the rules name and an
# archive sitemap (skipped by a crawl bounded with --since).
SITEMAP_INDEX = "/www.kompas.com/sitemap.xml"
_NEWS = local(rules.OUTLET.sitemaps[0])
_ARCHIVE = "/www.kompas.com/sitemap-2023.xml"


def _archive_path(n: int, slug: str, at: datetime) -> str:
    return f"/nasional.kompas.com/read/{at:%Y/%m/%d}/{at:%H%M}00{n}1/{slug}"


def sitemaps() -> dict[str, str]:
    urls = []
    for s in newest(STORIES):
        loc = BASE + s.local_path + ("?page=all" if s.host.startswith("nasional") else "")
        urls.append(
            f"<url><loc>{a(loc)}</loc><news:news><news:publication>"
            "<news:name>Kompas.com</news:name><news:language>id</news:language>"
            f"</news:publication><news:publication_date>{s.published.isoformat()}"
            f"</news:publication_date><news:title>{a(s.title)}</news:title>"
            "</news:news></url>"
        )
    news = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
        + "\n".join(urls)
        + "\n</urlset>\n"
    )
    latest = max(s.published for s in STORIES)
    index = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"<sitemap><loc>{BASE}{_NEWS}</loc>"
        f"<lastmod>{latest.isoformat()}</lastmod></sitemap>\n"
        f"<sitemap><loc>{BASE}{_ARCHIVE}</loc>"
        f"<lastmod>{datetime(2023, 12, 31, tzinfo=WIB).isoformat()}</lastmod></sitemap>\n"
        "</sitemapindex>\n"
    )
    archive = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n</urlset>\n'
    )
    return {
        SITEMAP_INDEX.lstrip("/"): index,
        _NEWS.lstrip("/"): news,
        _ARCHIVE.lstrip("/"): archive,
    }


SAMPLE = OutletSample(
    "kompas", STORIES, page, start=SITEMAP_INDEX, card=card, wrap="div class='articleList -list'",
    pager="paging", archive_path=_archive_path, files=sitemaps,
)  # fmt: skip
