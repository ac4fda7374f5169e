"""The other outlets of the sample site: pages, feeds, paginated indexes, a news sitemap.

Every entry point sits at the address the outlet's rules name (`crawlers/outlets/`), under
its host prefix, so the rules themselves are what the tests crawl.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from html import escape

from crawlers.samplegen.outlet_listings import index_files
from crawlers.samplegen.outlet_pages import outlet_page, short_date
from crawlers.samplegen.outlet_stories import OUTLET_STORIES, OutletStory

BASE = "{{BASE}}"
WIB = timezone(timedelta(hours=7))
# Each outlet's entry point on the local server (a path prefix per virtual host).
FEEDS = {
    "tempo": "/rss.tempo.co/politik",
    "liputan6": "/feed.liputan6.com/rss/news",
    "republika": "/www.republika.co.id/rss/news",
    "rmol": "/rmol.id/rss",
    "generic": "/kabarpilkada.example/feed.xml",
}
# Feeds of outlets whose sample crawl starts elsewhere (detik's index, kompas' sitemap).
MORE_FEEDS = {"detik": "/news.detik.com/berita/rss", "kompas": "/www.kompas.com/rss/nasional.xml"}
DETIK_INDEX = "/news.detik.com/indeks"
DETIK_SEARCH = "/www.detik.com/search/searchall"
KOMPAS_SITEMAP = "/www.kompas.com/sitemap.xml"
START_PATHS = (DETIK_INDEX, KOMPAS_SITEMAP, *FEEDS.values())
# detik's index: newest first, one page per period (page 2 is older than 2024-11-25).
DETIK_PAGES = (
    ("detik-warga-rusun", "detik-asn-kelurahan"),
    ("detik-copy-bkn",),
    ("detik-tps-oktober",),
)


def of(outlet: str) -> list[OutletStory]:
    stories = [s for s in OUTLET_STORIES if s.outlet == outlet]
    return sorted(stories, key=lambda s: s.published, reverse=True)


def by_key(key: str) -> OutletStory:
    return next(s for s in OUTLET_STORIES if s.key == key)


def _link(story: OutletStory) -> str:
    if story.amp:
        host, _, rest = story.local_path.lstrip("/").partition("/")
        return f"{BASE}/{host}/amp/{rest}"
    return BASE + story.local_path


def _feed(title: str, home: str, stories: list[OutletStory], *, creator: bool = False) -> str:
    items = []
    for s in stories:
        extra = f"<dc:creator>{escape(s.reporters[0])}</dc:creator>\n" if creator else ""
        items.append(
            f"<item>\n<title>{escape(s.title)}</title>\n<link>{_link(s)}</link>\n"
            f"<pubDate>{format_datetime(s.published.astimezone(WIB))}</pubDate>\n{extra}"
            f"<description><![CDATA[{escape(s.summary)}]]></description>\n</item>"
        )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>{escape(title)}</title>
<link>{home}</link>
<description>{escape(title)}</description>
<language>id</language>
{chr(10).join(items)}
</channel>
</rss>
"""


def _detik_card(s: OutletStory) -> str:
    return f"""<article class="list-content__item"><div class="media media--left">
<div class="media__image"><a href="{BASE}{s.local_path}" class="media__link">
<img src="https://akcdn.detik.net.id/x.jpg" alt=""></a></div>
<div class="media__text"><h3 class="media__title">
<a href="{BASE}{s.local_path}" class="media__link">{escape(s.title)}</a></h3>
<div class="media__date"><span title="{short_date(s.published, s.zone)}">{s.published:%d/%m}
</span></div></div></div></article>"""


def _detik_listing(title: str, stories: list[OutletStory], page: int, pages: int) -> str:
    links = "".join(
        f'<a class="pagination__item" href="{BASE}{DETIK_INDEX}{"" if n == 1 else f"/{n}"}">{n}</a>'
        for n in range(1, pages + 1)
        if n != page
    )
    cards = "\n".join(_detik_card(s) for s in stories)
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>{escape(title)}</title></head>
<body><div class="list-content">
{cards}
</div>
<div class="pagination text-center mgt-16 mgb-16">{links}</div>
</body></html>
"""


def detik_index() -> dict[str, str]:
    files = {}
    for number, keys in enumerate(DETIK_PAGES, start=1):
        name = "indeks.html" if number == 1 else f"indeks/{number}.html"
        stories = [by_key(k) for k in keys]
        page = _detik_listing("Indeks Berita detikNews", stories, number, len(DETIK_PAGES))
        files[f"news.detik.com/{name}"] = page
    election = [by_key("detik-warga-rusun"), by_key("detik-asn-kelurahan")]
    files[DETIK_SEARCH.lstrip("/") + ".html"] = _detik_listing(
        "Hasil pencarian: bawaslu", election, 1, 1
    )
    return files


def kompas_sitemaps() -> dict[str, str]:
    urls = []
    for s in of("kompas"):
        loc = BASE + s.local_path + ("?page=all" if s.host.startswith("nasional") else "")
        urls.append(
            f"<url><loc>{escape(loc)}</loc><news:news><news:publication>"
            "<news:name>Kompas.com</news:name><news:language>id</news:language>"
            f"</news:publication><news:publication_date>{s.published.isoformat()}"
            f"</news:publication_date><news:title>{escape(s.title)}</news:title>"
            "</news:news></url>"
        )
    news = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
        + "\n".join(urls)
        + "\n</urlset>\n"
    )
    newest = max(s.published for s in of("kompas"))
    index = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"<sitemap><loc>{BASE}/www.kompas.com/sitemap-news.xml</loc>"
        f"<lastmod>{newest.isoformat()}</lastmod></sitemap>\n"
        f"<sitemap><loc>{BASE}/www.kompas.com/sitemap-2023.xml</loc>"
        f"<lastmod>{datetime(2023, 12, 31, tzinfo=WIB).isoformat()}</lastmod></sitemap>\n"
        "</sitemapindex>\n"
    )
    archive = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n</urlset>\n'
    )  # an archive sitemap: skipped by a crawl bounded with --since
    return {
        "www.kompas.com/sitemap.xml": index,
        "www.kompas.com/sitemap-news.xml": news,
        "www.kompas.com/sitemap-2023.xml": archive,
    }


def outlet_files() -> dict[str, str]:
    files = {s.local_path.lstrip("/") + ".html": outlet_page(s) for s in OUTLET_STORIES}
    for outlet, path in {**FEEDS, **MORE_FEEDS}.items():
        stories = of(outlet)
        home = f"https://{stories[0].host}/"
        name = path.lstrip("/") + ("" if path.endswith(".xml") else ".xml")  # served at `path`
        files[name] = _feed(f"{outlet} terkini", home, stories,
                                        creator=outlet == "republika")  # fmt: skip
    files.update(detik_index())
    files.update(index_files())
    files.update(kompas_sitemaps())
    return files


def outlet_manifest() -> list[dict[str, object]]:
    return [
        {
            "key": s.key,
            "outlet": s.outlet,
            "path": s.local_path,
            "url": s.canonical,
            "title": s.title,
            "published_at": s.published.isoformat(),
            "section": s.section,
            "dateline": s.city,
            "reporters": list(s.reporters),
            "editor": s.editor,
            "tags": list(s.tags),
            "paragraphs": list(s.paragraphs),
            "image_caption": s.caption,
            "copy_of": s.copy_of,
            "paywalled": s.paywalled,
        }
        for s in OUTLET_STORIES
    ]
