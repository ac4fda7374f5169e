"""HTML of one sample article page, in ANTARA's current or older design."""

from __future__ import annotations

import json
from datetime import timedelta
from html import escape

from devkit.sample.story import Story

IMG = "https://img.antaranews.com/cache/1200x800/{y}/{m:02d}/{d:02d}/{id}.jpg"
_AD = (
    '<div class="ads_antaranews ads-mobile text-center"><ins class="adsbygoogle" '
    'style="display:block" data-ad-client="ca-pub-0000000000000000" data-ad-slot="1234567890">'
    "</ins><script>(adsbygoogle = window.adsbygoogle || []).push({});</script></div>"
)
_GPT = (
    '<div id="div-gpt-ad-1700000000000-0"><script>googletag.cmd.push(function() '
    "{ googletag.display('div-gpt-ad-1700000000000-0'); });</script></div>"
)
_AI_NOTICE = (
    "Dilarang keras mengambil konten, melakukan crawling atau pengindeksan otomatis untuk AI "
    "di situs web ini tanpa izin tertulis dari Kantor Berita ANTARA."
)


def _t(text: str) -> str:
    return escape(text, quote=False)


def _a(text: str) -> str:
    return escape(text, quote=True)


def image_url(story: Story) -> str:
    at = story.published
    return IMG.format(y=at.year, m=at.month, d=at.day, id=story.id)


def _iso(story: Story, hours: int = 0) -> str:
    return (story.published + timedelta(hours=hours)).isoformat()


def _jsonld(story: Story) -> str:
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": story.canonical},
        "headline": story.title,
        "image": {"@type": "ImageObject", "url": image_url(story), "width": 1200, "height": 800},
        "author": [{"@type": "Person", "name": name} for name in story.reporters],
        "publisher": {
            "@type": "Organization",
            "name": "ANTARA News",
            "logo": {"@type": "ImageObject", "url": "https://www.antaranews.com/img/logo.png"},
        },
        "description": story.summary,
    }
    if story.date_mode in ("jsonld", "broken_jsonld"):
        data["datePublished"] = _iso(story)
        data["dateModified"] = _iso(story, hours=2)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    if story.date_mode == "broken_jsonld":
        # A stray trailing comma, as some CMS templates emit: not valid JSON any more.
        text = text[: text.rindex("}")].rstrip() + ",\n}"
    crumbs = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i + 1, "name": name}
            for i, name in enumerate(("Beranda", *story.section))
        ],
    }
    return (
        f'<script type="application/ld+json">{text}</script>\n'
        f'<script type="application/ld+json">{json.dumps(crumbs, ensure_ascii=False)}</script>'
    )


def head(story: Story) -> str:
    meta_time = ""
    if story.design == "current" and story.date_mode in ("jsonld", "broken_jsonld"):
        meta_time = f'<meta property="article:published_time" content="{_iso(story)}">\n'
    jsonld = _jsonld(story) if story.design == "current" else ""
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_t(story.title)} - ANTARA News</title>
<meta name="description" content="{_a(story.summary)}">
<meta name="keywords" content="{_a(", ".join(story.tags))}">
<link rel="canonical" href="{story.canonical}">
<link rel="amphtml" href="https://{story.host}/amp{story.path}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="ANTARA News">
<meta property="og:title" content="{_a(story.title)}">
<meta property="og:description" content="{_a(story.summary)}">
<meta property="og:url" content="{story.canonical}">
<meta property="og:image" content="{image_url(story)}">
<meta property="article:section" content="{_a(story.section[-1])}">
{meta_time}<meta name="twitter:card" content="summary_large_image">
{jsonld}
<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>
</head>
"""


def _dateline(story: Story, first: str, variant: int) -> str:
    if variant == 0:
        return f"<strong>{_t(story.city)} (ANTARA) - </strong>{_t(first)}"
    return f"<b>{_t(story.city)}</b> (ANTARA) - {_t(first)}"


def _related(story: Story, related: Story, *, in_p: bool) -> str:
    span = (
        f'<span class="baca-juga"><b>Baca juga: </b><a href="{related.canonical}'
        f'?utm_source=antaranews&amp;utm_medium=desktop&amp;utm_campaign=related_news">'
        f"{_t(related.title)}</a></span>"
    )
    return f"<p>{span}</p>" if in_p else f"{span}<br><br>"


def body(story: Story, related: Story) -> str:
    """The article body as ANTARA marks it up, with its ads, scripts and 'Baca juga'."""
    out: list[str] = []
    count = len(story.paragraphs)
    for i, text in enumerate(story.paragraphs):
        as_p = story.style == "p" or (story.style == "mixed" and i < count // 2)
        inner = _dateline(story, text, story.id % 2) if i == 0 else _t(text)
        out.append(f"<p>{inner}</p>" if as_p else f"{inner}<br><br>")
        if i == 0:
            out.append(_AD)
        elif i == 1 and not story.plain_baca_juga:
            out.append(_related(story, related, in_p=as_p))
        elif i == 2:
            if story.plain_baca_juga:
                line = f"Baca juga: {_t(related.title)}"
                out.append(f"<p>{line}</p>" if as_p else f"{line}<br><br>")
            if story.inline_figure:
                out.append(
                    f'<figure class="image"><img src="{image_url(story)}" alt="">'
                    f"<figcaption>{_t(story.inline_figure)}</figcaption></figure>"
                )
            out.append(_GPT)
    credit = "Copyright © ANTARA 2024" if story.design == "current" else "COPYRIGHT © ANTARA 2024"
    footer_class = "text-muted mt-2 small" if story.design == "current" else "text-muted small"
    out.append(
        f'<p class="{footer_class}">Pewarta: {_t(", ".join(story.reporters))}<br>'
        f"Editor: {_t(story.editor)}<br>{credit}</p>"
    )
    if story.ai_notice:
        out.append(f'<p class="text-muted small">{_AI_NOTICE}</p>')
    return "\n".join(out)


def _caption(story: Story) -> str:
    return f"{_t(story.caption)} {_t(story.photographer)}"


_NAV = """<header class="header-news"><nav class="navbar">
<a class="navbar-brand" href="https://www.antaranews.com/">ANTARA News</a>
<ul class="navbar-nav">
<li><a href="https://www.antaranews.com/terkini">Terkini</a></li>
<li><a href="https://www.antaranews.com/politik">Politik</a></li>
<li><a href="https://megapolitan.antaranews.com/">Megapolitan</a></li>
</ul></nav></header>"""


def _tag_href(story: Story, tag: str) -> str:
    return f"https://{story.host}/tag/{_a(tag.lower().replace(' ', '-'))}"


def current_page(story: Story, related: Story, sidebar: str) -> str:
    crumbs = "".join(
        f'<li class="breadcrumbs__item"><a href="https://{story.host}/" '
        f'class="breadcrumbs__url">{_t(name)}</a></li>'
        for name in ("Beranda", *story.section)
    )
    date = (
        ""
        if story.date_mode == "none"
        else f'<li class="list-inline-item"><span class="text-secondary">{story.date_text}'
        "</span></li>"
    )
    tags = "".join(
        f'<li class="list-inline-item"><a href="{_tag_href(story, t)}">#{_t(t)}</a></li>'
        for t in story.tags
    )
    return f"""{head(story)}<body>
{_NAV}
<main><div class="container"><div class="row"><div class="col-md-8">
<ul class="breadcrumbs bg-light mb-4">{crumbs}</ul>
<div class="wrap__article-detail">
<div class="wrap__article-detail-title"><h1>{_t(story.title)}</h1></div>
<div class="wrap__article-detail-info"><ul class="list-inline">{date}
<li class="list-inline-item"><span class="share">Bagikan</span></li></ul></div>
<div class="wrap__article-detail-image mt-4"><figure>
<img src="{image_url(story)}" alt="{_a(story.title)}" class="img-fluid">
<figcaption class="image-caption-text">{_caption(story)}</figcaption></figure></div>
<div class="wrap__article-detail-content post-content">
{body(story, related)}
</div>
<div class="blog-tags"><ul class="list-inline blog-tags">
<li class="list-inline-item"><i class="fa fa-tags"></i></li>{tags}</ul></div>
</div></div>
<aside class="col-md-4"><h4 class="border_section">Terpopuler</h4>{sidebar}</aside>
</div></div></main>
<footer class="footer"><p>Copyright © 2024 ANTARA</p></footer>
</body>
</html>
"""


def older_page(story: Story, related: Story, sidebar: str) -> str:
    crumbs = "".join(
        f'<li><a href="https://{story.host}/">{_t(name)}</a></li>'
        for name in ("Home", *story.section)
    )
    time_tag = f'<time datetime="{_iso(story)}"></time>' if story.date_mode == "time" else ""
    tags = "".join(f'<a href="{_tag_href(story, t)}" class="tag">{_t(t)}</a> ' for t in story.tags)
    return f"""{head(story)}<body>
<div id="header"><a href="https://www.antaranews.com/" class="logo">ANTARA News</a></div>
<div class="container"><div class="row"><div class="col-md-8">
<article class="post-wrapper">
<header class="post-header clearfix">
<ol class="breadcrumb">{crumbs}</ol>
<h1 class="post-title">{_t(story.title)}</h1>
<p class="simple-share"><i class="fa fa-clock-o"></i>
<span class="article-date">{story.date_text}</span> {time_tag}</p>
</header>
<figure class="post-image"><img src="{image_url(story)}" alt="{_a(story.title)}">
<figcaption>{_caption(story)}</figcaption></figure>
<div class="post-content clearfix">
{body(story, related)}
</div>
<div class="tags-wrapper"><i class="fa fa-tags"></i> {tags}</div>
</article>
</div><div class="col-md-4 sidebar">{sidebar}</div></div></div>
<div id="footer">Copyright © 2024 ANTARA</div>
</body>
</html>
"""
