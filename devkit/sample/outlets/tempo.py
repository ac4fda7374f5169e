"""Tempo's sample pages: articles (one paywalled), RSS, index and search."""

from __future__ import annotations

import json
from datetime import datetime

from devkit.sample.outlet import (
    MONTHS,
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
        key="tempo-debat-anggaran",
        outlet="tempo",
        host="www.tempo.co",
        path="/politik/pengamat-nilai-janji-kampanye-belum-sesuai-kemampuan-apbd-1189234",
        title="Pengamat Nilai Janji Kampanye Belum Sesuai Kemampuan APBD",
        local_time="2024-11-18 19:25",
        city="Jakarta",
        paragraphs=(
            "Sejumlah pengamat anggaran menilai janji kampanye para calon gubernur belum "
            "disertai hitungan yang sesuai dengan kemampuan anggaran daerah.",
            "Peneliti kebijakan publik Laras Widyastuti mengatakan program unggulan yang "
            "dijanjikan bisa menyedot lebih dari sepertiga belanja daerah setiap tahun.",
            '"Pemilih berhak tahu dari mana uangnya. Debat seharusnya menguji hal itu," kata '
            "Laras dalam diskusi di Jakarta, Senin.",
        ),
        tags=("Pilkada Jakarta", "APBD", "debat"),
        reporters=("Hendra Saputra",),
        editor=None,
        caption="Debat publik calon gubernur. TEMPO/Hendra Saputra",
        section="Politik",
    ),
    OutletStory(
        key="tempo-asn-kades",
        outlet="tempo",
        host="www.tempo.co",
        path="/politik/kepala-desa-di-kendal-diduga-arahkan-warga-pilih-paslon-1190001",
        title="Kepala Desa di Kendal Diduga Arahkan Warga Pilih Paslon",
        local_time="2024-11-21 08:05",
        city="Kendal",
        paragraphs=(
            "Bawaslu Kendal menelusuri dugaan seorang kepala desa mengarahkan warganya memilih "
            "salah satu pasangan calon bupati dalam pertemuan rukun tetangga.",
            "Rekaman pertemuan itu beredar di grup percakapan warga dan dilaporkan oleh "
            "seorang tokoh pemuda setempat.",
        ),
        tags=("netralitas", "kepala desa", "Kendal"),
        reporters=("Dinda Kurniasih",),
        editor=None,
        caption="Ilustrasi pengawasan Pilkada. TEMPO/Dinda Kurniasih",
        section="Politik",
        paywalled=True,
    ),
)


def _tempo_jsonld(s: OutletStory) -> str:
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": s.title,
        "datePublished": s.published.isoformat(),
        "isAccessibleForFree": not s.paywalled,
    }
    if s.paywalled:  # schema.org's paywall markup: which part of the page is for subscribers
        data["hasPart"] = {"@type": "WebPageElement", "isAccessibleForFree": False,
                           "cssSelector": ".paywall"}  # fmt: skip
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>\n'


# The body stops after the free paragraphs; the rest is not in the page at all.
_TEMPO_PAYWALL = """
<div class="paywall" id="paywall-box"><div class="box-subscribe">
<h3>Konten Eksklusif Tempo</h3>
<p>Baca berita selengkapnya dengan berlangganan Tempo Digital.</p>
<a class="btn-subscribe" href="https://langganan.tempo.co/">Berlangganan</a>
<p>Sudah berlangganan? <a href="https://www.tempo.co/login">Masuk</a></p>
</div></div>"""


def page(s: OutletStory) -> str:
    paras = texts(s, f"TEMPO.CO, {s.city} - ")
    body = ps(paras)
    if s.paywalled:
        body += _TEMPO_PAYWALL
    else:
        body += "\n<p>Pilihan Editor: Bawaslu Minta Pengawas TPS Siaga Sejak Subuh</p>"
    meta = f'<meta property="article:published_time" content="{s.published.isoformat()}">\n'
    meta += _tempo_jsonld(s)
    tags = "".join(f"<a href='#'>{t(tag)}</a>" for tag in s.tags)
    return f"""{head(s, "tempo.co", meta)}<body>
<nav class="breadcrumbs"><a href="https://www.tempo.co/">Home</a>
<a href="https://www.tempo.co/politik">{t(s.section)}</a></nav>
<article><h1 class="title">{t(s.title)}</h1>
<div class="detail-author"><a href="#">{t(s.reporters[0])}</a></div>
<figure class="detail-image"><img src="https://statik.tempo.co/x.jpg" alt="">
<figcaption>{t(s.caption)}</figcaption></figure>
<div class="detail-content">
{body}
<div class="detail-related"><a href="#">Berita terkait lain</a></div>
</div>
<div class="detail-tags">{tags}</div>
</article>
</body>
</html>
"""


def card(c: Card) -> str:
    day = f"{c.published.day} {MONTHS[c.published.month - 1]} {c.published.year}"
    return f"""<div class="card-box ft240 margin-bottom-sm"><article class="text-card">
<span class="kanal">{a(c.section)}</span>
<h2 class="title"><a href="{c.url}">{a(c.title)}</a></h2>
<h4 class="date"><time datetime="{c.published.isoformat()}">{day}</time></h4>
</article></div>"""


def _archive_path(n: int, slug: str, at: datetime) -> str:
    return f"/www.tempo.co/politik/{slug}-11700{n}5"


SAMPLE = OutletSample(
    "tempo", STORIES, page, start="feed", card=card, wrap="section class='list-indeks'",
    archive_path=_archive_path,
)  # fmt: skip
