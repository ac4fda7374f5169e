"""A news site pantau has no rules for (kabarpilkada.example): the generic extractor's."""

from __future__ import annotations

import json

from devkit.sample.outlet import OutletSample, OutletStory, a, head, ps, t, texts

STORIES: tuple[OutletStory, ...] = (
    OutletStory(
        key="generic-kabar-daerah",
        outlet="generic",
        host="kabarpilkada.example",
        path="/2024/11/29/panwascam-temukan-kotak-suara-rusak",
        title="Panwascam Temukan Kotak Suara Rusak di Gudang Kecamatan",
        local_time="2024-11-29 07:30",
        city="Serang",
        paragraphs=(
            "Panitia pengawas kecamatan menemukan tiga kotak suara dalam keadaan rusak saat "
            "memeriksa gudang logistik kecamatan pada Jumat pagi.",
            "Ketua panwascam setempat Agus Salim mengatakan kerusakan ditemukan pada bagian "
            "pengunci dan segel plastik kotak suara.",
            "Pihaknya meminta panitia pemilihan kecamatan mengganti kotak suara tersebut "
            "sebelum rapat pleno rekapitulasi dimulai agar tidak ada keberatan dari saksi.",
            "Panitia pemilihan kecamatan menyatakan kotak pengganti sudah diminta dari gudang "
            "KPU kabupaten dan akan tiba sebelum siang.",
        ),
        tags=("kotak suara", "panwascam", "Serang"),
        reporters=("Lina Marlina",),
        editor=None,
        caption="Kotak suara yang rusak di gudang kecamatan.",
        section="Daerah",
    ),
)


def page(s: OutletStory) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": s.title,
        "datePublished": s.published.isoformat(),
        "author": [{"@type": "Person", "name": name} for name in s.reporters],
        "publisher": {"@type": "Organization", "name": "Kabar Pilkada"},
        "mainEntityOfPage": {"@type": "WebPage", "@id": s.canonical},
    }
    meta = (
        f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>\n'
        f'<meta property="article:section" content="{a(s.section)}">\n'
        + "".join(f'<meta property="article:tag" content="{a(tag)}">\n' for tag in s.tags)
    )
    paras = texts(s, f"{s.city} - ")
    nav = "".join(f'<li><a href="/kategori/{n}">{n.title()}</a></li>' for n in
                  ("daerah", "politik", "ekonomi", "olahraga"))  # fmt: skip
    return f"""{head(s, "Kabar Pilkada", meta)}<body>
<header><nav><ul class="menu">{nav}</ul></nav></header>
<main><article class="post">
<h1 class="entry-title">{t(s.title)}</h1>
<div class="entry-meta">Oleh {t(s.reporters[0])}</div>
<figure><img src="https://kabarpilkada.example/x.jpg" alt="">
<figcaption>{t(s.caption)}</figcaption></figure>
<div class="entry-content">
{ps(paras)}
</div>
</article>
<aside><h3>Terpopuler</h3><ul><li><a href="/a">Harga cabai turun</a></li>
<li><a href="/b">Jadwal kereta bertambah</a></li></ul></aside></main>
<footer><p>Hak cipta Kabar Pilkada. Semua isi rekaan untuk pengujian.</p></footer>
</body>
</html>
"""


SAMPLE = OutletSample(
    "generic", STORIES, page, start="feed", feed_url="https://kabarpilkada.example/feed.xml"
)
