"""A local outlet's registry region reaches its articles: the region when the text names none."""

from __future__ import annotations

from typing import Any

import pytest

from crawlers.watch.pages import parse_page
from crawlers.watch.registry import Source
from pipeline.stages.enrich import EnrichStage
from tests.conftest import raw_article

PAGE = b"""<html><head><title>Warga antre bantuan beras</title>
<meta property="article:published_time" content="2024-11-20T08:00:00+07:00"></head>
<body><article><h1>Warga antre bantuan beras</h1>
<p>Ratusan warga antre sejak pagi untuk menerima bantuan beras dari pemerintah desa.
Petugas membagikan kupon agar antrean tertib dan tidak ada yang terlewat.</p>
<p>Kepala desa meminta warga yang belum terdata segera melapor ke kantor desa
sebelum pembagian tahap berikutnya pekan depan.</p></article></body></html>"""


@pytest.fixture(scope="module")
def stage() -> EnrichStage:
    from nlp.pipeline import load_pipeline

    return EnrichStage(load_pipeline())


def test_the_watch_carries_the_registry_region_onto_articles() -> None:
    source: Any = Source(name="kabar-sleman", feeds=["https://kabar.example/feed"], region="34.04")
    out = parse_page(source, "https://kabar.example/berita/1", PAGE, {"content-type": "text/html"})
    assert out.article is not None and out.article.source_region == "34.04"
    plain = Source(name="kabar-lain", feeds=["https://lain.example/feed"])
    out = parse_page(plain, "https://lain.example/berita/1", PAGE, {"content-type": "text/html"})
    assert out.article is not None and out.article.source_region is None


def test_the_source_region_is_used_only_when_the_text_names_no_place(stage: EnrichStage) -> None:
    body = "Ratusan warga antre bantuan beras sejak pagi di balai desa."
    local = raw_article(1, title="Warga antre bantuan", body=body)
    local = local.model_copy(update={"source_region": "34.04"})
    [found] = stage.process([local])
    assert found.region is not None
    assert (found.region.code, found.region.name) == ("34.04", "Sleman")
    [bare] = stage.process([raw_article(2, title="Warga antre bantuan", body=body)])
    assert bare.region is None  # no place, no registry region: none is invented
    named = raw_article(3, title="Warga Bantul antre", body="Warga di Bantul antre bantuan beras.")
    [own] = stage.process([named.model_copy(update={"source_region": "34.04"})])
    assert own.region is not None and own.region.code == "34.02"  # the text wins
