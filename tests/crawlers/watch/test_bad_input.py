"""Bad feeds are counted, visible states of their source; the other sources go on."""

from __future__ import annotations

import pytest

from crawlers.watch.state import WatchState
from tests.crawlers.watch.conftest import NewsServer, Route, local_source, run_watch


def _good(news: NewsServer) -> str:
    links = [
        news.article(f"/kabar/baik-{i}.html", f"Kabar baik nomor {i} dari desa") for i in range(2)
    ]
    return news.feed("/baik.xml", links)


def _html_feed(news: NewsServer) -> str:
    news.routes["/html.xml"] = Route(
        b"<html><head><title>Beranda</title></head><body><p>halo</p></body></html>",
        headers={"Content-Type": "text/html"},
    )
    return news.base + "/html.xml"


def _redirect_loop(news: NewsServer) -> str:
    news.routes["/loop-a.xml"] = Route(status=302, headers={"Location": "/loop-b.xml"})
    news.routes["/loop-b.xml"] = Route(status=302, headers={"Location": "/loop-a.xml"})
    return news.base + "/loop-a.xml"


def _huge(news: NewsServer) -> str:
    item = b"<item><title>x</title><link>http://elsewhere.example/a</link></item>"
    body = b'<?xml version="1.0"?><rss><channel>' + item * 160_000 + b"</channel></rss>"
    assert len(body) > 10_000_000
    news.routes["/huge.xml"] = Route(body, headers={"Content-Type": "application/rss+xml"})
    return news.base + "/huge.xml"


def _offsite(news: NewsServer) -> str:
    return news.feed("/offsite.xml", [f"https://lain.example/berita/{i}" for i in range(3)])


def _slow(news: NewsServer) -> str:
    news.routes["/slow.xml"] = Route(b"<rss/>", delay=3.0)
    return news.base + "/slow.xml"


CASES = [
    (_html_feed, "not_a_feed"),
    (_redirect_loop, "redirect_loop"),
    (_huge, "too_large"),
    (_offsite, "all_offsite"),
    (_slow, "timeout"),
]


@pytest.mark.parametrize(("make", "reason"), CASES, ids=[r for _, r in CASES])
def test_bad_feed_is_a_counted_state_and_others_go_on(
    news: NewsServer, state: WatchState, make, reason: str
) -> None:
    good, bad = _good(news), make(news)
    state.sync([local_source("baik", [good]), local_source("rusak", [bad])])

    def settled() -> bool:
        h = {x.name: x for x in state.health()}
        return h["rusak"].polls >= 1 and h["baik"].polls >= 2 and h["baik"].articles == 2

    out = run_watch(state, 20.0, timeout=1.0, until=settled)
    health = {h.name: h for h in state.health()}
    assert health["rusak"].last_status == reason
    assert health["rusak"].outcomes[reason] >= 1
    assert health["rusak"].state == "failing"
    assert health["rusak"].consecutive_failures >= 1
    assert health["rusak"].articles == 0
    assert health["baik"].state == "ok"
    assert sorted(a.title for a in out.articles) == [
        "Kabar baik nomor 0 dari desa",
        "Kabar baik nomor 1 dari desa",
    ]
    # the good feed was polled again meanwhile: no silent stop
    assert news.hits("/baik.xml") >= 2
