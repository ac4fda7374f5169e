"""Per-host politeness: one request at a time, delay or robots crawl-delay, a budget."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass

from protego import Protego

from crawlers.watch.fetch import WATCH_AGENT, Fetched, Fetcher
from crawlers.watch.schema import Host

ROBOTS_TTL = 86400.0


@dataclass(frozen=True)
class Politeness:
    """How hard pantau may press one host."""

    delay: float = 1.0  # seconds between two requests to one host (robots may ask more)
    budget: float = 360.0  # requests per hour per host, refilled continuously
    burst: float = 30.0  # requests a host's budget holds at most
    max_crawl_delay: float = 60.0  # a robots.txt asking for more is capped here


class HostSlot:
    """A leased host. Requests go through `request` one at a time (the caller awaits
    each), spaced by the delay, paid from the budget; the state is saved on release."""

    def __init__(
        self,
        host: Host,
        policy: Politeness,
        fetcher: Fetcher,
        *,
        clock: Callable[[], float] = time.time,
        stopping: Callable[[], bool] = lambda: False,
    ) -> None:
        self.host = host
        self.policy = policy
        self.fetcher = fetcher
        self.clock = clock
        self.stopping = stopping
        self.robots = Protego.parse(host.robots) if host.robots else None
        self.requests = 0
        now = clock()
        if host.tokens is None or host.tokens_at is None:
            host.tokens, host.tokens_at = policy.burst, now
        self._refill(now)

    def _refill(self, now: float) -> None:
        assert self.host.tokens is not None and self.host.tokens_at is not None
        earned = (now - self.host.tokens_at) * self.policy.budget / 3600.0
        self.host.tokens = min(self.policy.burst, self.host.tokens + max(0.0, earned))
        self.host.tokens_at = now

    @property
    def delay(self) -> float:
        asked = self.robots.crawl_delay(WATCH_AGENT) if self.robots else None
        return max(self.policy.delay, min(float(asked or 0), self.policy.max_crawl_delay))

    def allowed(self, url: str) -> bool:
        return self.robots is None or self.robots.can_fetch(url, WATCH_AGENT)

    def has_budget(self) -> bool:
        self._refill(self.clock())
        assert self.host.tokens is not None
        return self.host.tokens >= 1.0

    async def request(
        self, url: str, *, trusted: set[str], headers: dict[str, str] | None = None
    ) -> Fetched | None:
        """One GET when the budget allows (None: out of budget, or shutting down)."""
        wait = self.host.next_allowed_at - self.clock()
        if wait > 0:
            await asyncio.sleep(wait)
        if self.stopping() or not self.has_budget():
            return None
        got = await self.fetcher.get(url, trusted=trusted, headers=headers)
        self.requests += max(1, got.requests)
        now = self.clock()
        assert self.host.tokens is not None
        self.host.tokens -= max(1, got.requests)
        pause = self.delay
        if got.status in (429, 503):
            pause = max(pause, got.retry_after or 30.0)
        self.host.next_allowed_at = now + pause
        return got

    async def ensure_robots(self, scheme: str, trusted: set[str]) -> None:
        """Fetch robots.txt when unknown or a day old; a missing file allows everything,
        an unreachable one keeps the rules known before (none: allow)."""
        if self.host.robots_at is not None and self.clock() - self.host.robots_at < ROBOTS_TTL:
            return
        got = await self.request(f"{scheme}://{self.host.host}/robots.txt", trusted=trusted)
        if got is None or got.reason or got.status >= 500:
            return
        text = got.body.decode("utf-8", "replace") if got.status == 200 else ""
        self.host.robots, self.host.robots_at = text, self.clock()
        self.robots = Protego.parse(text) if text else None
