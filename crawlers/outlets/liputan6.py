"""Liputan6 (liputan6.com/<section>/read/<id>/<slug>): meta dates and authors."""

from __future__ import annotations

import re

from crawlers.outlet import ListingProfile, Outlet, PageProfile

OUTLET = Outlet(
    name="liputan6",
    domains=("liputan6.com",),
    article_path=re.compile(r"^/[\w-]+/read/\d+(?:/[^/]*)?$"),
    not_article_path=re.compile(r"^/(?:photo|tv|video)(?:/|$)"),
    amp_paths=((re.compile(r"^/amp(?=/[\w-]+/read/)"), ""),),
    page=PageProfile(
        title=("h1.read-page--header--title", "h1"),
        body=("div.article-content-body",),
        caption=(".read-page--photo-gallery--item__caption", "figcaption"),
        tags=(".tags--snippet__name::text", ".tags--snippet a::text"),
        crumbs=(".read-page--breadcrumb a",),
        byline=(".read-page--header--author__name",),
        noise_xpath=(
            " | .//*[contains(@class, 'baca-juga')]"
            " | .//*[contains(@class, 'advertisement')]"
            " | .//*[contains(@class, 'article-content-body__item-break')]"
        ),
        dateline=re.compile(r"^Liputan6\.com,\s*(?P<city>[A-Z][\w.' ]{1,30}?)\s+[-–—]+\s+"),
        title_suffix=re.compile(r"\s*-\s*[\w ]*Liputan6\.com$"),
    ),
    listing=ListingProfile(
        cards="article.articles--iridescent-list--item",
        link="a.articles--iridescent-list--text-item__title-link::attr(href)",
        date="time::attr(datetime)",
    ),
    feeds=("https://feed.liputan6.com/rss/news",),
    listings=("https://www.liputan6.com/news/indeks",),
    search="https://www.liputan6.com/search?q={q}&page={page}",
)
