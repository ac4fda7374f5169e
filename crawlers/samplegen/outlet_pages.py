"""HTML of the other outlets' sample article pages, each in its outlet's own markup."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from html import escape

from crawlers.samplegen.outlet_stories import OutletStory
from crawlers.samplegen.story import DAYS, MONTHS

_SHORT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
_AD = '<div class="ads-on-body"><ins class="adsbygoogle"></ins><script>ads();</script></div>'


def _t(text: str) -> str:
    return escape(text, quote=False)


def _a(text: str) -> str:
    return escape(text, quote=True)


def short_date(at: datetime, zone: str) -> str:
    """detik/republika style: "Rabu, 27 Nov 2024 17:02 WIB"."""
    return f"{DAYS[at.weekday()]}, {at.day:02d} {_SHORT[at.month - 1]} {at.year} {at:%H:%M} {zone}"


def _head(s: OutletStory, site: str, extra: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>{_t(s.title)} - {site}</title>
<link rel="canonical" href="{s.canonical}">
<meta property="og:type" content="article">
<meta property="og:title" content="{_a(s.title)}">
<meta property="og:url" content="{s.canonical}">
<meta name="description" content="{_a(s.summary)}">
{extra}<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>
</head>
"""


def _ps(paragraphs: list[str]) -> str:
    return "\n".join(f"<p>{p}</p>" for p in paragraphs)


def _texts(s: OutletStory, opener: str) -> list[str]:
    """Escaped paragraphs, the first one opened by the outlet's dateline."""
    out = [_t(p) for p in s.paragraphs]
    out[0] = opener + out[0]
    return out


def detik(s: OutletStory) -> str:
    city = s.city or "Jakarta"
    opener = f"<strong>{city}</strong> (ANTARA) - " if s.copy_of else f"<strong>{city}</strong> - "
    paras = _texts(s, opener)
    paras.insert(1, "")  # the scroll marker sits between the first paragraphs
    body = _ps(paras[:1])
    body += (
        '\n<div class="parallaxindetail scrollpage"><div class="para_caption">'
        "ADVERTISEMENT</div><div>SCROLL TO CONTINUE WITH CONTENT</div></div>\n"
    )
    body += _ps(paras[2:3])
    body += (
        '\n<table class="linksisip"><tr><td><div class="lihatjg"><strong>Baca juga:</strong>'
        '<a href="https://news.detik.com/berita/d-7600000/lain">Berita lain</a></div></td></tr>'
        "</table>\n"
    )
    body += _ps(paras[3:])
    tags = "".join(
        f'<a class="nav__item" href="https://www.detik.com/tag/{_a(t)}">{_t(t)}</a>' for t in s.tags
    )
    return f"""{_head(s, "detikNews")}<body>
<div class="page__breadcrumb"><a href="https://news.detik.com/">detikNews</a>
<a href="https://news.detik.com/berita">Berita</a></div>
<article class="detail">
<div class="detail__header">
<h1 class="detail__title">{_t(s.title)}</h1>
<div class="detail__author">{_t(s.reporters[0])} - detikNews</div>
<div class="detail__date">{short_date(s.published, s.zone)}</div>
</div>
<div class="detail__media"><figure class="detail__media-image">
<img src="https://akcdn.detik.net.id/community/media/visual/2024/11/01/foto.jpeg" alt="">
<figcaption class="detail__media-caption">{_t(s.caption)}</figcaption></figure></div>
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


def kompas(s: OutletStory) -> str:
    city = (s.city or "Jakarta").upper()
    paras = _texts(s, f"<strong>{city}, KOMPAS.com</strong> - ")
    body = _ps(paras[:2])
    body += (
        '\n<div class="inject-baca-juga"><strong>Baca juga:</strong> '
        '<a href="https://nasional.kompas.com/read/2024/11/20/1/lain">Berita lain</a></div>\n'
        + _AD
        + "\n"
    )
    body += _ps(paras[2:])
    body += (
        '\n<div class="kompasidRec"><p>Pilihan Untukmu: promo langganan Kompas.id</p></div>'
        "\n<p>Simak breaking news dan berita pilihan kami langsung di ponselmu.</p>\n"
    )
    tags = "".join(f"<li><a href='#'>{_t(t)}</a></li>" for t in s.tags)
    credit = f'<div class="credit-title-name">Penulis: {_t(s.reporters[0])}</div>'
    if s.editor:
        credit += f'\n<div class="credit-title-name">Editor: {_t(s.editor)}</div>'
    return f"""{_head(s, "Kompas.com")}<body>
<ul class="breadcrumb"><li class="breadcrumb__item"><a href="https://www.kompas.com/">Home</a></li>
<li class="breadcrumb__item"><a href="https://{s.host}/">{_t(s.section)}</a></li></ul>
<div class="read__header"><h1 class="read__title">{_t(s.title)}</h1>
<div class="read__time">Kompas.com - {s.published:%d/%m/%Y, %H:%M} {s.zone}</div></div>
<div class="photo"><div class="photo__wrap"><img src="https://asset.kompas.com/x.jpg" alt=""></div>
<div class="photo__caption">{_t(s.caption)}</div></div>
<div class="read__content"><div class="clearfix">
{body}
</div></div>
<div class="read__credit">{credit}</div>
<ul class="tag__article__wrap">{tags}</ul>
</body>
</html>
"""


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


def tempo(s: OutletStory) -> str:
    paras = _texts(s, f"TEMPO.CO, {s.city} - ")
    body = _ps(paras)
    if s.paywalled:
        body += _TEMPO_PAYWALL
    else:
        body += "\n<p>Pilihan Editor: Bawaslu Minta Pengawas TPS Siaga Sejak Subuh</p>"
    meta = f'<meta property="article:published_time" content="{s.published.isoformat()}">\n'
    meta += _tempo_jsonld(s)
    tags = "".join(f"<a href='#'>{_t(t)}</a>" for t in s.tags)
    return f"""{_head(s, "tempo.co", meta)}<body>
<nav class="breadcrumbs"><a href="https://www.tempo.co/">Home</a>
<a href="https://www.tempo.co/politik">{_t(s.section)}</a></nav>
<article><h1 class="title">{_t(s.title)}</h1>
<div class="detail-author"><a href="#">{_t(s.reporters[0])}</a></div>
<figure class="detail-image"><img src="https://statik.tempo.co/x.jpg" alt="">
<figcaption>{_t(s.caption)}</figcaption></figure>
<div class="detail-content">
{body}
<div class="detail-related"><a href="#">Berita terkait lain</a></div>
</div>
<div class="detail-tags">{tags}</div>
</article>
</body>
</html>
"""


def liputan6(s: OutletStory) -> str:
    paras = _texts(s, f"<b>Liputan6.com, {s.city}</b> - ")
    half = max(1, len(paras) // 2)
    body = (
        f'<div class="article-content-body__item-page">{_ps(paras[:half])}</div>\n'
        '<div class="baca-juga-collections"><div class="baca-juga"><h2>Baca Juga</h2>'
        "<ul><li><a href='#'>Berita lain</a></li></ul></div></div>\n"
        '<div class="advertisement-placeholder">Advertisement</div>\n'
        f'<div class="article-content-body__item-page">{_ps(paras[half:])}</div>'
    )
    meta = (
        f'<meta property="article:published_time" content="{s.published.isoformat()}">\n'
        f'<meta name="author" content="{_a(s.reporters[0])}">\n'
    )
    tags = "".join(f"<a class='tags--snippet__link' href='#'><span class='tags--snippet__name'>"
                   f"{_t(t)}</span></a>" for t in s.tags)  # fmt: skip
    return f"""{_head(s, "Liputan6.com", meta)}<body>
<div class="read-page--breadcrumb"><a href="https://www.liputan6.com/">Home</a>
<a href="https://www.liputan6.com/news">{_t(s.section)}</a></div>
<header class="read-page--header"><h1 class="read-page--header--title">{_t(s.title)}</h1>
<span class="read-page--header--author__name">{_t(s.reporters[0])}</span></header>
<figure class="read-page--photo-gallery--item">
<img src="https://cdn1-production.liputan6.com/x.jpg" alt="">
<figcaption class="read-page--photo-gallery--item__caption">{_t(s.caption)}</figcaption></figure>
<div class="article-content-body article-content-body_with-aside">
{body}
</div>
<div class="tags--snippet">{tags}</div>
</body>
</html>
"""


def republika(s: OutletStory) -> str:
    city = (s.city or "Jakarta").upper()
    agency = " (ANTARA)" if s.copy_of else ""
    paras = _texts(s, f"<strong>REPUBLIKA.CO.ID, {city}{agency}</strong> -- ")
    body = _ps(paras[:1])
    body += (
        '\n<div class="baca-juga"><span>Baca Juga</span><ul><li><a href="#">Berita lain</a>'
        "</li></ul></div>\n"
    )
    body += _ps(paras[1:])
    tags = "".join(f"<a href='#'>{_t(t)}</a>" for t in s.tags)
    return f"""{_head(s, "Republika Online")}<body>
<div class="breadcome"><a href="https://www.republika.co.id/">Home</a>
<a href="https://{s.host}/">{_t(s.section)}</a></div>
<div class="max-card__title"><h1></h1></div>
<div class="max-card__author">Rep: {_t(s.reporters[0])}</div>
<div class="date-artikel"><span>{short_date(s.published, s.zone).replace(",", "")}</span></div>
<div class="image-article"><figure><img src="https://static.republika.co.id/x.jpg" alt="">
<figcaption>{_t(s.caption)}</figcaption></figure></div>
<div class="article-content">
{body}
</div>
<div class="tag-artikel">{tags}</div>
</body>
</html>
"""


def rmol(s: OutletStory) -> str:
    at = s.published
    line = (
        f"{DAYS[at.weekday()].upper()}, {at.day:02d} {MONTHS[at.month - 1].upper()} {at.year} | "
        f"{at:%H:%M} {s.zone} | LAPORAN: {s.reporters[0].upper()}"
    )
    paras = _texts(s, "<strong>RMOL.</strong> ")
    body = _ps(paras[:2]) + "\n" + _AD + "\n" + _ps(paras[2:])
    tags = "".join(f"<a href='#'>{_t(t)}</a>" for t in s.tags)
    return f"""{_head(s, "RMOL")}<body>
<ol class="breadcrumb"><li><a href="https://rmol.id/">Home</a></li>
<li><a href="https://rmol.id/politik">{_t(s.section)}</a></li></ol>
<div class="single_post_heading"><h1>{_t(s.title)}</h1>
<p class="date-line">{line}</p></div>
<div class="single_post_img"><figure><img src="https://rmol.id/x.jpg" alt="">
<figcaption>{_t(s.caption)}</figcaption></figure></div>
<div id="fontResizableText">
{body}
</div>
<div class="tags">{tags}</div>
</body>
</html>
"""


def generic(s: OutletStory) -> str:
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
        f'<meta property="article:section" content="{_a(s.section)}">\n'
        + "".join(f'<meta property="article:tag" content="{_a(t)}">\n' for t in s.tags)
    )
    paras = _texts(s, f"{s.city} - ")
    nav = "".join(f'<li><a href="/kategori/{n}">{n.title()}</a></li>' for n in
                  ("daerah", "politik", "ekonomi", "olahraga"))  # fmt: skip
    return f"""{_head(s, "Kabar Pilkada", meta)}<body>
<header><nav><ul class="menu">{nav}</ul></nav></header>
<main><article class="post">
<h1 class="entry-title">{_t(s.title)}</h1>
<div class="entry-meta">Oleh {_t(s.reporters[0])}</div>
<figure><img src="https://kabarpilkada.example/x.jpg" alt="">
<figcaption>{_t(s.caption)}</figcaption></figure>
<div class="entry-content">
{_ps(paras)}
</div>
</article>
<aside><h3>Terpopuler</h3><ul><li><a href="/a">Harga cabai turun</a></li>
<li><a href="/b">Jadwal kereta bertambah</a></li></ul></aside></main>
<footer><p>Hak cipta Kabar Pilkada. Semua isi rekaan untuk pengujian.</p></footer>
</body>
</html>
"""


RENDERERS: dict[str, Callable[[OutletStory], str]] = {
    "detik": detik,
    "kompas": kompas,
    "tempo": tempo,
    "liputan6": liputan6,
    "republika": republika,
    "rmol": rmol,
    "generic": generic,
}


def outlet_page(story: OutletStory) -> str:
    return RENDERERS[story.outlet](story)
