"""ANTARA regional sites: chosen in settings or on the command line, others refused."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from crawlers.outlets import by_name
from crawlers.sources import entry_points
from devkit.server import SampleSite
from pantau.cli import app
from pantau.commands.crawl import regional_hosts
from pantau.config import Settings

RunCrawl = Callable[..., Any]
JATIM = "jatim.antaranews.com"
KALBAR = "kalbar.antaranews.com"


@pytest.mark.parametrize(
    ("value", "host"),
    [("jatim", JATIM), ("Jatim.AntaraNews.com", JATIM), ("https://kalbar.antaranews.com/", KALBAR)],
)
def test_regional_host_names(value: str, host: str) -> None:
    assert by_name("antara").regional_host(value) == host


@pytest.mark.parametrize(
    "value", ["www.antaranews.com", "m.antaranews.com", "antaranews.com", "news.detik.com", ""]
)
def test_not_a_regional_host(value: str) -> None:
    with pytest.raises(ValueError, match="not a regional antara host"):
        by_name("antara").regional_host(value)


def test_entry_points_read_the_chosen_regional_sites() -> None:
    default = entry_points(["antara"])
    assert "https://megapolitan.antaranews.com/rss/terkini.xml" in default
    chosen = entry_points(["antara"], backfill=True, regional_hosts={"antara": [JATIM]})
    assert [u for u in chosen if "www." not in u] == [
        f"https://{JATIM}/rss/terkini.xml", f"https://{JATIM}/terkini"
    ]  # fmt: skip
    www_only = entry_points(["antara"], regional_hosts={"antara": []})
    assert www_only == list(by_name("antara").feeds)


@pytest.mark.parametrize(
    ("option", "configured", "expected"),
    [
        (None, None, {}),  # the built-in list
        (None, ["jatim"], {"antara": [JATIM]}),
        (["kalbar", KALBAR], ["jatim"], {"antara": [KALBAR]}),  # the option wins
        (["none"], ["jatim"], {"antara": []}),
    ],
)
def test_command_line_wins_over_settings(
    option: list[str] | None, configured: list[str] | None, expected: dict[str, list[str]]
) -> None:
    assert regional_hosts(option, configured) == expected


def test_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PANTAU_CRAWL__ANTARA_HOSTS", f'["jatim", "{KALBAR}"]')
    assert Settings().crawl.antara_hosts == ["jatim", KALBAR]


def test_a_host_that_is_not_antaras_is_a_clear_cli_error(tmp_path: Path) -> None:
    args = ["crawl", "--source", "antara", "--antara-host", "news.detik.com"]
    result = CliRunner().invoke(app, [*args, "--data-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "not a regional antara host" in result.output


def test_cli_passes_the_configured_hosts_to_the_crawl(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[tuple[list[str], dict[str, Any]]] = []

    def fake_run(settings: Any, starts: list[str], state_dir: Any, **options: Any) -> Any:
        calls.append((starts, options))
        raise RuntimeError("stop here")

    monkeypatch.setattr("pantau.commands.crawl._run", fake_run)
    monkeypatch.setenv("PANTAU_CRAWL__ANTARA_HOSTS", '["jatim"]')
    result = CliRunner().invoke(app, ["crawl", "-s", "antara", "--data-dir", str(tmp_path)])
    assert isinstance(result.exception, RuntimeError)
    [(starts, options)] = calls
    assert options["regional_hosts"] == {"antara": [JATIM]}
    assert f"https://{JATIM}/rss/terkini.xml" in starts
    assert not any("megapolitan" in url for url in starts)


def test_crawl_of_a_regional_feed_refuses_unconfigured_hosts(
    sample_site: SampleSite, run_crawl: RunCrawl, manifest: dict[str, Any]
) -> None:
    feed = sample_site.url(manifest["regional_feed"])
    # The feed's own host is named by the operator; Kalbar is not among the defaults.
    run = run_crawl([feed])
    assert sorted(a.host for a in run.articles) == [JATIM, JATIM]
    assert run.failures == []
    assert run.stats.skipped == {"host_not_allowed": 1}
    expected = {a["url"]: a for a in manifest["regional_articles"]}
    for article in run.articles:
        assert article.body == "\n\n".join(expected[article.url]["paragraphs"])
    # Configured, the Kalbar site is crawled too (its ids count per host).
    run = run_crawl([feed], regional_hosts={"antara": [KALBAR]})
    assert sorted(a.host for a in run.articles) == [JATIM, JATIM, KALBAR]
    assert run.stats.skipped == {}
