"""The source registry: the bundled built-in outlets, sources files, and their errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawlers.outlets import OUTLETS
from crawlers.watch.registry import RegistryError, load_sources
from tests.crawlers.watch.conftest import sqlite_state


def test_bundled_sources_cover_every_outlet_family() -> None:
    sources = load_sources()
    assert {s.family for s in sources} == set(OUTLETS)
    for outlet in OUTLETS.values():
        urls = {u for s in sources if s.family == outlet.name for u in s.entry_points()}
        assert set(outlet.feeds) <= urls  # the rules' own feeds are watched


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sources: [{name: a}]", "has no feed, sitemap or listing URL"),
        ("sources: [{name: a, feeds: ['ftp://x/y']}]", r"not an http\(s\) URL"),
        ("sources: [{name: a, feeds: ['https://x/f'], family: koran}]", "unknown family"),
        ("sources: [{name: a, feeds: ['https://x/f'], region: jateng}]", "Kemendagri code"),
        ("sources: [{name: A B, feeds: ['https://x/f']}]", "name"),
        (
            "sources: [{name: a, feeds: ['https://x/f'], min_interval: 9, max_interval: 5}]",
            "min_interval is larger",
        ),
        (
            "sources: [{name: a, feeds: ['https://x/f']}, {name: a, feeds: ['https://y/f']}]",
            "duplicate names a",
        ),
        ("sources: [", "not valid YAML"),
    ],
)
def test_bad_sources_file_is_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(text)
    with pytest.raises(RegistryError, match=message):
        load_sources(path)


def test_sync_keeps_an_operators_disable_and_drops_removed_entries(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text("sources: [{name: a, feeds: ['https://a.example/f']},"
                    " {name: b, feeds: ['https://b.example/f']}]")  # fmt: skip
    state = sqlite_state(tmp_path / "store.sqlite3")
    state.sync(load_sources(path))
    assert state.set_enabled("a", False)
    path.write_text("sources: [{name: a, feeds: ['https://a.example/g']}]")
    state.sync(load_sources(path))
    regs = {r.source.name: r for r in state.registered()}
    assert list(regs) == ["a"]
    assert not regs["a"].enabled
    assert [f.url for f in state.feeds()] == ["https://a.example/g"]
