"""RMOL (rmol.id and regional rmol* sites): capitals date line with pipes, AMP copies."""

from __future__ import annotations

import re

from crawlers.outlet import ListingProfile, Outlet, PageProfile


def _reporter_from_header(credits: dict[str, str]) -> dict[str, str]:
    # "LAPORAN: NAMA" is printed in capitals; keep the name readable.
    if credits.get("laporan") and "pewarta" not in credits:
        credits["pewarta"] = credits["laporan"].title()
    return credits


OUTLET = Outlet(
    name="rmol",
    domains=("rmol.id", "rmoljakarta.id", "rmoljabar.id", "rmoljatim.id"),
    article_path=re.compile(r"^/[\w-]+/read/\d{4}/\d{2}/\d{2}/\d+(?:/[^/]*)?$"),
    amp_paths=((re.compile(r"^/amp(?=/[\w-]+/read/)"), ""),),
    page=PageProfile(
        title=(".single_post_heading h1",),
        body=("#fontResizableText",),
        date_text=(".single_post_heading .date-line", ".single_post_heading p.date"),
        caption=(".single_post_img figcaption",),
        tags=(".tags a::text",),
        crumbs=(".breadcrumb li",),
        credits=(".single_post_heading .date-line",),
        noise_xpath=(" | .//*[contains(@class, 'baca-juga')] | .//*[contains(@class, 'ads')]"),
        dateline=re.compile(r"^(?:RMOL(?:[A-Z]+)?\.\s*)(?P<city>)"),
        title_suffix=re.compile(r"\s*[-|]\s*RMOL.*$", re.IGNORECASE),
    ),
    listing=ListingProfile(
        cards="div.news-list-item",
        link="h3 a::attr(href)",
        date=".date::text",
    ),
    feeds=("https://rmol.id/rss",),
    listings=("https://rmol.id/indeks",),
    search="https://rmol.id/search?q={q}&page={page}",
    fix_credits=_reporter_from_header,
)
