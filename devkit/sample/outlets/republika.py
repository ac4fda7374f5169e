"""Republika's sample pages: articles (an ANTARA copy), RSS with dc:creator, index."""

from __future__ import annotations

from datetime import datetime

from devkit.sample.outlet import (
    Card,
    OutletSample,
    OutletStory,
    a,
    antara_paragraphs,
    head,
    ps,
    short_date,
    t,
    texts,
)

STORIES: tuple[OutletStory, ...] = (
    OutletStory(
        key="republika-copy-bkn",
        outlet="republika",
        host="news.republika.co.id",
        path="/berita/smn4k2x81/bkn-sanksi-12-asn-pemprov-dki-tidak-netral",
        title="BKN Sanksi 12 ASN Pemprov DKI tidak Netral",
        local_time="2024-11-05 16:30",
        city="Jakarta",
        paragraphs=antara_paragraphs("asn-bkn-sanksi-dki")[:-1],
        tags=("BKN", "ASN"),
        reporters=("Antara",),
        editor=None,
        caption="Aparatur sipil negara mengikuti apel.",
        section="News",
        copy_of="asn-bkn-sanksi-dki",
    ),
    OutletStory(
        key="republika-dpt-jabar",
        outlet="republika",
        host="rejabar.republika.co.id",
        path="/berita/smq7a1b09/bawaslu-jabar-minta-kpu-coret-pemilih-meninggal",
        title="Bawaslu Jabar Minta KPU Coret Pemilih Meninggal",
        local_time="2024-11-12 13:00",
        city="Bandung",
        paragraphs=(
            "Bawaslu Jawa Barat meminta KPU mencoret ribuan nama pemilih yang sudah meninggal "
            "dunia namun masih tercantum dalam daftar pemilih tetap.",
            "Anggota Bawaslu Jawa Barat Asep Mulyana mengatakan temuan itu berasal dari "
            "pencocokan data dengan catatan kematian di desa dan kelurahan.",
            "KPU Jawa Barat menyatakan akan menindaklanjuti rekomendasi itu melalui rapat "
            "pleno perbaikan data.",
        ),
        tags=("DPT", "Bawaslu Jabar"),
        reporters=("Fauzi Ridwan",),
        editor=None,
        caption="Petugas memeriksa daftar pemilih.",
        section="Jawa Barat",
    ),
)


def page(s: OutletStory) -> str:
    city = (s.city or "Jakarta").upper()
    agency = " (ANTARA)" if s.copy_of else ""
    paras = texts(s, f"<strong>REPUBLIKA.CO.ID, {city}{agency}</strong> -- ")
    body = ps(paras[:1])
    body += (
        '\n<div class="baca-juga"><span>Baca Juga</span><ul><li><a href="#">Berita lain</a>'
        "</li></ul></div>\n"
    )
    body += ps(paras[1:])
    tags = "".join(f"<a href='#'>{t(tag)}</a>" for tag in s.tags)
    return f"""{head(s, "Republika Online")}<body>
<div class="breadcome"><a href="https://www.republika.co.id/">Home</a>
<a href="https://{s.host}/">{t(s.section)}</a></div>
<div class="max-card__title"><h1></h1></div>
<div class="max-card__author">Rep: {t(s.reporters[0])}</div>
<div class="date-artikel"><span>{short_date(s.published, s.zone).replace(",", "")}</span></div>
<div class="image-article"><figure><img src="https://static.republika.co.id/x.jpg" alt="">
<figcaption>{t(s.caption)}</figcaption></figure></div>
<div class="article-content">
{body}
</div>
<div class="tag-artikel">{tags}</div>
</body>
</html>
"""


def card(c: Card) -> str:
    return f"""<li class="list-group-item list-border conten1"><a href="{c.url}">
<div class="conten1"><span class="kanal-info">{a(c.section)}</span><h3>{a(c.title)}</h3></div></a>
<div class="date">{short_date(c.published, "WIB").replace(",", "")}</div></li>"""


def _archive_path(n: int, slug: str, at: datetime) -> str:
    return f"/news.republika.co.id/berita/sj{n}k4m7p2/{slug}"


SAMPLE = OutletSample(
    "republika", STORIES, page, start="feed", card=card, wrap="ul class='list-group'",
    archive_path=_archive_path, creator=True,
)  # fmt: skip
