"""Index (listing) and search pages of the outlets that have them, in each outlet's cards.

Each index runs newest first over three pages (`?page=N`, served from `<path>@page=N.html`):
page 1 the outlet's newest sample story, page 2 its older one and two September 2024
archive cards, page 3 an August card. The archive stories are not rendered: a backfill
with `--since` after September stops at page 2 and never asks for them. Search pages list
both stories of the outlet on one page. Addresses are the outlet rules' own.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from crawlers.outlet import Outlet
from devkit.sample.outlet import BASE, WIB, Card, OutletSample, a, local, newest

# Older election news each outlet also carried (titles only: listed, never rendered).
ARCHIVE = (
    ("KPU tetapkan nomor urut pasangan calon kepala daerah", "2024-09-23 16:00"),
    ("Bawaslu buka posko aduan selama masa kampanye", "2024-09-20 11:30"),
    ("Pendaftaran pengawas TPS pilkada resmi dibuka", "2024-08-28 09:00"),
)
PAGES = 3


def _slug(title: str) -> str:
    return "-".join(title.lower().split())


def archive(sample: OutletSample) -> list[Card]:
    cards = []
    assert sample.archive_path is not None
    for n, (title, when) in enumerate(ARCHIVE):
        at = datetime.strptime(when, "%Y-%m-%d %H:%M").replace(tzinfo=WIB)
        url = BASE + sample.archive_path(n, _slug(title), at)
        cards.append(Card(title, url, at, "Politik"))
    return cards


def cards(sample: OutletSample) -> list[Card]:
    return [Card(s.title, BASE + s.local_path, s.published, s.section)
            for s in newest(sample.stories)]  # fmt: skip


def _page_href(index: str, query: str, n: int) -> str:
    joined = "&amp;".join(q for q in (query, "" if n == 1 else f"page={n}") if q)
    return f"{BASE}{index}" + (f"?{joined}" if joined else "")


def _pager(sample: OutletSample, index: str, query: str, page: int) -> str:
    items = [
        f'<li><a href="{_page_href(index, query, n)}">{n}</a></li>' if n != page
        else f'<li class="active"><span>{n}</span></li>'
        for n in range(1, PAGES + 1)
    ]  # fmt: skip
    if page < PAGES:
        items.append(
            f'<li><a rel="next" href="{_page_href(index, query, page + 1)}">&raquo;</a></li>'
        )
    tag = "div" if sample.pager == "paging" else "ul"
    return f'<{tag} class="{sample.pager}">{"".join(items)}</{tag}>'


def _page(sample: OutletSample, title: str, found: list[Card], pager: str) -> str:
    assert sample.card is not None
    tag = sample.wrap.split()[0]
    body = "\n".join(sample.card(c) for c in found)
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>{a(title)}</title>
<meta property="og:type" content="website"></head>
<body><header><nav><a href="/">Beranda</a> <a href="/politik">Politik</a></nav></header>
<main><h1>{a(title)}</h1>
<{sample.wrap}>
{body}
</{tag}>
{pager}
</main><footer><p>Situs contoh pantau: semua berita rekaan.</p></footer></body></html>
"""


def _file(path: str, page: int = 1) -> str:
    name = path.strip("/") + ("/index" if path.endswith("/") else "")
    return name + ("" if page == 1 else f"@page={page}") + ".html"


def index_files(sample: OutletSample, outlet: Outlet) -> dict[str, str]:
    """The outlet's index pages at its rules' listing URL, and its search page."""
    if sample.card is None or not outlet.listings:
        return {}
    index, query = local(outlet.listings[0]), urlsplit(outlet.listings[0]).query
    first, older = cards(sample)
    old = archive(sample)
    files: dict[str, str] = {}
    for n, found in enumerate(([first], [older, old[0], old[1]], [old[2]]), start=1):
        title = f"Indeks Berita {sample.name} - halaman {n}"
        files[_file(index, n)] = _page(sample, title, found, _pager(sample, index, query, n))
    search = outlet.search_url("pilkada")
    if search:
        files[_file(local(search).rstrip("/"))] = _page(
            sample, "Hasil pencarian: pilkada", [first, older], ""
        )
    return files
