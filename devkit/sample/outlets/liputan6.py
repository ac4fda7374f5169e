"""Liputan6's sample pages: articles, RSS, index and search."""

from __future__ import annotations

from datetime import datetime

from devkit.sample.outlet import (
    MONTHS,
    WIB,
    Card,
    OutletSample,
    OutletStory,
    a,
    head,
    ps,
    t,
    texts,
)

STORIES: tuple[OutletStory, ...] = (
    OutletStory(
        key="liputan6-logistik-papua",
        outlet="liputan6",
        host="www.liputan6.com",
        path="/news/read/5801234/logistik-pilkada-diangkut-helikopter-ke-distrik-terpencil",
        title="Logistik Pilkada Diangkut Helikopter ke Distrik Terpencil",
        local_time="2024-11-25 14:20",
        zone="WIT",
        city="Jayapura",
        paragraphs=(
            "Logistik Pilkada untuk empat distrik terpencil di Pegunungan Bintang diangkut "
            "menggunakan helikopter karena akses darat terputus longsor.",
            "Ketua KPU setempat Marthen Wenda mengatakan surat suara dikawal aparat keamanan "
            "dan pengawas pemilu sejak keluar dari gudang.",
            "Bawaslu meminta setiap kotak suara dibuka di hadapan saksi ketika tiba di distrik "
            "agar tidak menimbulkan kecurigaan.",
        ),
        tags=("Pilkada 2024", "logistik", "Papua"),
        reporters=("Katharina Yikwa",),
        editor=None,
        caption="Helikopter mengangkut logistik Pilkada.",
        section="News",
    ),
    OutletStory(
        key="liputan6-hoaks-tps",
        outlet="liputan6",
        host="www.liputan6.com",
        path="/news/read/5802877/cek-fakta-tidak-benar-tps-di-bekasi-dipindah-ke-mal",
        title="Cek Fakta: Tidak Benar TPS di Bekasi Dipindah ke Mal",
        local_time="2024-11-26 10:00",
        city="Jakarta",
        paragraphs=(
            "Beredar pesan berantai yang menyebut seluruh TPS di Kota Bekasi dipindahkan ke "
            "pusat perbelanjaan pada hari pemungutan suara.",
            "KPU Kota Bekasi memastikan kabar itu tidak benar dan lokasi TPS tetap sesuai "
            "dengan yang tercantum pada surat pemberitahuan memilih.",
        ),
        tags=("cek fakta", "hoaks", "Bekasi"),
        reporters=("Rizky Ananda",),
        editor=None,
        caption="Ilustrasi cek fakta.",
        section="News",
    ),
)


def page(s: OutletStory) -> str:
    paras = texts(s, f"<b>Liputan6.com, {s.city}</b> - ")
    half = max(1, len(paras) // 2)
    body = (
        f'<div class="article-content-body__item-page">{ps(paras[:half])}</div>\n'
        '<div class="baca-juga-collections"><div class="baca-juga"><h2>Baca Juga</h2>'
        "<ul><li><a href='#'>Berita lain</a></li></ul></div></div>\n"
        '<div class="advertisement-placeholder">Advertisement</div>\n'
        f'<div class="article-content-body__item-page">{ps(paras[half:])}</div>'
    )
    meta = (
        f'<meta property="article:published_time" content="{s.published.isoformat()}">\n'
        f'<meta name="author" content="{a(s.reporters[0])}">\n'
    )
    tags = "".join(f"<a class='tags--snippet__link' href='#'><span class='tags--snippet__name'>"
                   f"{t(tag)}</span></a>" for tag in s.tags)  # fmt: skip
    return f"""{head(s, "Liputan6.com", meta)}<body>
<div class="read-page--breadcrumb"><a href="https://www.liputan6.com/">Home</a>
<a href="https://www.liputan6.com/news">{t(s.section)}</a></div>
<header class="read-page--header"><h1 class="read-page--header--title">{t(s.title)}</h1>
<span class="read-page--header--author__name">{t(s.reporters[0])}</span></header>
<figure class="read-page--photo-gallery--item">
<img src="https://cdn1-production.liputan6.com/x.jpg" alt="">
<figcaption class="read-page--photo-gallery--item__caption">{t(s.caption)}</figcaption></figure>
<div class="article-content-body article-content-body_with-aside">
{body}
</div>
<div class="tags--snippet">{tags}</div>
</body>
</html>
"""


def card(c: Card) -> str:
    at = c.published.astimezone(WIB)
    item = "articles--iridescent-list--text-item"
    return f"""<article class="articles--iridescent-list--item {item}">
<aside class="{item}__details">
<header><a class="{item}__category" href="#">{a(c.section)}</a>
<time class="{item}__time timeago" datetime="{at:%Y-%m-%d %H:%M:%S}"
>{at.day} {MONTHS[at.month - 1][:3]}</time></header>
<h4 class="{item}__title">
<a class="ui--a {item}__title-link" href="{c.url}" title="{a(c.title)}"
><span class="{item}__title-link-text">{a(c.title)}</span></a></h4>
</aside></article>"""


def _archive_path(n: int, slug: str, at: datetime) -> str:
    return f"/www.liputan6.com/news/read/57{n}0321/{slug}"


SAMPLE = OutletSample(
    "liputan6", STORIES, page, start="feed", card=card,
    wrap="div class='articles--iridescent-list'", archive_path=_archive_path,
)  # fmt: skip
