"""detik's sample pages: detikNews articles, its RSS feed, daily index and search."""

from __future__ import annotations

from crawlers.outlets import detik as rules
from devkit.sample.outlet import (
    BASE,
    OutletSample,
    OutletStory,
    a,
    antara_paragraphs,
    head,
    local,
    ps,
    short_date,
    t,
    texts,
)

STORIES: tuple[OutletStory, ...] = (
    OutletStory(
        key="detik-warga-rusun",
        outlet="detik",
        host="news.detik.com",
        path="/berita/d-7661204/bawaslu-jakut-awasi-pemilih-pindahan-di-rusun-marunda",
        title="Bawaslu Jakut Awasi Pemilih Pindahan di Rusun Marunda",
        local_time="2024-11-28 17:02",
        city="Jakarta",
        paragraphs=(
            "Bawaslu Jakarta Utara menempatkan pengawas tambahan di Rusun Marunda menjelang "
            "penghitungan ulang daftar pemilih pindahan. Langkah itu diambil setelah warga "
            "melaporkan nama ganda pada salinan daftar pemilih tambahan.",
            "Ketua Bawaslu Jakarta Utara Hendra Wiratama mengatakan pengawas akan mencocokkan "
            "setiap nama dengan dokumen kependudukan sebelum rapat pleno di tingkat kecamatan.",
            '"Kami tidak mau ada satu suara pun yang dipersoalkan karena data ganda. Semua '
            'akan kami cocokkan satu per satu," kata Hendra kepada wartawan, Kamis.',
            "Ia meminta penghuni rusun yang namanya tercantum ganda segera melapor ke posko "
            "pengawasan di kantor pengelola rusun yang buka hingga akhir pekan.",
        ),
        tags=("bawaslu jakarta utara", "daftar pemilih", "pilkada jakarta"),
        reporters=("Anisa Rahmadani",),
        editor=None,
        caption="Petugas pengawas memeriksa salinan daftar pemilih di Rusun Marunda. "
        "(Anisa Rahmadani/detikcom)",
        section="detikNews",
    ),
    OutletStory(
        key="detik-asn-kelurahan",
        outlet="detik",
        host="news.detik.com",
        path="/berita/d-7659877/lurah-di-jakbar-diperiksa-usai-bagikan-stiker-paslon",
        title="Lurah di Jakbar Diperiksa Usai Bagikan Stiker Paslon",
        local_time="2024-11-27 09:15",
        city="Jakarta",
        paragraphs=(
            "Seorang lurah di Jakarta Barat diperiksa Bawaslu setelah kedapatan membagikan "
            "stiker bergambar pasangan calon kepada warga saat kegiatan posyandu.",
            "Anggota Bawaslu Jakarta Barat Siti Marlina menyebut pemeriksaan berlangsung "
            "selama tiga jam dan lurah tersebut mengakui stiker berasal dari tim kampanye.",
            '"Aparatur sipil negara wajib netral. Hasil pemeriksaan akan kami teruskan ke '
            'Badan Kepegawaian Negara," ujar Siti.',
            "Wali Kota Jakarta Barat menyatakan telah menonaktifkan sementara lurah tersebut "
            "sampai ada keputusan dari BKN.",
        ),
        tags=("netralitas asn", "bawaslu jakarta barat"),
        reporters=("Yoga Pratama",),
        editor=None,
        caption="Ilustrasi kantor Bawaslu. (Yoga Pratama/detikcom)",
        section="detikNews",
    ),
    OutletStory(
        key="detik-copy-bkn",
        outlet="detik",
        host="news.detik.com",
        path="/berita/d-7631530/bkn-jatuhkan-sanksi-ke-12-asn-pemprov-dki",
        title="BKN Jatuhkan Sanksi ke 12 ASN Pemprov DKI yang Tidak Netral",
        local_time="2024-11-05 15:10",
        city="Jakarta",
        paragraphs=antara_paragraphs("asn-bkn-sanksi-dki"),
        tags=("bkn", "netralitas asn"),
        reporters=("Tim detikcom",),
        editor=None,
        caption="Ilustrasi ASN. (Tim detikcom)",
        section="detikNews",
        copy_of="asn-bkn-sanksi-dki",
    ),
    OutletStory(
        key="detik-tps-oktober",
        outlet="detik",
        host="news.detik.com",
        path="/berita/d-7590011/kpu-jaktim-tetapkan-lokasi-tps-di-bantaran-kali",
        title="KPU Jaktim Tetapkan Lokasi TPS di Bantaran Kali",
        local_time="2024-10-21 11:40",
        city="Jakarta",
        paragraphs=(
            "KPU Jakarta Timur menetapkan lokasi tempat pemungutan suara di bantaran Kali "
            "Cipinang dengan mempertimbangkan risiko banjir pada hari pencoblosan.",
            "Komisioner KPU Jakarta Timur Budi Santika mengatakan sejumlah TPS dipindahkan ke "
            "halaman sekolah yang lebih tinggi agar pemilih tetap bisa datang.",
            "Bawaslu Jakarta Timur meminta KPU mengumumkan perubahan lokasi itu paling lambat "
            "tujuh hari sebelum pemungutan suara.",
        ),
        tags=("tps", "kpu jakarta timur"),
        reporters=("Anisa Rahmadani",),
        editor=None,
        caption="Lokasi TPS di bantaran kali. (Anisa Rahmadani/detikcom)",
        section="detikNews",
    ),
)


def page(s: OutletStory) -> str:
    city = s.city or "Jakarta"
    opener = f"<strong>{city}</strong> (ANTARA) - " if s.copy_of else f"<strong>{city}</strong> - "
    paras = texts(s, opener)
    paras.insert(1, "")  # the scroll marker sits between the first paragraphs
    body = ps(paras[:1])
    body += (
        '\n<div class="parallaxindetail scrollpage"><div class="para_caption">'
        "ADVERTISEMENT</div><div>SCROLL TO CONTINUE WITH CONTENT</div></div>\n"
    )
    body += ps(paras[2:3])
    body += (
        '\n<table class="linksisip"><tr><td><div class="lihatjg"><strong>Baca juga:</strong>'
        '<a href="https://news.detik.com/berita/d-7600000/lain">Berita lain</a></div></td></tr>'
        "</table>\n"
    )
    body += ps(paras[3:])
    tags = "".join(
        f'<a class="nav__item" href="https://www.detik.com/tag/{a(tag)}">{t(tag)}</a>'
        for tag in s.tags
    )
    return f"""{head(s, "detikNews")}<body>
<div class="page__breadcrumb"><a href="https://news.detik.com/">detikNews</a>
<a href="https://news.detik.com/berita">Berita</a></div>
<article class="detail">
<div class="detail__header">
<h1 class="detail__title">{t(s.title)}</h1>
<div class="detail__author">{t(s.reporters[0])} - detikNews</div>
<div class="detail__date">{short_date(s.published, s.zone)}</div>
</div>
<div class="detail__media"><figure class="detail__media-image">
<img src="https://akcdn.detik.net.id/community/media/visual/2024/11/01/foto.jpeg" alt="">
<figcaption class="detail__media-caption">{t(s.caption)}</figcaption></figure></div>
<div class="detail__body itp_bodycontent_wrapper">
<div class="detail__body-text itp_bodycontent">
{body}
<div class="staticdetail_ads">ADVERTISEMENT</div>
</div>
<div class="detail__body-tag mgt-16"><div class="nav">{tags}</div></div>
</div>
</article>
</body>
</html>
"""


# The index: newest first, one page per period (page 2 is older than 2024-11-25).
PAGES = (
    ("detik-warga-rusun", "detik-asn-kelurahan"),
    ("detik-copy-bkn",),
    ("detik-tps-oktober",),
)
INDEX = local(rules.OUTLET.listings[0])


def _by_key(key: str) -> OutletStory:
    return next(s for s in STORIES if s.key == key)


def _card(s: OutletStory) -> str:
    return f"""<article class="list-content__item"><div class="media media--left">
<div class="media__image"><a href="{BASE}{s.local_path}" class="media__link">
<img src="https://akcdn.detik.net.id/x.jpg" alt=""></a></div>
<div class="media__text"><h3 class="media__title">
<a href="{BASE}{s.local_path}" class="media__link">{a(s.title)}</a></h3>
<div class="media__date"><span title="{short_date(s.published, s.zone)}">{s.published:%d/%m}
</span></div></div></div></article>"""


def _listing(title: str, stories: list[OutletStory], page: int, pages: int) -> str:
    links = "".join(
        f'<a class="pagination__item" href="{BASE}{INDEX}{"" if n == 1 else f"/{n}"}">{n}</a>'
        for n in range(1, pages + 1)
        if n != page
    )
    cards = "\n".join(_card(s) for s in stories)
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>{a(title)}</title></head>
<body><div class="list-content">
{cards}
</div>
<div class="pagination text-center mgt-16 mgb-16">{links}</div>
</body></html>
"""


def index_files() -> dict[str, str]:
    """The daily index (`/indeks`, `/indeks/2`...) and a search results page."""
    files: dict[str, str] = {}
    for number, keys in enumerate(PAGES, start=1):
        path = INDEX if number == 1 else f"{INDEX}/{number}"
        page = _listing("Indeks Berita detikNews", [_by_key(k) for k in keys], number, len(PAGES))
        files[path.lstrip("/") + ".html"] = page
    election = [_by_key("detik-warga-rusun"), _by_key("detik-asn-kelurahan")]
    search = local(rules.OUTLET.search_url("bawaslu") or "")
    files[search.lstrip("/") + ".html"] = _listing("Hasil pencarian: bawaslu", election, 1, 1)
    return files


SAMPLE = OutletSample("detik", STORIES, page, start="listing", files=index_files)
