"""Republika ([sub.]republika.co.id/berita/<9-char id>/<slug>): empty h1, dc:creator."""

from __future__ import annotations

import re

from crawlers.outlet import ListingProfile, Outlet, PageProfile

OUTLET = Outlet(
    name="republika",
    domains=("republika.co.id",),
    article_path=re.compile(r"^/berita/[a-z0-9]{9}(?:/[^/]*)?$"),
    not_article_path=re.compile(r"^/(?:galeri|video|foto)(?:/|$)"),
    amp_paths=((re.compile(r"^/amp(?=/berita/)"), ""),),
    page=PageProfile(
        title=(".max-card__title h1", "h1"),
        body=("div.article-content",),
        date_text=(".date-artikel span", ".date-artikel"),
        caption=(".image-article figcaption", ".caption"),
        tags=(".tag-artikel a::text",),
        crumbs=(".breadcome a",),
        byline=(".max-card__author", ".author-artikel"),
        byline_suffix=re.compile(r"^(?:red|rep)\s*:\s*", re.IGNORECASE),
        noise_xpath=(
            " | .//*[contains(@class, 'baca-juga')]"
            " | .//*[contains(@class, 'ads')]"
            " | .//*[contains(@class, 'terkait')]"
        ),
        dateline=re.compile(
            r"^(?:REPUBLIKA\.CO\.ID,\s*)?(?P<city>[A-Z][\w.' ]{1,30}?)\s*"
            r"(?:\((?:ANTARA|Antara)\)\s*)?[-–—]{1,2}\s+"
        ),
        title_suffix=re.compile(r"\s*\|\s*Republika Online.*$", re.IGNORECASE),
    ),
    listing=ListingProfile(
        cards="li.list-group-item.list-border",
        link="a::attr(href)",
        date=".date::text",
    ),
    feeds=("https://www.republika.co.id/rss/news/",),
    listings=("https://www.republika.co.id/kanal/news",),
    search="https://www.republika.co.id/search/v3/all/{page}/?q={q}",
)
