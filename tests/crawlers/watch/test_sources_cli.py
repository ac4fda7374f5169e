"""`pantau sources add|list|show|disable`: discovery, test parses, the registry in the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pantau.cli import app
from tests.crawlers.watch.conftest import NewsServer, Route

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    empty = tmp_path / "sources.yaml"
    empty.write_text("sources: []\n")
    monkeypatch.setenv("PANTAU_WATCH__SOURCES_FILE", str(empty))
    monkeypatch.setenv("PANTAU_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def _site(news: NewsServer, *, alternate: bool) -> None:
    links = [news.article(f"/kabar/{i}.html", f"Kabar desa nomor {i} hari ini") for i in range(4)]
    news.feed("/rss.xml", links)
    link = '<link rel="alternate" type="application/rss+xml" href="/rss.xml">' if alternate else ""
    news.routes["/"] = Route(
        f"<html><head><title>Kabar Desa</title>{link}</head><body>Beranda</body></html>".encode(),
        headers={"Content-Type": "text/html"},
    )
    news.routes["/robots.txt"] = Route(f"Sitemap: {news.base}/sitemap.xml\n".encode())


def test_add_discovers_feeds_test_parses_and_saves(news: NewsServer, env: Path) -> None:
    _site(news, alternate=True)
    result = runner.invoke(app, ["sources", "add", news.base + "/", "--name", "kabar-desa",
                                 "--region", "34.04", "--delay", "0"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"found {news.base}/rss.xml  (<link rel=alternate>)" in result.output
    assert f"found {news.base}/sitemap.xml  (robots.txt Sitemap)" in result.output
    assert result.output.count(": generic") == 3  # three test articles, generic extractor
    assert news.hits("/kabar/3.html") == 0  # only three were fetched
    assert news.hits("/rss") == 0  # the page named its feed: no guessing
    listed = runner.invoke(app, ["sources", "list", "--format", "json"])
    entry = next(s for s in json.loads(listed.output) if s["name"] == "kabar-desa")
    assert (entry["region"], entry["family"], entry["enabled"]) == ("34.04", "generic", True)
    shown = json.loads(runner.invoke(app, ["sources", "show", "kabar-desa"]).output)
    assert shown["source"]["feeds"] == [news.base + "/rss.xml"]
    assert shown["origin"] == "cli"
    assert runner.invoke(app, ["sources", "disable", "kabar-desa"]).exit_code == 0
    listed = runner.invoke(app, ["sources", "list", "--format", "json"])
    assert json.loads(listed.output)[0]["state"] == "disabled"


def test_add_finds_a_common_feed_path(news: NewsServer, env: Path) -> None:
    _site(news, alternate=False)
    result = runner.invoke(app, ["sources", "add", news.base + "/", "--delay", "0", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert f"found {news.base}/rss.xml  (common feed path)" in result.output
    listed = runner.invoke(app, ["sources", "list", "--format", "json"])
    assert json.loads(listed.output) == []  # dry run: nothing saved


def test_add_without_feed_saves_nothing(news: NewsServer, env: Path) -> None:
    news.routes["/"] = Route(b"<html><head><title>x</title></head><body>y</body></html>")
    result = runner.invoke(app, ["sources", "add", news.base + "/", "--delay", "0"])
    assert result.exit_code == 2
    assert "no feed or sitemap found" in result.output
    assert json.loads(runner.invoke(app, ["sources", "list", "--format", "json"]).output) == []


def test_unknown_source_is_a_clear_error(env: Path) -> None:
    result = runner.invoke(app, ["sources", "disable", "tidak-ada"])
    assert result.exit_code == 2
    assert "no source named 'tidak-ada'" in result.output


def test_status_shows_source_health(news: NewsServer, env: Path) -> None:
    _site(news, alternate=True)
    runner.invoke(app, ["sources", "add", news.base + "/", "--name", "kabar-desa", "--delay", "0"])
    result = runner.invoke(app, ["status", "--target", "127.0.0.1:9"])
    assert result.exit_code == 3  # the worker is down; the sources table is shown anyway
    assert "sources (last 24 h)" in result.output
    assert "kabar-desa" in result.output
    assert "unchecked" in result.output
