"""The scheduler: politeness per host, leases, conditional GET, restarts, backoff, stop."""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from pathlib import Path

from crawlers.watch.hosts import Politeness
from crawlers.watch.scheduler import Scheduler, WatchOptions
from crawlers.watch.schema import Health
from crawlers.watch.sink import Sink
from crawlers.watch.state import WatchState
from store.db import open_store
from tests.crawlers.watch.conftest import (
    Collected,
    NewsServer,
    Route,
    local_source,
    run_watch,
    sqlite_state,
)


def _site(news: NewsServer, feeds: int = 3, per_feed: int = 3) -> list[str]:
    urls = []
    for f in range(feeds):
        links = [
            news.article(f"/kabar/{f}-{i}.html", f"Kabar {f} nomor {i} dari kecamatan")
            for i in range(per_feed)
        ]
        urls.append(news.feed(f"/feed-{f}.xml", links, etag=f'"f{f}"'))
    return urls


def test_one_request_in_flight_per_host(news: NewsServer, state: WatchState) -> None:
    feeds = _site(news)
    for route in news.routes.values():
        route.delay = 0.05  # slow answers: overlapping requests would show
    state.sync([local_source(f"s{i}", [url]) for i, url in enumerate(feeds)])
    out = run_watch(state, 20, until=lambda: news.hits("/feed-2.xml") >= 2)
    assert len(out.articles) == 9
    assert news.max_in_flight == 1


def test_delay_between_requests_to_one_host(news: NewsServer, state: WatchState) -> None:
    feeds = _site(news, feeds=1, per_feed=3)
    state.sync([local_source("s", feeds)])
    run_watch(state, 20, policy=Politeness(delay=0.3, budget=3600, burst=100),
              until=lambda: news.hits("/kabar/0-2.html") >= 1)  # fmt: skip
    starts = sorted(start for _, start, _ in news.log)
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert len(starts) >= 5  # robots, feed, three articles
    assert min(gaps) >= 0.29


def test_budget_caps_requests_per_host(news: NewsServer, state: WatchState) -> None:
    feeds = _site(news, feeds=2, per_feed=5)
    state.sync([local_source("s", feeds)])
    run_watch(state, 2.0, policy=Politeness(delay=0.0, budget=1.0, burst=4))
    # four from the bucket, plus what one request an hour refills in two seconds (none)
    assert len(news.log) == 4
    health = state.health()[0]
    assert health.articles < 10


def test_conditional_get_and_restart_do_not_refetch(news: NewsServer, state: WatchState) -> None:
    feeds = _site(news, feeds=1, per_feed=2)
    state.sync([local_source("s", feeds, max_interval=0.5)])
    first = run_watch(state, 10, until=lambda: news.hits("/feed-0.xml") >= 3)
    assert len(first.articles) == 2
    assert state.health()[0].outcomes.get("not_modified", 0) >= 2
    # a new process on the same state: the feed changed, only the new article is fetched
    fresh = news.article("/kabar/0-new.html", "Kabar baru dari kecamatan")
    news.feed("/feed-0.xml", [fresh, news.base + "/kabar/0-0.html"], etag='"f0-2"')
    again = WatchState(open_store(str(state.db.engine.url)))
    second = run_watch(again, 10, until=lambda: news.hits("/kabar/0-new.html") >= 1)
    time.sleep(0.2)
    assert [a.title for a in second.articles] == ["Kabar baru dari kecamatan"]
    assert news.hits("/kabar/0-0.html") == 1
    assert news.hits("/kabar/0-1.html") == 1


def test_retry_after_is_respected(news: NewsServer, state: WatchState) -> None:
    news.routes["/busy.xml"] = Route(b"slow down", 429, {"Retry-After": "120"})
    state.sync([local_source("sibuk", [news.base + "/busy.xml"])])
    before = time.time()
    run_watch(state, 1.5)
    assert news.hits("/busy.xml") == 1
    feed = state.feeds("sibuk")[0]
    assert feed.last_status == "http_429"
    assert feed.next_at >= before + 120
    assert state.host(feed.host).next_allowed_at >= before + 120


def test_two_processes_fetch_each_article_once(news: NewsServer, tmp_path: Path) -> None:
    feeds = _site(news, feeds=4, per_feed=3)
    path = tmp_path / "shared.sqlite3"
    sqlite_state(path).sync([local_source(f"s{i}", [u]) for i, u in enumerate(feeds)])
    outs: list[Collected] = []
    threads = [
        threading.Thread(target=lambda: outs.append(run_watch(sqlite_state(path), 3.0)))
        for _ in range(2)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    titles = [a.title for out in outs for a in out.articles]
    assert len(titles) == 12 == len(set(titles))
    for f in range(4):
        for i in range(3):
            assert news.hits(f"/kabar/{f}-{i}.html") == 1
    assert news.max_in_flight == 1  # one host: leased by one process at a time


def test_stop_lets_the_request_in_flight_finish(news: NewsServer, state: WatchState) -> None:
    feeds = _site(news, feeds=1, per_feed=1)
    news.routes["/kabar/0-0.html"].delay = 1.0
    state.sync([local_source("s", feeds)])
    out = Collected()
    sink = Sink(out.publish, state)
    scheduler = Scheduler(state, sink, policy=Politeness(delay=0), seed=1)

    async def main() -> None:
        task = asyncio.create_task(scheduler.run())
        while news.in_flight == 0 or not news.hits("/feed-0.xml"):
            await asyncio.sleep(0.02)
        scheduler.stop()  # the article request is in flight now
        await task

    asyncio.run(main())
    sink.close()
    assert [a.title for a in out.articles] == ["Kabar 0 nomor 0 dari kecamatan"]
    assert state.unseen([news.base + "/kabar/0-0.html"]) == []


def test_a_failing_source_alerts_once(news: NewsServer, state: WatchState) -> None:
    news.routes["/down.xml"] = Route(b"", 500)
    state.sync([local_source("mati", [news.base + "/down.xml"])])
    raised: list[Health] = []
    sink = Sink(Collected().publish, state)
    scheduler = Scheduler(
        state, sink, policy=Politeness(delay=0),
        options=WatchOptions(housekeeping=0.1, failing_after=0.3), on_failing=raised.append,
    )  # fmt: skip

    async def main() -> None:
        task = asyncio.create_task(scheduler.run())
        await asyncio.sleep(2.5)
        scheduler.stop()
        await task

    asyncio.run(main())
    sink.close()
    assert news.hits("/down.xml") >= 2  # retried with backoff, still failing
    assert [h.name for h in raised] == ["mati"]
    assert raised[0].last_status == "http_500"


def test_items_left_by_a_stop_are_fetched_after_restart_despite_etag(
    news: NewsServer, state: WatchState
) -> None:
    feeds = _site(news, feeds=1, per_feed=3)  # the feed answers 304 to its ETag
    news.routes["/kabar/0-0.html"].delay = 1.0
    state.sync([local_source("s", feeds)])
    out = Collected()
    sink = Sink(out.publish, state)
    scheduler = Scheduler(state, sink, policy=Politeness(delay=0), seed=1)

    async def main() -> None:
        task = asyncio.create_task(scheduler.run())
        while news.in_flight == 0 or not news.hits("/feed-0.xml"):
            await asyncio.sleep(0.02)
        scheduler.stop()  # two items of the feed are not fetched yet
        await task

    asyncio.run(main())
    sink.close()
    assert len(out.articles) == 1
    again = run_watch(state, 10, until=lambda: news.hits("/kabar/0-2.html") >= 1)
    assert sorted(a.title for a in again.articles) == [
        "Kabar 0 nomor 1 dari kecamatan",
        "Kabar 0 nomor 2 dari kecamatan",
    ]


def test_a_section_feed_repeating_terkini_slows_down(news: NewsServer, state: WatchState) -> None:
    links = [
        news.article(f"/kabar/t-{i}.html", f"Kabar terkini nomor {i} hari ini") for i in range(4)
    ]
    terkini = news.feed("/terkini.xml", links)
    section = news.feed("/politik.xml", links[:3])
    state.sync([local_source("s", [terkini, section], max_interval=1.0)])
    run_watch(state, 10, until=lambda: news.hits("/politik.xml") >= 1)
    feeds = {f.url: f for f in state.feeds()}
    assert feeds[terkini].interval <= 1.0 * 1.15  # the site's own feed: within the bound
    assert feeds[section].interval >= 1800 * 0.85  # it only repeats terkini
