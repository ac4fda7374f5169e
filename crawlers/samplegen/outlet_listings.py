"""Index (listing) and search pages of kompas, tempo, liputan6, republika and rmol.

Each index runs newest first over three pages (`?page=N`, served from `<path>@page=N.html`):
page 1 the outlet's newest sample story, page 2 its older one and two September 2024
archive cards, page 3 an August card. The archive stories are not rendered: a backfill
with `--since` after September stops at page 2 and never asks for them. Search pages list
both stories of the outlet on one page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from html import escape

from crawlers.samplegen.outlet_pages import short_date
from crawlers.samplegen.outlet_stories import OUTLET_STORIES
from crawlers.samplegen.story import DAYS, MONTHS

BASE = "{{BASE}}"
WIB = timezone(timedelta(hours=7))


@dataclass(frozen=True)
class Card:
    title: str
    url: str  # as linked from the page (through the local server)
    published: datetime
    section: str


# Older election news each outlet also carried (titles only: listed, never rendered).
ARCHIVE = (
    ("KPU tetapkan nomor urut pasangan calon kepala daerah", "2024-09-23 16:00"),
    ("Bawaslu buka posko aduan selama masa kampanye", "2024-09-20 11:30"),
    ("Pendaftaran pengawas TPS pilkada resmi dibuka", "2024-08-28 09:00"),
)


def _slug(title: str) -> str:
    return "-".join(title.lower().split())


def _archive_path(outlet: str, n: int, slug: str, at: datetime) -> str:
    """An archive story's address in the outlet's own URL scheme (host included)."""
    return {
        "kompas": f"/nasional.kompas.com/read/{at:%Y/%m/%d}/{at:%H%M}00{n}1/{slug}",
        "tempo": f"/www.tempo.co/politik/{slug}-11700{n}5",
        "liputan6": f"/www.liputan6.com/news/read/57{n}0321/{slug}",
        "republika": f"/news.republika.co.id/berita/sj{n}k4m7p2/{slug}",
        "rmol": f"/rmol.id/politik/read/{at:%Y/%m/%d}/63{n}410/{slug}",
    }[outlet]


def archive(outlet: str) -> list[Card]:
    cards = []
    for n, (title, when) in enumerate(ARCHIVE):
        at = datetime.strptime(when, "%Y-%m-%d %H:%M").replace(tzinfo=WIB)
        url = BASE + _archive_path(outlet, n, _slug(title), at)
        cards.append(Card(title, url, at, "Politik"))
    return cards


def stories(outlet: str) -> list[Card]:
    found = sorted((s for s in OUTLET_STORIES if s.outlet == outlet),
                   key=lambda s: s.published, reverse=True)  # fmt: skip
    return [Card(s.title, BASE + s.local_path, s.published, s.section) for s in found]


def _e(text: str) -> str:
    return escape(text, quote=True)


def kompas_card(c: Card) -> str:
    return f"""<div class="articleItem"><a class="article-link" href="{c.url}">
<div class="articleItem-img"><img src="https://asset.kompas.com/crops/x.jpg" alt=""></div>
<div class="articleItem-box"><h2 class="articleTitle">{_e(c.title)}</h2>
<div class="articlePost"><ul><li class="articlePost-subtitle">{_e(c.section)}</li>
<li class="articlePost-date">{c.published:%d/%m/%Y, %H:%M} WIB</li></ul></div></div></a></div>"""


def tempo_card(c: Card) -> str:
    day = f"{c.published.day} {MONTHS[c.published.month - 1]} {c.published.year}"
    return f"""<div class="card-box ft240 margin-bottom-sm"><article class="text-card">
<span class="kanal">{_e(c.section)}</span>
<h2 class="title"><a href="{c.url}">{_e(c.title)}</a></h2>
<h4 class="date"><time datetime="{c.published.isoformat()}">{day}</time></h4>
</article></div>"""


def liputan6_card(c: Card) -> str:
    at = c.published.astimezone(WIB)
    item = "articles--iridescent-list--text-item"
    return f"""<article class="articles--iridescent-list--item {item}">
<aside class="{item}__details">
<header><a class="{item}__category" href="#">{_e(c.section)}</a>
<time class="{item}__time timeago" datetime="{at:%Y-%m-%d %H:%M:%S}"
>{at.day} {MONTHS[at.month - 1][:3]}</time></header>
<h4 class="{item}__title">
<a class="ui--a {item}__title-link" href="{c.url}" title="{_e(c.title)}"
><span class="{item}__title-link-text">{_e(c.title)}</span></a></h4>
</aside></article>"""


def republika_card(c: Card) -> str:
    return f"""<li class="list-group-item list-border conten1"><a href="{c.url}">
<div class="conten1"><span class="kanal-info">{_e(c.section)}</span><h3>{_e(c.title)}</h3></div></a>
<div class="date">{short_date(c.published, "WIB").replace(",", "")}</div></li>"""


def rmol_card(c: Card) -> str:
    at = c.published.astimezone(WIB)
    when = f"{DAYS[at.weekday()]}, {at.day:02d} {MONTHS[at.month - 1]} {at.year} | {at:%H:%M} WIB"
    return f"""<div class="news-list-item"><div class="news-list-item-img">
<a href="{c.url}"><img src="https://rmol.id/images/thumb.jpg" alt=""></a></div>
<div class="news-list-item-text"><h3><a href="{c.url}">{_e(c.title)}</a></h3>
<span class="date">{when}</span></div></div>"""


@dataclass(frozen=True)
class IndexSite:
    """Where an outlet's index and search pages live on the local server, and its cards."""

    outlet: str
    index: str  # local path of page 1 (the outlet's `listings` URL under its host prefix)
    query: str  # query string page 1 carries, "" for none
    search: str  # local file (without .html) of its search results, "" for none
    card: Callable[[Card], str]
    wrap: str  # element around the cards: "div", "ul class='list-group'"...
    pager: str  # class of the pagination list


INDEX_SITES = (
    IndexSite("kompas", "/indeks.kompas.com/", "site=nasional", "", kompas_card,
              "div class='articleList -list'", "paging"),
    IndexSite("tempo", "/www.tempo.co/indeks", "", "/www.tempo.co/search", tempo_card,
              "section class='list-indeks'", "pagination"),
    IndexSite("liputan6", "/www.liputan6.com/news/indeks", "", "/www.liputan6.com/search",
              liputan6_card, "div class='articles--iridescent-list'", "pagination"),
    IndexSite("republika", "/www.republika.co.id/kanal/news", "",
              "/www.republika.co.id/search/v3/all/1", republika_card,
              "ul class='list-group'", "pagination"),
    IndexSite("rmol", "/rmol.id/indeks", "", "/rmol.id/search", rmol_card,
              "div class='news-list'", "pagination"),
)  # fmt: skip
PAGES = 3


def _page_href(site: IndexSite, n: int) -> str:
    query = "&amp;".join(q for q in (site.query, "" if n == 1 else f"page={n}") if q)
    return f"{BASE}{site.index}" + (f"?{query}" if query else "")


def _pager(site: IndexSite, page: int) -> str:
    items = [
        f'<li><a href="{_page_href(site, n)}">{n}</a></li>' if n != page
        else f'<li class="active"><span>{n}</span></li>'
        for n in range(1, PAGES + 1)
    ]  # fmt: skip
    if page < PAGES:
        items.append(f'<li><a rel="next" href="{_page_href(site, page + 1)}">&raquo;</a></li>')
    tag = "div" if site.pager == "paging" else "ul"
    return f'<{tag} class="{site.pager}">{"".join(items)}</{tag}>'


def _page(site: IndexSite, title: str, cards: list[Card], pager: str) -> str:
    tag = site.wrap.split()[0]
    body = "\n".join(site.card(c) for c in cards)
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>{_e(title)}</title>
<meta property="og:type" content="website"></head>
<body><header><nav><a href="/">Beranda</a> <a href="/politik">Politik</a></nav></header>
<main><h1>{_e(title)}</h1>
<{site.wrap}>
{body}
</{tag}>
{pager}
</main><footer><p>Situs contoh pantau: semua berita rekaan.</p></footer></body></html>
"""


def _file(path: str, page: int = 1) -> str:
    name = path.strip("/") + ("/index" if path.endswith("/") else "")
    return name + ("" if page == 1 else f"@page={page}") + ".html"


def index_files() -> dict[str, str]:
    files: dict[str, str] = {}
    for site in INDEX_SITES:
        newest, older = stories(site.outlet)
        old = archive(site.outlet)
        pages = ([newest], [older, old[0], old[1]], [old[2]])
        for n, cards in enumerate(pages, start=1):
            title = f"Indeks Berita {site.outlet} - halaman {n}"
            files[_file(site.index, n)] = _page(site, title, cards, _pager(site, n))
        if site.search:
            files[_file(site.search)] = _page(site, "Hasil pencarian: pilkada", [newest, older], "")
    return files
