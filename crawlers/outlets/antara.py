"""ANTARA (www and regional sites): both page designs, AMP copies, RSS feeds."""

from __future__ import annotations

import re

from crawlers.outlet import ListingProfile, Outlet, PageProfile

_NOISE = (
    " | .//*[contains(concat(' ', normalize-space(@class), ' '), ' baca-juga ')]"
    " | .//p[contains(concat(' ', normalize-space(@class), ' '), ' text-muted ')]"
)
_NOISE_LINES = re.compile(r"^©\s*antara", re.IGNORECASE)
_DATELINE = re.compile(
    r"^(?P<city>[A-Z][\w.'’ -]{1,40}?)\s*\((?:ANTARA|Antara|ANTARA News)\)\s*[-–—]+\s*"
)
_TITLE_SUFFIX = re.compile(r"\s+-\s+ANTARA News.*$")

OUTLET = Outlet(
    name="antara",
    domains=("antaranews.com",),
    article_path=re.compile(r"^/berita/\d+(?:/[^/]*)?$"),
    not_article_path=re.compile(r"^(?:/amp)?/(?:foto|video|infografis|interaktif)(?:/|$)"),
    amp_paths=((re.compile(r"^/amp(?=/berita/)"), ""),),
    host_aliases={"m.antaranews.com": "www.antaranews.com"},
    page=PageProfile(
        title=(".wrap__article-detail-title h1",),
        body=("div.wrap__article-detail-content.post-content",),
        date_text=(".wrap__article-detail-info span.text-secondary",),
        caption=(".wrap__article-detail-image figcaption",),
        tags=("ul.blog-tags li a::text",),
        crumbs=(".breadcrumbs__item",),
        credits=("p.text-muted",),
        noise_xpath=_NOISE,
        noise_lines=_NOISE_LINES,
        dateline=_DATELINE,
        title_suffix=_TITLE_SUFFIX,
    ),
    more_pages=(
        PageProfile(
            design="older",
            title=("h1.post-title",),
            body=("div.post-content.clearfix", "div.post-content"),
            date_text=("span.article-date",),
            caption=(".post-image figcaption", ".img-container figcaption"),
            tags=(".tags-wrapper a::text",),
            crumbs=("ol.breadcrumb li",),
            credits=("p.text-muted",),
            noise_xpath=_NOISE,
            noise_lines=_NOISE_LINES,
            dateline=_DATELINE,
            title_suffix=_TITLE_SUFFIX,
        ),
    ),
    listing=ListingProfile(
        cards="div.card__post",
        link=".card__post__title a::attr(href), h2 a::attr(href), h3 a::attr(href)",
        date=".card__post__author-info span.text-secondary::text",
        next_pages="ul.pagination a.page-link::attr(href), ul.pagination a::attr(href),"
        " a[rel='next']::attr(href)",
    ),
    feeds=(
        "https://www.antaranews.com/rss/terkini.xml",
        "https://www.antaranews.com/rss/politik.xml",
    ),
    listings=("https://www.antaranews.com/politik/pilkada",),
    search="https://www.antaranews.com/search?q={q}&page={page}",
    # Regional sites (ids are per host) are crawled only when configured: settings
    # `crawl.antara_hosts` (PANTAU_CRAWL__ANTARA_HOSTS) or `pantau crawl --antara-host`.
    main_hosts=("www.antaranews.com", "m.antaranews.com"),
    regional_hosts=(
        "megapolitan.antaranews.com",
        "jateng.antaranews.com",
        "sumsel.antaranews.com",
        "mataram.antaranews.com",
        "makassar.antaranews.com",
    ),
    regional_feeds=("/rss/terkini.xml",),
    regional_listings=("/terkini",),
)
