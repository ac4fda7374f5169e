"""Every layout of tests/crawlers/layouts.py: outlet rules where a design fits, the generic
extractor otherwise; clean text, the headline without the site name, the minute of
publication, the reporter (never the publisher or a CMS account), no boilerplate."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from scrapy.http import HtmlResponse

from crawlers.parsers.article import parse_article
from crawlers.parsers.html import PageError
from devkit.layouts import LAYOUTS, Layout


def _parse(layout: Layout) -> object:
    response = HtmlResponse(url=layout.url, body=layout.html.encode(), encoding="utf-8")
    return parse_article(response)


@pytest.mark.parametrize("make", LAYOUTS, ids=lambda m: m.__name__)
def test_layout_yields_clean_text_and_metadata(make: Callable[[], Layout]) -> None:
    layout = make()
    parsed = _parse(layout)
    article = parsed.article  # type: ignore[attr-defined]
    assert article.title == layout.title
    assert tuple(article.paragraphs) == layout.paragraphs
    for noise in layout.noise:
        assert noise.lower() not in article.body.lower(), noise
    expected = datetime.fromisoformat(layout.published) if layout.published else None
    got = article.published_at.replace(second=0) if article.published_at else None
    assert got == expected
    assert tuple(article.reporters) == layout.reporters
    assert article.dateline == layout.dateline
    assert article.source == layout.source
    assert article.extractor == layout.extractor
    if layout.editor:
        assert article.editor == layout.editor


@pytest.mark.parametrize("make", LAYOUTS, ids=lambda m: m.__name__)
def test_generic_fallback_is_flagged_only_for_outlets_with_rules(
    make: Callable[[], Layout],
) -> None:
    layout = make()
    warnings = _parse(layout).warnings  # type: ignore[attr-defined]
    has_rules = layout.source in {"antara", "detik", "kompas", "tempo", "liputan6",
                                  "republika", "rmol"}  # fmt: skip
    assert ("generic_fallback" in warnings) == (has_rules and layout.extractor == "generic")


def test_a_page_no_extractor_reads_is_a_dead_letter_with_the_reason() -> None:
    page = """<html><head><title>detikNews - Berita Terkini</title></head><body>
    <h1>detikNews</h1><ul><li><a href="/a">Berita satu</a></li><li><a href="/b">Dua</a></li>
    </ul></body></html>"""
    response = HtmlResponse(url="https://news.detik.com/berita/d-1/x", body=page.encode(),
                            encoding="utf-8")  # fmt: skip
    with pytest.raises(PageError) as caught:
        parse_article(response)
    assert caught.value.reason in ("no_body", "no_title")
    assert "no detik design fits (current, classic)" in caught.value.detail
