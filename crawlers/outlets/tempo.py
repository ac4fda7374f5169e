"""Tempo (tempo.co/<section>/<slug>-<id>): dates from meta, partly paywalled bodies."""

from __future__ import annotations

import re

from crawlers.outlet import ListingProfile, Outlet, PageProfile

OUTLET = Outlet(
    name="tempo",
    domains=("tempo.co",),
    article_path=re.compile(r"^/[\w-]+/[\w-]+-\d{3,}$"),
    not_article_path=re.compile(r"^/(?:foto|video|podcast|infografik)(?:/|$)"),
    page=PageProfile(
        title=("article h1", "h1"),
        body=(".detail-content",),
        caption=("figure.detail-image figcaption",),
        tags=(".detail-tags a::text",),
        crumbs=("nav.breadcrumbs a",),
        byline=(".detail-author a", ".detail-author"),
        noise_xpath=(
            " | .//*[contains(@class, 'detail-related')]"
            " | .//*[contains(@class, 'paywall')]"
            " | .//*[contains(@class, 'box-subscribe')]"
            " | .//*[contains(@class, 'ads')]"
        ),
        noise_lines=re.compile(r"^(?:pilihan editor\s*:|artikel ini merupakan bagian)", re.I),
        dateline=re.compile(r"^(?:TEMPO\.CO,\s*)?(?P<city>[A-Z][\w.' ]{1,30}?)\s+[-–—]+\s+"),
        title_suffix=re.compile(r"\s*\|\s*tempo\.co.*$", re.IGNORECASE),
        paywall=(".paywall", ".box-subscribe"),
    ),
    listing=ListingProfile(
        cards="div.card-box",
        link="h2 a::attr(href), a.card-link::attr(href)",
        date="time::attr(datetime)",
    ),
    feeds=("https://rss.tempo.co/politik",),
    listings=("https://www.tempo.co/indeks",),
    search="https://www.tempo.co/search?q={q}&page={page}",
)
