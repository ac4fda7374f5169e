"""Poll the due feeds of one leased host and fetch their new articles."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from crawlers.state import PERMANENT_FAILURES
from crawlers.watch.adapt import Rates, backoff, learn, next_interval
from crawlers.watch.fetch import Fetched, Fetcher
from crawlers.watch.hosts import HostSlot, Politeness
from crawlers.watch.links import NotAFeed, article_links, read_entries
from crawlers.watch.pages import parse_page
from crawlers.watch.registry import Source
from crawlers.watch.schema import Feed
from crawlers.watch.sink import Sink
from crawlers.watch.state import WatchState

log = logging.getLogger(__name__)
MAX_NEW_PER_POLL = 50  # a feed that suddenly lists hundreds is read over several polls


@dataclass
class PollContext:
    """What every host worker of one scheduler shares."""

    state: WatchState
    fetcher: Fetcher
    sink: Sink
    policy: Politeness
    owner: str
    lease: float
    clock: Callable[[], float]
    stopping: Callable[[], bool]
    rng: random.Random
    max_pending: int = 500  # articles waiting for the pipeline before polling pauses


class HostWorker:
    """One leased host: its due feeds one after the other, each request through the
    host's slot, so the host never sees two requests at once from this process."""

    def __init__(self, ctx: PollContext, host: str) -> None:
        self.ctx = ctx
        self.slot = HostSlot(
            ctx.state.host(host), ctx.policy, ctx.fetcher, clock=ctx.clock, stopping=ctx.stopping
        )
        self.sources = {r.source.name: r.source for r in ctx.state.registered()}

    async def run(self) -> None:
        ctx, host = self.ctx, self.slot.host.host
        try:
            for feed in ctx.state.due_feeds(host, ctx.clock()):
                source = self.sources.get(feed.source)
                if source is None or ctx.stopping():
                    continue
                ctx.state.extend(host, ctx.owner, ctx.clock() + ctx.lease)
                await self._poll(feed, source)
        except Exception:  # one host's bug must not stop the others
            log.exception("polling %s failed", host)
        finally:
            ctx.state.release(self.slot.host, ctx.owner)

    async def _poll(self, feed: Feed, source: Source) -> None:
        trusted = source.netlocs()
        await self.slot.ensure_robots(urlsplit(feed.url).scheme, trusted)
        if not self.slot.allowed(feed.url):
            self._failed(feed, "robots_txt", None)
            return
        headers = {}
        if feed.etag:
            headers["If-None-Match"] = feed.etag
        if feed.last_modified:
            headers["If-Modified-Since"] = feed.last_modified
        got = await self.slot.request(feed.url, trusted=trusted, headers=headers)
        if got is None:  # out of budget or stopping: try again when due next
            feed.next_at = self.ctx.clock() + max(self.slot.delay, 60.0)
            feed.last_status = "budget" if not self.ctx.stopping() else feed.last_status
            self.ctx.state.save_feed(feed)
            return
        if got.status == 304:
            self._succeeded(feed, source, "not_modified", new=0, fresh=0, dates=[])
            return
        if not got.ok:
            self._failed(feed, got.reason or f"http_{got.status}", got.retry_after)
            return
        await self._read(feed, source, got)

    async def _read(self, feed: Feed, source: Source, got: Fetched) -> None:
        try:
            entries = read_entries(got.url, got.body, got.headers.get("content-type", ""))
        except NotAFeed as exc:
            self._failed(feed, exc.reason, None)
            return
        links = article_links(source, got.url, entries)
        if entries and not links.articles and links.offsite:
            self._failed(feed, "all_offsite", None)
            return
        known = self.ctx.state.known(links.articles)
        unseen = [u for u in links.articles if u not in known]
        since = feed.polled_at or 0.0
        others = sum(1 for by, at in known.values() if by != feed.url and at > since)
        done = 0
        for canonical in unseen[:MAX_NEW_PER_POLL]:
            if self.ctx.stopping():
                break
            done += await self._article(source, feed.url, canonical, links.articles[canonical])
        # Validators only when every new item was settled: otherwise the next poll's 304
        # would hide the ones left (stopped, out of budget, a transient failure, the cap).
        complete = done == len(unseen)
        feed.etag = got.headers.get("etag") if complete else None
        feed.last_modified = got.headers.get("last-modified") if complete else None
        dates = [e.published for e in entries if e.published is not None]
        new = min(len(unseen), MAX_NEW_PER_POLL)
        self._succeeded(
            feed, source, "ok", new=new, fresh=new + others, dates=dates,
            items=len(links.articles),
        )  # fmt: skip

    async def _article(self, source: Source, feed: str, canonical: str, url: str) -> int:
        """1 when the URL is settled (an article, a permanent failure, or another process
        has it); 0 when it stays to be fetched at a later poll."""
        ctx = self.ctx
        while ctx.sink.pending() > ctx.max_pending and not ctx.stopping():
            await asyncio.sleep(0.2)  # the pipeline is behind: do not pile up pages
        if not self.slot.allowed(url):
            ctx.state.record(source.name, "article_error", "robots_txt", False, ctx.clock())
            return 1
        if not ctx.state.claim_article(canonical, source.name, ctx.clock(), feed):
            return 1
        got = await self.slot.request(url, trusted=source.netlocs())
        if got is None:
            ctx.state.settle(canonical, None, ctx.clock())
            return 0
        if not got.ok:
            return self._article_failed(source, canonical, got.reason or f"http_{got.status}")
        outcome = await asyncio.to_thread(parse_page, source, got.url, got.body, got.headers)
        if outcome.article is None:
            return self._article_failed(source, canonical, outcome.reason)
        kind = "generic" if outcome.generic else "article"
        ctx.state.record(source.name, kind, "ok", True, ctx.clock())
        ctx.sink.put(outcome.article, canonical)
        return 1

    def _article_failed(self, source: Source, canonical: str, reason: str) -> int:
        """Counted; a permanent failure is settled (1), a transient one retried later (0)."""
        now = self.ctx.clock()
        keep = reason in PERMANENT_FAILURES or reason in ("offsite", "private_address")
        self.ctx.state.settle(canonical, reason if keep else None, now)
        self.ctx.state.record(source.name, "article_error", reason, False, now)
        return int(keep)

    def _succeeded(
        self,
        feed: Feed,
        source: Source,
        status: str,
        *,
        new: int,
        fresh: int,
        dates: Sequence[datetime],
        items: int = 0,
    ) -> None:
        now = self.ctx.clock()
        elapsed = now - feed.polled_at if feed.polled_at else None
        rates = learn(
            Rates(feed.rate, feed.fresh, feed.window),
            new=new, fresh=fresh, elapsed=elapsed, dates=dates, items=items,
        )  # fmt: skip
        feed.rate, feed.fresh, feed.window = rates.new, rates.fresh, rates.window
        interval = next_interval(
            rates, low=source.min_interval, high=source.max_interval, rng=self.ctx.rng,
            secondary=feed.url != source.entry_points()[0],
        )  # fmt: skip
        feed.interval, feed.failures, feed.last_status = interval, 0, status
        feed.polled_at, feed.next_at = now, now + interval
        self.ctx.state.save_feed(feed)
        self.ctx.state.record(source.name, "poll", status, True, now)

    def _failed(self, feed: Feed, reason: str, retry_after: float | None) -> None:
        now = self.ctx.clock()
        feed.failures += 1
        feed.last_status, feed.polled_at = reason, now
        feed.next_at = now + backoff(feed.interval, feed.failures, retry_after)
        self.ctx.state.save_feed(feed)
        self.ctx.state.record(feed.source, "poll", reason, False, now)
        log.info("feed %s: %s (failure %d in a row)", feed.url, reason, feed.failures)
