"""detik (news.detik.com and its regional channels): daily index, "SCROLL TO CONTINUE"."""

from __future__ import annotations

import re

from crawlers.outlet import ListingProfile, Outlet, PageProfile

OUTLET = Outlet(
    name="detik",
    domains=("detik.com",),
    article_path=re.compile(r"^/[\w-]+(?:/[\w-]+)?/d-\d+(?:/[^/]*)?$"),
    not_article_path=re.compile(r"^/(?:foto-news|detiktv|video|foto)(?:/|$)"),
    amp_paths=((re.compile(r"/amp$"), ""),),
    page=PageProfile(
        title=("h1.detail__title",),
        body=("div.detail__body-text",),
        date_text=("div.detail__date",),
        caption=(".detail__media figcaption", ".detail__media-caption"),
        tags=(".detail__body-tag a.nav__item::text", ".detail__body-tag a::text"),
        crumbs=(".page__breadcrumb a",),
        byline=("div.detail__author",),
        byline_suffix=re.compile(r"\s*-\s*detik\w*$", re.IGNORECASE),
        noise_xpath=(
            " | .//table[contains(@class, 'linksisip')]"
            " | .//*[contains(@class, 'parallaxindetail')]"
            " | .//*[contains(@class, 'staticdetail_ads')]"
            " | .//*[contains(@class, 'detail__body-tag')]"
        ),
        noise_lines=re.compile(r"^(?:\[gambas:video|\(\w{2,4}/\w{2,4}\)$)", re.IGNORECASE),
        dateline=re.compile(r"^(?P<city>[A-Z][\w.' ]{1,30}?)\s+(?:\((?:ANTARA|Antara)\)\s*)?-\s*"),
    ),
    # The older layout some subsites (sport, travel, regional channels) still serve.
    more_pages=(
        PageProfile(
            design="classic",
            title=(".jdl h1", "article h1"),
            body=("div#detikdetailtext", "div.detail_text"),
            date_text=(".jdl .date", "div.date"),
            byline=(".jdl .author", "div.author"),
            byline_suffix=re.compile(r"\s*-\s*detik\w*$", re.IGNORECASE),
            noise_xpath=" | .//table[contains(@class, 'linksisip')]",
            dateline=re.compile(
                r"^(?P<city>[A-Z][\w.' ]{1,30}?)\s+(?:\((?:ANTARA|Antara)\)\s*)?-\s*"
            ),
        ),
    ),
    listing=ListingProfile(
        cards="article.list-content__item",
        link="h3 a::attr(href), a.media__link::attr(href)",
        date=".media__date span::attr(title), .media__date::text",
        next_pages="div.pagination a::attr(href), a[rel='next']::attr(href)",
    ),
    feeds=("https://news.detik.com/berita/rss",),
    listings=("https://news.detik.com/indeks",),
    search="https://www.detik.com/search/searchall?query={q}&page={page}",
)
