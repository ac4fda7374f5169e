"""The Sumber page and /api/sources show each source's health; a failing source alerts."""

from __future__ import annotations

import time
from pathlib import Path

from fastapi.testclient import TestClient

from pantau.config import Settings, WatchSettings
from pantau.watching import health_alerter, open_state
from pantau.wiring import build_alert_store, build_api
from tests.web.conftest import BASE, sign_in

SOURCES = """
sources:
  - name: kabar-sleman
    homepage: https://kabarsleman.example/
    feeds: [https://kabarsleman.example/feed]
    region: "34.04"
  - name: warta-rusak
    feeds: [https://wartarusak.example/rss.xml]
"""


def _settings(settings: Settings, tmp_path: Path) -> Settings:
    path = tmp_path / "sources.yaml"
    path.write_text(SOURCES)
    return settings.model_copy(update={"watch": WatchSettings(sources_file=path)})


def _client(settings: Settings) -> TestClient:
    """Signed in: the Sumber page and /api/sources need an account like every page."""
    client = TestClient(build_api(settings), base_url=BASE)
    assert sign_in(client, "analis").status_code == 303
    return client


def _history(settings: Settings) -> None:
    state = open_state(settings)
    now = time.time()
    state.record("kabar-sleman", "poll", "ok", True, now - 60)
    state.record("kabar-sleman", "article", "ok", True, now - 50)
    state.record("kabar-sleman", "generic", "ok", True, now - 40)
    for i in range(3):
        state.record("warta-rusak", "poll", "not_a_feed", False, now - 30 + i)


def test_sources_page_shows_health(settings: Settings, tmp_path: Path) -> None:
    s = _settings(settings, tmp_path)
    _history(s)
    client = _client(s)
    html = client.get("/sources").text
    assert "kabar-sleman" in html and "warta-rusak" in html
    assert "1 gagal" in html  # one source failing, named on the page
    assert "gagal: not_a_feed" in html
    assert ">50%</td>" in html  # generic-extractor share of kabar-sleman
    one = client.get("/sources/warta-rusak")
    assert one.status_code == 200
    assert "not_a_feed 3×" in one.text
    assert client.get("/sources/tidak-ada").status_code == 404


def test_api_sources(settings: Settings, tmp_path: Path) -> None:
    s = _settings(settings, tmp_path)
    _history(s)
    client = _client(s)
    items = {i["name"]: i for i in client.get("/api/sources").json()["sources"]}
    assert items["kabar-sleman"]["region"] == "34.04"
    assert items["kabar-sleman"]["health"]["articles_per_day"] == 2
    assert items["kabar-sleman"]["health"]["generic_rate"] == 0.5
    bad = items["warta-rusak"]["health"]
    assert (bad["state"], bad["consecutive_failures"], bad["error_rate"]) == ("failing", 3, 1.0)
    one = client.get("/api/sources/warta-rusak").json()
    assert one["feeds"][0]["url"] == "https://wartarusak.example/rss.xml"
    assert client.get("/api/sources/tidak-ada").status_code == 404


def test_failing_source_raises_one_info_alert(settings: Settings, tmp_path: Path) -> None:
    s = _settings(settings, tmp_path)
    _history(s)
    state = open_state(s)
    alert = health_alerter(s, state)
    failing = state.failing(time.time())
    assert [h.name for h in failing] == ["warta-rusak"]
    for h in failing:
        assert state.mark_alerted(h.name, time.time())
        alert(h)
        alert(h)  # a second call for the same episode adds nothing
    assert state.failing(time.time()) == []  # alerted: not again
    feed = build_alert_store(s).feed(limit=10, rule="source_health")
    assert len(feed) == 1
    assert feed[0].alert.severity == "info"
    assert feed[0].offices == ["admin"]
    assert "warta-rusak" in feed[0].alert.title
    # the alert's link leads to the source's page, not to an article that does not exist
    client = _client(s)
    html = client.get("/alerts", params={"rule": "source_health"}).text
    assert 'href="/sources/warta-rusak">sumber</a>' in html
    assert "/articles/source-" not in html
    assert client.get("/sources/warta-rusak").status_code == 200
