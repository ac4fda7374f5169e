"""Render the whole sample site (articles, feeds, listings, robots.txt, manifest) to files."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from html import escape
from pathlib import Path

from devkit.sample import antara
from devkit.sample.outlets import outlet_files, outlet_manifest, start_paths
from devkit.sample.regional import FEED as REGIONAL_FEED
from devkit.sample.regional import REGIONAL, local_path, regional_manifest
from devkit.sample.stories_asn import STORIES as ASN
from devkit.sample.stories_campaign import STORIES as CAMPAIGN
from devkit.sample.stories_other import STORIES as OTHER
from devkit.sample.stories_voting import STORIES as VOTING
from devkit.sample.story import Story

STORIES: tuple[Story, ...] = ASN + CAMPAIGN + VOTING + OTHER
BASE = "{{BASE}}"
WIB = timezone(timedelta(hours=7))
# "Now" of the sample site, so relative times on listings render the same every time.
SITE_NOW = datetime(2024, 12, 1, 10, 0, tzinfo=WIB)
MALFORMED_PATH = "/berita/4449999/kpu-dki-umumkan-hasil-rekapitulasi-suara-tingkat-provinsi"
NOT_ARTICLES = (
    ("/foto/4449870/suasana-pemungutan-suara-di-tps-jakarta", "FOTO: Suasana pemungutan suara"),
    ("/video/4449911/bawaslu-dki-awasi-penghitungan-suara", "VIDEO: Bawaslu awasi penghitungan"),
)
AMP_KEY = "debat-jakarta"  # linked from politik.xml through its AMP URL
TERKINI_FEED_SIZE = 12
LISTING_PAGE_SIZE = 14


def newest_first() -> list[Story]:
    return sorted(STORIES, key=lambda s: s.published, reverse=True)


def related_of(story: Story) -> Story:
    """Another story on the same topic (else the next one) for the 'Baca juga' link."""
    same = [s for s in STORIES if s.topic == story.topic and s.key != story.key]
    if same:
        return same[0]
    return STORIES[(STORIES.index(story) + 1) % len(STORIES)]


def _sidebar(story: Story) -> str:
    others = [s for s in newest_first() if s.key != story.key][:4]
    return (
        "<ul class='list-unstyled'>"
        + "".join(f'<li><a href="{s.canonical}">{escape(s.title)}</a></li>' for s in others)
        + "</ul>"
    )


def article_html(story: Story) -> str:
    render = antara.current_page if story.design == "current" else antara.older_page
    return render(story, related_of(story), _sidebar(story))


def malformed_html() -> str:
    """A response cut off inside <head>: a title in og:title but no body at all."""
    stub = replace(
        STORIES[0],
        host="www.antaranews.com",
        id=int(MALFORMED_PATH.split("/")[2]),
        slug=MALFORMED_PATH.rsplit("/", 1)[1],
        title="KPU DKI umumkan hasil rekapitulasi suara tingkat provinsi",
        local_time="2024-12-01 07:00",
        paragraphs=("KPU DKI Jakarta mengumumkan hasil rekapitulasi suara tingkat provinsi.",),
    )
    html = antara.head(stub)
    return html[: html.index('<meta name="twitter:card"')] + '<script async src="https://securepub'


def _item(title: str, link: str, at: datetime, summary: str) -> str:
    return (
        f"<item>\n<title>{escape(title)}</title>\n<link>{link}</link>\n"
        f'<guid isPermaLink="true">{link}</guid>\n'
        f"<pubDate>{format_datetime(at.astimezone(WIB))}</pubDate>\n"
        f'<description><![CDATA[<img src="https://img.antaranews.com/cache/180x120/'
        f'{at:%Y/%m/%d}/thumb.jpg" align="left" border="0">{summary}]]></description>\n'
        f"</item>"
    )


def _story_item(story: Story, *, amp: bool = False) -> str:
    link = f"{BASE}{'/amp' if amp else ''}{story.path}"
    return _item(story.title, link, story.published, escape(story.summary))


def feed(name: str, title: str, items: list[str]) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>{escape(title)}</title>
<link>{BASE}/</link>
<description>Berita {escape(title)} dari ANTARA</description>
<language>id</language>
<atom:link href="{BASE}/rss/{name}.xml" rel="self" type="application/rss+xml"/>
{chr(10).join(items)}
</channel>
</rss>
"""


def feeds() -> dict[str, str]:
    newest = newest_first()
    near_vote = datetime(2024, 11, 27, 20, 0, tzinfo=WIB)
    terkini = [_story_item(s) for s in newest[:TERKINI_FEED_SIZE]]
    terkini.insert(2, _item(NOT_ARTICLES[0][1], BASE + NOT_ARTICLES[0][0], near_vote, "Foto"))
    terkini.insert(5, _item(NOT_ARTICLES[1][1], BASE + NOT_ARTICLES[1][0], near_vote, "Video"))
    terkini.insert(
        1, _item("KPU DKI umumkan hasil rekapitulasi suara tingkat provinsi", BASE + MALFORMED_PATH,
                 SITE_NOW - timedelta(hours=3), "Rekapitulasi")
    )  # fmt: skip
    political = [s for s in newest if "Politik" in s.section]
    politik = [_story_item(s, amp=s.key == AMP_KEY) for s in political]
    politik.insert(3, _item(NOT_ARTICLES[1][1], BASE + NOT_ARTICLES[1][0], near_vote, "Video"))
    return {
        "rss/terkini.xml": feed("terkini", "Terkini", terkini),
        "rss/politik.xml": feed("politik", "Politik", politik),
    }


def regional_files() -> dict[str, str]:
    """ANTARA Jawa Timur under its host prefix: two stories and a feed that also links a
    Kalimantan Barat story (regional feeds list neighbouring sites' news)."""
    files = {
        local_path(s).lstrip("/") + ".html": antara.current_page(s, REGIONAL[i - 1], "")
        for i, s in enumerate(REGIONAL)
    }
    items = [
        _item(s.title, BASE + local_path(s), s.published, escape(s.summary))
        for s in sorted(REGIONAL, key=lambda s: s.published, reverse=True)
    ]
    files[REGIONAL_FEED.lstrip("/")] = feed("terkini", "Terkini Jawa Timur", items)
    return files


def _ago(at: datetime) -> str:
    hours = int((SITE_NOW - at).total_seconds() // 3600)
    return f"{hours} jam lalu" if hours < 24 else f"{hours // 24} hari lalu"


def _card(link: str, title: str, category: str, at: datetime, summary: str) -> str:
    href = f"{link}?utm_source=antaranews&amp;utm_medium=desktop&amp;utm_campaign=terkini"
    thumb = f"https://img.antaranews.com/cache/360x240/{at:%Y/%m/%d}/thumb.jpg"
    return f"""<div class="card__post card__post-list card__post__transition mt-30">
<div class="row"><div class="col-md-5"><div class="card__post__transition">
<a href="{href}"><img src="{thumb}" class="img-fluid w-100" alt=""></a></div></div>
<div class="col-md-7 my-auto pl-0"><div class="card__post__body">
<div class="card__post__content">
<div class="card__post__category">{escape(category)}</div>
<div class="card__post__title"><h2 class="h5"><a href="{href}">{escape(title)}</a></h2></div>
<div class="card__post__author-info"><ul class="list-inline"><li class="list-inline-item">
<span class="text-secondary">{_ago(at)}</span></li></ul></div>
<p>{escape(summary)}</p></div></div></div></div></div>"""


def _page_url(number: int) -> str:
    return "/terkini" if number == 1 else f"/terkini/{number}"


def listing(page: int, stories: list[Story], pages_total: int) -> str:
    cards = [_card(BASE + s.path, s.title, s.section[0], s.published, s.summary) for s in stories]
    foto_path, foto_title = NOT_ARTICLES[page % 2]
    cards.insert(3, _card(BASE + foto_path, foto_title, "Foto", SITE_NOW, foto_title))
    links = "".join(
        f'<li class="page-item{" active" if n == page else ""}"><a class="page-link" '
        f'href="{BASE}{_page_url(n)}">{n}</a></li>'
        for n in range(1, pages_total + 1)
    )
    if page < pages_total:
        links += (
            f'<li class="page-item"><a class="page-link" aria-label="Next" '
            f'href="{BASE}{_page_url(page + 1)}">&raquo;</a></li>'
        )
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<title>Berita Terkini Hari Ini - ANTARA News</title>
<link rel="canonical" href="https://www.antaranews.com{_page_url(page)}"></head>
<body><main><div class="container"><h1 class="border_section">Terkini</h1>
{chr(10).join(cards)}
<nav aria-label="Page navigation"><ul class="pagination">{links}</ul></nav>
<form action="/search" method="get"><input name="q" placeholder="Cari berita"></form>
</div></main></body></html>
"""


def listings() -> dict[str, str]:
    newest = newest_first()
    chunks = [newest[i : i + LISTING_PAGE_SIZE] for i in range(0, len(newest), LISTING_PAGE_SIZE)]
    out = {}
    for number, chunk in enumerate(chunks, start=1):
        name = "terkini.html" if number == 1 else f"terkini/{number}.html"
        out[name] = listing(number, chunk, len(chunks))
    return out


ROBOTS = """User-agent: *
Disallow: /search
Disallow: /admin/
Allow: /

User-agent: GPTBot
Disallow: /
"""

INDEX = """<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>Situs contoh pantau</title></head>
<body><h1>Situs contoh pantau</h1>
<p>Tiruan statis situs berita ANTARA untuk demo dan pengujian. Semua berita, tokoh dan
peristiwa di sini rekaan.</p>
<ul><li><a href="{{BASE}}/rss/terkini.xml">RSS Terkini</a></li>
<li><a href="{{BASE}}/rss/politik.xml">RSS Politik</a></li>
<li><a href="{{BASE}}/terkini">Berita terkini</a></li></ul></body></html>
"""


def manifest() -> dict[str, object]:
    return {
        "note": "Invented stories; people and events are fictional.",
        "feeds": ["/rss/terkini.xml", "/rss/politik.xml"],
        "listings": ["/terkini"],
        "other_outlets": start_paths(),
        "malformed": [MALFORMED_PATH],
        "not_articles": [path for path, _ in NOT_ARTICLES],
        "amp_linked": [next(s.path for s in STORIES if s.key == AMP_KEY)],
        "articles": [
            {
                "key": s.key,
                "path": s.path,
                "url": s.canonical,
                "title": s.title,
                "topic": s.topic,
                "election": s.election,
                "design": s.design,
                "style": s.style,
                "date_mode": s.date_mode,
                "published_at": None if s.date_mode == "none" else s.published.isoformat(),
                "section": s.section[-1],
                "dateline": s.city,
                "reporters": list(s.reporters),
                "editor": s.editor,
                "tags": list(s.tags),
                "paragraphs": list(s.paragraphs),
                "image_caption": f"{s.caption} {s.photographer}",
            }
            for s in STORIES
        ],
        "outlet_articles": outlet_manifest(),
        "regional_feed": REGIONAL_FEED,
        "regional_articles": regional_manifest(),
    }


def render_site() -> dict[str, str]:
    """Every file of the site: relative path -> text."""
    paths = [s.path for s in STORIES]
    if len(set(paths)) != len(paths) or MALFORMED_PATH in paths:
        raise ValueError("sample story paths must be unique on the local server")
    files = {f"{s.path.lstrip('/')}.html": article_html(s) for s in STORIES}
    files[MALFORMED_PATH.lstrip("/") + ".html"] = malformed_html()
    files.update(feeds())
    files.update(listings())
    files.update(outlet_files())
    files.update(regional_files())
    files["robots.txt"] = ROBOTS
    files["index.html"] = INDEX
    files["manifest.json"] = json.dumps(manifest(), ensure_ascii=False, indent=1) + "\n"
    return files


def write_site(root: Path) -> list[Path]:
    written = []
    for relative, text in sorted(render_site().items()):
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
