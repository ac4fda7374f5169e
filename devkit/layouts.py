"""Article pages in the designs real outlets use, each with the traps seen on them.

Written for pantau's tests and `bench/parse.py` (text and people invented); markup follows the outlets' own
structure as far as it matters to an extractor: where title, date, byline and body sit,
and the boilerplate inside the body (teasers, embeds, scroll markers, credit lines).
"""

# ruff: noqa: E501  (page markup keeps the long lines real pages have)
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

STORIES = {
    "banjir": (
        "Bawaslu Awasi Pemindahan TPS di Daerah Rawan Banjir",
        (
            "Badan Pengawas Pemilu kabupaten meminta panitia pemungutan suara memindahkan "
            "empat tempat pemungutan suara yang berada di bantaran sungai ke gedung sekolah.",
            "Ketua Bawaslu setempat Rudi Hartono mengatakan curah hujan tinggi dalam sepekan "
            "terakhir membuat genangan di permukiman warga belum juga surut.",
            '"Pemilih harus bisa datang dengan aman. Kami tidak ingin ada warga yang kehilangan '
            'hak pilih karena lokasinya terendam," kata Rudi saat meninjau lokasi, Selasa.',
            "Panitia pemilihan kecamatan menyatakan surat pemberitahuan lokasi baru akan "
            "dibagikan kepada pemilih paling lambat tiga hari sebelum pencoblosan.",
        ),
    ),
    "kades": (
        "Kepala Desa Diperiksa karena Unggah Dukungan untuk Calon Bupati",
        (
            "Seorang kepala desa diperiksa pengawas pemilu setelah mengunggah foto dukungan "
            "untuk salah satu pasangan calon bupati di akun media sosial pribadinya.",
            "Anggota Bawaslu kabupaten Siti Nurhaliza menyebut unggahan itu dilaporkan warga "
            "dan sudah disimpan sebagai barang bukti sebelum dihapus oleh pemiliknya.",
            "Menurut Siti, kepala desa dilarang menguntungkan atau merugikan pasangan calon "
            "selama masa kampanye, sesuai undang-undang pemilihan kepala daerah.",
            '"Hasil klarifikasi akan kami kaji bersama sentra penegakan hukum terpadu," ujar '
            "Siti di kantornya.",
        ),
    ),
    "logistik": (
        "Logistik Pilkada Tiba di Pulau Terluar Dikawal Aparat",
        (
            "Kotak dan surat suara untuk tiga pulau terluar tiba dengan kapal perintis setelah "
            "tertahan cuaca buruk selama dua hari di pelabuhan kabupaten.",
            "Komisioner KPU kabupaten Andi Baso mengatakan seluruh logistik langsung disimpan "
            "di gudang kantor kecamatan dengan penjagaan polisi selama dua puluh empat jam.",
            "Bawaslu meminta segel setiap kotak diperiksa di hadapan saksi pasangan calon "
            "sebelum didistribusikan ke tempat pemungutan suara di desa-desa.",
        ),
    ),
    "hoaks": (
        "Video Surat Suara Tercoblos Dipastikan Hoaks",
        (
            "Komisi Pemilihan Umum provinsi memastikan video yang memperlihatkan surat suara "
            "sudah tercoblos sebelum hari pemungutan suara adalah hoaks.",
            "Ketua KPU provinsi Made Sudarta menjelaskan video itu direkam pada pemilihan "
            "beberapa tahun lalu dan diunggah ulang dengan keterangan yang menyesatkan.",
            "Pihaknya telah melaporkan akun penyebar video kepada kepolisian daerah agar "
            "ditelusuri dan meminta warga tidak ikut menyebarkannya.",
        ),
    ),
}


@dataclass(frozen=True)
class Layout:
    """A page and what pantau must read from it."""

    name: str
    url: str
    html: str
    title: str
    paragraphs: tuple[str, ...]
    published: str | None  # ISO with offset, to the minute
    reporters: tuple[str, ...] = ()
    dateline: str | None = None
    source: str = ""
    extractor: str = "generic"
    editor: str | None = None
    noise: tuple[str, ...] = field(default_factory=tuple)  # must not reach the body


def _ps(paras: tuple[str, ...] | list[str]) -> str:
    return "\n".join(f"<p>{p}</p>" for p in paras)


def _ld(**data: object) -> str:
    body = {"@context": "https://schema.org", **data}
    return f'<script type="application/ld+json">{json.dumps(body, ensure_ascii=False)}</script>'


def antara_2016() -> Layout:
    title, paras = STORIES["banjir"]
    url = "https://www.antaranews.com/berita/587001/bawaslu-awasi-pemindahan-tps"
    body = f"""<p>Bandung (ANTARA News) - {paras[0]}</p>
<p>{paras[1]}</p><br><div class="lain">Baca juga: <a href="/berita/1/x">Berita lain</a></div>
<p>{paras[2]}</p><p>{paras[3]}</p>
<p>Editor: Agus Setiawan</p>
<p>COPYRIGHT © ANTARA 2016</p>"""
    html = f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>{title} - ANTARA News</title>
<meta property="og:title" content="{title} - ANTARA News">
<meta property="og:site_name" content="ANTARA News">
<meta name="author" content="antaranews.com">
<link rel="canonical" href="{url}"></head><body>
<div id="header"><a class="logo" href="/">ANTARA News</a><span class="today">Kamis, 01 Desember 2016</span></div>
<div class="container"><div id="main_content">
<div class="breadcrumb"><a href="/">Home</a> &raquo; <a href="/politik">Politik</a></div>
<h1 class="title_news">{title}</h1>
<div class="tanggal_berita">Rabu, 30 November 2016 14:25 WIB</div>
<div class="imgnews"><img src="https://img.antaranews.com/new/2016/11/ori/20161130bawaslu.jpg">
<p class="caption">Ilustrasi TPS. (ANTARA FOTO)</p></div>
<div id="content_news">{body}</div>
<div class="tags">Tags: <a href="/tag/bawaslu">bawaslu</a></div>
<div class="related"><h3>Berita Terkait</h3><ul><li><a href="/b/1">KPU tetapkan DPT</a></li>
<li><a href="/b/2">Bawaslu latih pengawas</a></li></ul></div>
</div></div><div id="footer">Copyright © 2016 ANTARA</div></body></html>"""
    return Layout("antara_2016", url, html, title, paras, "2016-11-30T14:25:00+07:00",
                  (), "Bandung", "antara", "generic", "Agus Setiawan",
                  ("Baca juga", "Editor:", "COPYRIGHT"))  # fmt: skip


def detik_travel() -> Layout:
    title, paras = STORIES["logistik"]
    url = "https://travel.detik.com/travel-news/d-7650001/logistik-pilkada-tiba-di-pulau-terluar"
    body = f"""<strong>Makassar</strong> -
<p>{paras[0]}</p>
<div class="parallaxindetail scrollpage"><div class="para_caption">ADVERTISEMENT</div>
<div>SCROLL TO RESUME CONTENT</div></div>
<p>{paras[1]}</p>
<p><strong>Lihat juga Video: Kapal Perintis Angkut Logistik ke Pulau</strong></p>
<p>{paras[2]}</p>
<strong>(wsw/fem)</strong>"""
    html = f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>{title}</title><meta property="og:title" content="{title}">
<meta name="publishdate" content="2024/11/25 09:41:00">
<meta name="author" content="Wahyu Setyo">
{
        _ld(
            **{
                "@type": "NewsArticle",
                "headline": title,
                "datePublished": "2024-11-25T09:41:00+07:00",
                "author": {"@type": "Person", "name": "Wahyu Setyo"},
                "publisher": {"@type": "Organization", "name": "detikTravel"},
            }
        )
    }
<link rel="canonical" href="{url}"></head><body>
<div class="container"><article class="column-8 detail">
<div class="detail__header"><h1 class="detail__title">{title}</h1>
<div class="detail__author">Wahyu Setyo - detikTravel</div>
<div class="detail__date">Senin, 25 Nov 2024 09:41 WIB</div></div>
<div class="detail__body"><div class="itp_bodycontent detail-text">{body}</div></div>
</article></div></body></html>"""
    return Layout("detik_travel", url, html, title, paras, "2024-11-25T09:41:00+07:00",
                  ("Wahyu Setyo",), "Makassar", "detik", "generic",
                  noise=("SCROLL", "Lihat juga", "wsw/fem", "ADVERTISEMENT"))  # fmt: skip


def detik_sport() -> Layout:
    title, paras = STORIES["hoaks"]
    url = "https://sport.detik.com/sepakbola/d-7650002/video-surat-suara-tercoblos-hoaks"
    text = "<br><br>".join(paras)
    html = f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>{title} - detikSport</title>
<meta property="og:title" content="{title}">
<link rel="canonical" href="{url}"></head><body>
<div class="wrapper"><article>
<div class="jdl"><h1>{title}</h1><div class="author">Rizki Ananda - detikSport</div>
<div class="date">Rabu, 27 Nov 2024 21:05 WIB</div></div>
<div class="detail_text" id="detikdetailtext"><strong>Denpasar</strong> - {text}
<div class="parallaxindetail scrollpage"><div>SCROLL TO CONTINUE WITH CONTENT</div></div>
<br><br><strong>Simak juga video berikut ini</strong>
<br><br>(rzk/krs)</div>
</article></div></body></html>"""
    return Layout("detik_sport", url, html, title, paras, "2024-11-27T21:05:00+07:00",
                  ("Rizki Ananda",), "Denpasar", "detik", "rules:detik/classic",
                  noise=("SCROLL", "Simak", "rzk/krs"))  # fmt: skip


def detik_news() -> Layout:
    title, paras = STORIES["kades"]
    url = "https://news.detik.com/berita/d-7650003/kepala-desa-diperiksa"
    html = f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>{title}</title><meta property="og:title" content="{title}">
<link rel="canonical" href="{url}"></head><body><article class="detail">
<div class="detail__header"><h1 class="detail__title">{title}</h1>
<div class="detail__author">Yoga Pratama - detikNews</div>
<div class="detail__date">Kamis, 28 Nov 2024 10:12 WIB</div></div>
<div class="detail__body-text itp_bodycontent"><strong>Jakarta</strong> -
{_ps(paras[:2])}
<div class="parallaxindetail scrollpage"><div>SCROLL TO RESUME CONTENT</div></div>
<p><strong>Lihat juga Video: Bawaslu Periksa Kades</strong></p>
{_ps(paras[2:])}
<strong>(ygp/imk)</strong></div></article></body></html>"""
    return Layout("detik_news", url, html, title, paras, "2024-11-28T10:12:00+07:00",
                  ("Yoga Pratama",), "Jakarta", "detik", "rules:detik/current",
                  noise=("SCROLL", "Lihat juga", "ygp/imk"))  # fmt: skip


def mediaindonesia() -> Layout:
    title, paras = STORIES["kades"]
    url = "https://mediaindonesia.com/politik-dan-hukum/712345/kepala-desa-diperiksa"
    html = f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>{title}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Media Indonesia">
<meta property="article:published_time" content="2024-11-26T08:15:00+07:00">
{
        _ld(
            **{
                "@type": "NewsArticle",
                "headline": title,
                "datePublished": "2024-11-26T08:15:00+07:00",
                "author": [{"@type": "Person", "name": "Dinda Shabrina"}],
                "publisher": {"@type": "Organization", "name": "Media Indonesia"},
            }
        )
    }
<link rel="canonical" href="{url}"></head><body>
<header><nav><ul><li><a href="/">Beranda</a></li><li><a href="/politik-dan-hukum">Politik</a></li></ul></nav></header>
<div class="article"><h1>{title}</h1>
<div class="info"><span class="author">Dinda Shabrina</span> | <span class="date">26/11/2024 08:15</span></div>
<div class="article-content">
<p>{paras[0]}</p>
<div class="box-headline"><p>Headline</p><p><a href="/politik-dan-hukum/712000/kpu-umumkan">KPU
umumkan jadwal debat terakhir pasangan calon gubernur</a></p></div>
<p>{paras[1]}</p>
<p><a href="/politik-dan-hukum/711999/x">Pengawas temukan alat peraga di tempat ibadah</a></p>
<p>{paras[2]}</p><p>{paras[3]}</p>
<div class="related-article"><p><a href="/a/1">Bawaslu catat 30 laporan</a> Bawaslu mencatat
laporan dugaan pelanggaran selama sepekan.</p></div>
<p>(Z-8)</p>
<p>Ikuti MediaIndonesia.com di Google News</p>
<p>Copyright @ 2024 mediaindonesia.com. All Rights Reserved</p>
</div></div>
<footer><p>Media Indonesia - Jl. Pilar Mas Raya</p></footer></body></html>"""
    return Layout("mediaindonesia", url, html, title, paras, "2024-11-26T08:15:00+07:00",
                  ("Dinda Shabrina",), None, "mediaindonesia.com",
                  noise=("Headline", "KPU umumkan", "Copyright", "alat peraga", "30 laporan", "Z-8",
                         "Google News"))  # fmt: skip


def viva() -> Layout:
    title, paras = STORIES["hoaks"]
    url = "https://www.viva.co.id/berita/politik/1780001-video-surat-suara-tercoblos-hoaks"
    html = f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>{title} - VIVA</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="VIVA.co.id">
{
        _ld(
            **{
                "@type": "NewsArticle",
                "headline": title,
                "datePublished": "2024-11-24T19:30:12+07:00",
                "author": {"@type": "Person", "name": "Putu Ayu"},
                "publisher": {"@type": "Organization", "name": "VIVA.co.id"},
            }
        )
    }
<link rel="canonical" href="{url}"></head><body>
<div class="main-content"><article class="main-content-detail">
<h1 class="main-content-title">{title}</h1>
<div class="main-content-date">Minggu, 24 November 2024 - 19:30 WIB</div>
<div class="main-content-author">Oleh : <a href="/author/putu">Putu Ayu</a></div>
<div class="main-content-detail-body">
<p><strong>Denpasar, VIVA</strong> – {paras[0]}</p>
<p>{paras[1]}</p>
<blockquote class="twitter-tweet"><p lang="in" dir="ltr">Video ini hoaks, jangan disebar
ya warga <a href="https://t.co/abc">pic.twitter.com/abc123</a></p>&mdash; KPU Provinsi
(@kpu_prov) <a href="https://twitter.com/kpu_prov/status/1">November 24, 2024</a></blockquote>
<script async src="https://platform.twitter.com/widgets.js"></script>
<p>{paras[2]}</p>
<div class="load-more"><button>Load More</button></div>
<p>Load More</p>
</div></article></div></body></html>"""
    return Layout("viva", url, html, title, paras, "2024-11-24T19:30:00+07:00",
                  ("Putu Ayu",), "Denpasar", "viva.co.id",
                  noise=("Load More", "twitter", "jangan disebar", "@kpu_prov"))  # fmt: skip


def kapanlagi() -> Layout:
    title, paras = STORIES["logistik"]
    url = "https://www.kapanlagi.com/showbiz/selebriti/logistik-pilkada-tiba-di-pulau-terluar.html"
    html = f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>KapanLagi.com: {title}</title>
<meta property="og:title" content="KapanLagi.com: {title}">
<meta name="author" content="KapanLagi.com">
<meta property="article:published_time" content="2024-11-23T13:20:00+07:00">
<link rel="canonical" href="{url}"></head><body>
<div id="v6-content"><div class="headline-detail"><h1>{title}</h1>
<div class="col-dt-headline"><span class="date-post">Sabtu, 23 November 2024 13:20</span>
<span class="author">Penulis: Fajar Nugroho</span></div></div>
<div class="body-paragraph clearfix">
{_ps(paras)}
<p><strong>Baca Juga:</strong></p><ul><li><a href="/x">Artis hadiri kampanye</a></li></ul>
</div></div></body></html>"""
    return Layout("kapanlagi", url, html, title, paras, "2024-11-23T13:20:00+07:00",
                  ("Fajar Nugroho",), None, "kapanlagi.com",
                  noise=("Baca Juga", "Artis hadiri"))  # fmt: skip


def metrotvnews() -> Layout:
    title, paras = STORIES["banjir"]
    url = "https://www.metrotvnews.com/read/kYVCdEnE-bawaslu-awasi-pemindahan-tps"
    html = f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>{title}</title><meta property="og:title" content="{title}">
{
        _ld(
            **{
                "@type": "NewsArticle",
                "headline": title,
                "datePublished": "2024-11-22T16:47:00+07:00",
                "author": {"@type": "Person", "name": "metrotvnews developer"},
                "publisher": {"@type": "Organization", "name": "Metrotvnews.com"},
            }
        )
    }
<meta name="author" content="metrotvnews developer">
<link rel="canonical" href="{url}"></head><body>
<div class="detail-news"><h1>{title}</h1>
<div class="reporter"><span class="name">Kautsar Widya Prabowo</span>
<span class="date">22 November 2024 16:47</span></div>
<div class="news-text">
{_ps(paras)}
<p>Cek Berita dan Artikel yang lain di <a href="https://news.google.com">Google News</a></p>
</div></div></body></html>"""
    return Layout("metrotvnews", url, html, title, paras, "2024-11-22T16:47:00+07:00",
                  ("Kautsar Widya Prabowo",), None, "metrotvnews.com",
                  noise=("Google News",))  # fmt: skip


def tribunnews() -> Layout:
    title, paras = STORIES["kades"]
    url = "https://www.tribunnews.com/regional/2024/11/21/kepala-desa-diperiksa-karena-unggah-dukungan"
    html = f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>{title} - Tribunnews.com</title>
<meta property="og:title" content="{title} - Tribunnews.com">
<meta name="author" content="Tribun Network">
<link rel="canonical" href="{url}"></head><body>
<div id="article"><h1 id="arttitle">{title}</h1>
<div class="mt10"><div id="penulis">Penulis: <a href="/penulis/bayu">Bayu Indra</a></div>
<div id="editor">Editor: <a href="/editor/sri">Sri Juliati</a></div>
<time class="grey">Kamis, 21 November 2024 11:05 WIB</time></div>
<div class="side-article txt-article multi-fontsize">
<p><strong>TRIBUNNEWS.COM, SEMARANG</strong> - {paras[0]}</p>
<p>{paras[1]}</p>
<p class="baca">Baca juga: <a href="/x">Bawaslu temukan politik uang</a></p>
<p>{paras[2]}</p><p>{paras[3]}</p>
<p>Artikel ini telah tayang di TribunJateng.com dengan judul Kades Diperiksa</p>
</div></div></body></html>"""
    return Layout("tribunnews", url, html, title, paras, "2024-11-21T11:05:00+07:00",
                  ("Bayu Indra",), "Semarang", "tribunnews.com",
                  noise=("Baca juga", "telah tayang"))  # fmt: skip


def kompas_redesign() -> Layout:
    title, paras = STORIES["hoaks"]
    url = "https://regional.kompas.com/read/2024/11/20/19350071/video-surat-suara-tercoblos"
    html = f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>{title} Halaman all - Kompas.com</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="KOMPAS.com">
<meta name="content_PublishedDate" content="2024-11-20 19:35:12">
<meta name="content_author" content="Ni Ketut Sari">
<link rel="canonical" href="{url}"></head><body>
<div class="article-wrap"><h1 class="article__title">{title}</h1>
<div class="article__date">Kompas.com, 20 November 2024, 19:35 WIB</div>
<div class="article__author">Penulis <a href="/x">Ni Ketut Sari</a></div>
<div class="article__body">
<p><strong>DENPASAR, KOMPAS.com</strong> - {paras[0]}</p>
<p><strong>Baca juga: <a href="/y">KPU ingatkan pemilih bawa KTP</a></strong></p>
<p>{paras[1]}</p><p>{paras[2]}</p>
<div class="kompasidRec"><p>Pilihan Untukmu</p></div>
<p>Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com.</p>
</div></div></body></html>"""
    return Layout("kompas_redesign", url, html, title, paras, "2024-11-20T19:35:00+07:00",
                  ("Ni Ketut Sari",), "Denpasar", "kompas", "generic",
                  noise=("Baca juga", "Dapatkan update", "Pilihan"))  # fmt: skip


def okezone() -> Layout:
    title, paras = STORIES["logistik"]
    url = "https://news.okezone.com/read/2024/11/19/340/3090001/logistik-pilkada-tiba"
    html = f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>{title} : Okezone News</title>
<meta property="og:title" content="{title} : Okezone News">
<meta name="author" content="Okezone">
<link rel="canonical" href="{url}"></head><body>
<div class="container-top"><div class="title"><h1>{title}</h1></div>
<div class="reporter"><div class="namerep">Muhammad Fadli , <b>Jurnalis</b>
<b>Selasa 19 November 2024 07:05 WIB</b></div></div></div>
<div id="contentx" class="read">
<p><strong>MAKASSAR</strong> - {paras[0]}</p>
<p><strong>BACA JUGA:</strong></p><p><a href="/x">Kapal perintis ditambah</a></p>
<p>{paras[1]}</p><p>{paras[2]}</p>
<p>Follow Berita Okezone di Google News</p>
<p>Halaman Selanjutnya</p>
</div></body></html>"""
    return Layout("okezone", url, html, title, paras, "2024-11-19T07:05:00+07:00",
                  ("Muhammad Fadli",), "Makassar", "news.okezone.com",
                  noise=("BACA JUGA", "perintis ditambah", "Follow", "Selanjutnya"))  # fmt: skip


LAYOUTS: tuple[Callable[[], Layout], ...] = (antara_2016, detik_travel, detik_sport, detik_news, mediaindonesia, viva,
           kapanlagi, metrotvnews, tribunnews, kompas_redesign, okezone)  # fmt: skip


def tempo_redesign() -> Layout:
    title, paras = STORIES["banjir"]
    url = "https://www.tempo.co/politik/bawaslu-awasi-pemindahan-tps-di-daerah-rawan-banjir-1190555"
    html = f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>{title} | tempo.co</title>
<meta property="og:title" content="{title} | tempo.co">
{
        _ld(
            **{
                "@type": "NewsArticle",
                "headline": title,
                "datePublished": "2024-11-18T06:02:00.000Z",
                "author": [{"@type": "Person", "name": "Hendra Saputra"}],
                "publisher": {"@type": "Organization", "name": "Tempo"},
            }
        )
    }
<link rel="canonical" href="{url}"></head><body><div id="__next">
<main class="container mx-auto"><h1 class="text-[26px] font-bold">{title}</h1>
<div class="flex gap-2"><p class="text-sm">Hendra Saputra</p>
<p class="text-neutral-900 text-sm">Senin, 18 November 2024 | 13.02 WIB</p></div>
<div id="content-wrapper" class="flex flex-col">
{_ps(paras[:2])}
<div class="my-4"><p class="font-bold">Pilihan Editor: Bawaslu Minta Pengawas Siaga</p></div>
{_ps(paras[2:])}
</div></main></div></body></html>"""
    return Layout("tempo_redesign", url, html, title, paras, "2024-11-18T13:02:00+07:00",
                  ("Hendra Saputra",), None, "tempo", "generic",
                  noise=("Pilihan Editor",))  # fmt: skip


def liputan6_redesign() -> Layout:
    title, paras = STORIES["hoaks"]
    url = "https://www.liputan6.com/cek-fakta/read/5801999/video-surat-suara-tercoblos-hoaks"
    html = f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>{title} - Cek Fakta Liputan6.com</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="2024-11-17T16:44:00+07:00">
<meta name="author" content="Adyaksa Vidi">
<link rel="canonical" href="{url}"></head><body>
<article class="read-page-upper"><header><h1 class="read-page__title">{title}</h1>
<p class="read-page__byline">Oleh Adyaksa Vidi pada 17 Nov 2024, 16:44 WIB</p></header>
<div class="read-page__content-body">
<p><b>Liputan6.com, Denpasar</b> - {paras[0]}</p>
<div class="baca-juga-collections"><h2>Baca Juga</h2><ul><li><a href="/x">Cek fakta lain</a></li></ul></div>
{_ps(paras[1:])}
<p><strong>Simak Video Pilihan di Bawah Ini:</strong></p>
</div></article></body></html>"""
    return Layout("liputan6_redesign", url, html, title, paras, "2024-11-17T16:44:00+07:00",
                  ("Adyaksa Vidi",), "Denpasar", "liputan6", "generic",
                  noise=("Baca Juga", "Simak Video", "Cek fakta lain"))  # fmt: skip


def republika_redesign() -> Layout:
    title, paras = STORIES["logistik"]
    url = "https://news.republika.co.id/berita/sn1x8q487/logistik-pilkada-tiba-di-pulau-terluar"
    html = f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>{title} | Republika Online</title>
<meta property="og:title" content="{title} | Republika Online">
<meta property="og:site_name" content="Republika Online">
<meta name="content_PublishedDate" content="2024-11-16 20:10:00">
<link rel="canonical" href="{url}"></head><body>
<div class="main-wrapper"><div class="read-title"><h1>{title}</h1></div>
<div class="read-info"><span>Red: Muhammad Hafil</span> <span class="date-read">Sabtu 16 Nov 2024 20:10 WIB</span></div>
<div class="read-content">
<p><strong>REPUBLIKA.CO.ID, MAKASSAR --</strong> {paras[0]}</p>
{_ps(paras[1:])}
<div class="picked-article"><p><a href="/x">Kapal perintis tambah trayek</a></p></div>
</div></div></body></html>"""
    return Layout("republika_redesign", url, html, title, paras, "2024-11-16T20:10:00+07:00",
                  (), "Makassar", "republika", "generic",
                  noise=("tambah trayek",))  # fmt: skip


def rmol_redesign() -> Layout:
    title, paras = STORIES["kades"]
    url = "https://rmol.id/politik/read/2024/11/15/641999/kepala-desa-diperiksa"
    html = f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>{title}</title><meta property="og:title" content="{title}">
<link rel="canonical" href="{url}"></head><body>
<div class="post-detail"><h1 class="post-title">{title}</h1>
<div class="post-meta">LAPORAN: <span>AHMAD FAUZI</span> | <span>JUMAT, 15 NOVEMBER 2024 | 08:20 WIB</span></div>
<div class="post-body">
<p><strong>RMOL.</strong> {paras[0]}</p>
{_ps(paras[1:])}
<p>BERITA TERKAIT: <a href="/x">Pengawas panggil kades lain</a></p>
</div></div></body></html>"""
    return Layout("rmol_redesign", url, html, title, paras, "2024-11-15T08:20:00+07:00",
                  ("Ahmad Fauzi",), None, "rmol", "generic",
                  noise=("TERKAIT",))  # fmt: skip


def undated_blog() -> Layout:
    """No JSON-LD, no meta date, nothing printed: only the URL carries the day."""
    title, paras = STORIES["hoaks"]
    url = "https://kabarwarga.example/2024/11/14/video-surat-suara-tercoblos-hoaks/"
    html = f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>{title} &#8211; Kabar Warga</title>
<meta property="og:site_name" content="Kabar Warga"></head><body>
<div class="site"><header class="site-header"><a href="/">Kabar Warga</a></header>
<article class="post type-post"><h1 class="entry-title">{title}</h1>
<div class="entry-content">{_ps(paras)}
<div class="sharedaddy"><h3>Bagikan ini:</h3><ul><li><a href="#">Facebook</a></li></ul></div>
</div></article></div></body></html>"""
    return Layout("undated_blog", url, html, title, paras, "2024-11-14T00:00:00+07:00",
                  (), None, "kabarwarga.example", noise=("Bagikan",))  # fmt: skip


LAYOUTS += (tempo_redesign, liputan6_redesign, republika_redesign, rmol_redesign, undated_blog)
