"""Kompas.com (<section>.kompas.com/read/...): "?page=all", "KOMPAS.com -" datelines."""

from __future__ import annotations

import re

from crawlers.outlet import ListingProfile, Outlet, PageProfile

OUTLET = Outlet(
    name="kompas",
    domains=("kompas.com",),
    article_path=re.compile(r"^/read/\d{4}/\d{2}/\d{2}/\d+(?:/[^/]*)?$"),
    not_article_path=re.compile(r"^/(?:video|foto|image)(?:/|$)"),
    amp_paths=((re.compile(r"^/amp(?=/read/)"), ""),),
    drop_params=frozenset({"page", "source", "read"}),
    page=PageProfile(
        title=("h1.read__title",),
        body=("div.read__content",),
        date_text=(".read__time",),
        caption=(".photo__caption", ".photo__wrap figcaption"),
        tags=(".tag__article__wrap a::text", "ul.tag__article__wrap li a::text"),
        crumbs=(".breadcrumb__item",),
        credits=(".credit-title-name",),
        noise_xpath=(
            " | .//*[starts-with(@class, 'inject-baca-juga')]"
            " | .//*[contains(@class, 'kompasidRec')]"
            " | .//*[contains(@class, 'ads-on-body')]"
            " | .//*[contains(@class, 'read__paging')]"
        ),
        noise_lines=re.compile(
            r"^(?:simak breaking news|dengarkan berita|pilihan untukmu)", re.IGNORECASE
        ),
        dateline=re.compile(r"^(?P<city>[A-Z][A-Za-z.' ]{1,30}),\s*KOMPAS\.com\s*[-–—]+\s*"),
    ),
    listing=ListingProfile(
        cards="div.articleItem",
        link="a.article-link::attr(href), h2 a::attr(href)",
        date=".articlePost-date::text",
        next_pages="div.paging a::attr(href), a[rel='next']::attr(href)",
    ),
    feeds=("https://www.kompas.com/rss/nasional.xml",),
    listings=("https://indeks.kompas.com/?site=nasional",),
    sitemaps=("https://www.kompas.com/sitemap-news.xml",),
    # No search: search.kompas.com renders its results with JavaScript (a hosted search
    # widget), so there is no results page to read.
)
