"""`pantau crawl` and `pantau parse` as an operator uses them (local sample site only)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crawlers.parsers.generic import ExtractorMissing
from crawlers.run import crawl
from devkit.server import SAMPLE_ROOT, SampleSite
from pantau.cli import app

runner = CliRunner()


def test_parse_prints_the_article_as_json() -> None:
    page = (
        SAMPLE_ROOT
        / "rmol.id/politik/read/2024/10/04/634512/bawaslu-rekrut-pengawas-tps-di-jakarta.html"
    )
    url = (
        "https://rmol.id/amp/politik/read/2024/10/04/634512/bawaslu-rekrut-pengawas-tps-di-jakarta"
    )
    result = runner.invoke(app, ["parse", str(page), "--url", url, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["source"] == "rmol"
    assert data["url"] == url.replace("/amp/", "/")
    assert data["published_at"] == "2024-10-03T18:27:00Z"
    assert data["reporters"] == ["Ahmad Fauzi"]


def test_parse_of_a_challenge_page_is_a_clear_error(tmp_path: Path) -> None:
    page = tmp_path / "blok.html"
    page.write_text("<html><head><title>Just a moment...</title></head><body></body></html>")
    result = runner.invoke(
        app, ["parse", str(page), "--url", "https://news.detik.com/berita/d-1/x"]
    )
    assert result.exit_code == 2
    assert "blocked" in result.output


def test_unknown_source_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["crawl", "--source", "koran", "--data-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "unknown source 'koran'" in result.output


def test_crawl_twice_publishes_only_news_and_shows_errors(
    sample_site: SampleSite, tmp_path: Path
) -> None:
    starts = [sample_site.url("/rss/politik.xml"), sample_site.url("/rss/terkini.xml")]
    args = ["crawl", *starts, "--delay", "0", "--data-dir", str(tmp_path)]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "published 19 articles" in first.output
    assert "no_body" in first.output and "not_article" in first.output
    again = runner.invoke(app, args)
    assert again.exit_code == 0, again.output
    assert "published 0 articles" in again.output
    assert "seen" in again.output
    assert (tmp_path / "crawl-state" / "state.sqlite3").is_file()


def test_missing_extractor_is_a_start_up_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What a venv without lxml_html_clean looks like: trafilatura cannot be imported.
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    with pytest.raises(ExtractorMissing, match="reinstall pantau"):
        crawl(["http://127.0.0.1:9/rss/terkini.xml"], on_article=print, on_error=print)
    page = tmp_path / "p.html"
    page.write_text("<html><body><h1>x</h1></body></html>")
    result = runner.invoke(app, ["parse", str(page), "--url", "https://kabar.example/a"])
    assert result.exit_code == 2
    assert "generic article extractor cannot be loaded" in result.output
