"""The scheduler behind `pantau watch`: lease due hosts, poll them, until stopped."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import random
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass

from crawlers.watch.fetch import Fetcher
from crawlers.watch.hosts import Politeness
from crawlers.watch.poll import HostWorker, PollContext
from crawlers.watch.schema import Health
from crawlers.watch.sink import Sink
from crawlers.watch.state import WatchState

log = logging.getLogger(__name__)
OnFailing = Callable[[Health], None]


@dataclass(frozen=True)
class WatchOptions:
    max_hosts: int = 16  # hosts polled at the same time by one process
    lease: float = 300.0  # seconds a host stays leased without renewal
    failing_after: float = 3600.0  # a source failing this long raises one alert
    housekeeping: float = 60.0  # seconds between health checks and pruning
    timeout: float = 30.0  # seconds per HTTP request
    allow_private: bool = False  # tests: links between local servers


def default_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{random.getrandbits(32):08x}"


class Scheduler:
    """Runs until `stop` is set; then starts no request, lets the ones in flight finish,
    and returns (the caller closes the sink, which publishes what is queued)."""

    def __init__(
        self,
        state: WatchState,
        sink: Sink,
        *,
        policy: Politeness | None = None,
        options: WatchOptions | None = None,
        on_failing: OnFailing | None = None,
        owner: str | None = None,
        clock: Callable[[], float] = time.time,
        seed: int | None = None,
    ) -> None:
        self.state = state
        self.sink = sink
        self.policy = policy or Politeness()
        self.options = options or WatchOptions()
        self.on_failing = on_failing
        self.owner = owner or default_owner()
        self.clock = clock
        self.rng = random.Random(seed)
        self._stop = asyncio.Event()
        self._tasks: set[asyncio.Task[None]] = set()
        self._wake = asyncio.Event()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    async def run(self) -> None:
        opts = self.options
        fetcher = Fetcher(timeout=opts.timeout, allow_private=opts.allow_private)
        ctx = PollContext(
            self.state, fetcher, self.sink, self.policy, self.owner, opts.lease, self.clock,
            self._stop.is_set, self.rng,
        )  # fmt: skip
        next_housekeeping = 0.0
        try:
            while not self._stop.is_set():
                now = self.clock()
                if now >= next_housekeeping:
                    self._housekeeping(now)
                    next_housekeeping = now + opts.housekeeping
                free = opts.max_hosts - len(self._tasks)
                for host in self.state.claim_hosts(
                    self.owner, now=now, lease=opts.lease, limit=free
                ):
                    self._start(HostWorker(ctx, host))
                await self._sleep()
            if self._tasks:
                await asyncio.gather(*self._tasks, return_exceptions=True)
        finally:
            await fetcher.close()

    def _start(self, worker: HostWorker) -> None:
        task = asyncio.create_task(worker.run())
        self._tasks.add(task)

        def done(t: asyncio.Task[None]) -> None:
            self._tasks.discard(t)
            self._wake.set()

        task.add_done_callback(done)

    async def _sleep(self) -> None:
        """Until a host is free again, the next feed is due (at most 1 s: other processes
        change the schedule too), or stop."""
        due = self.state.next_due(self.clock())
        wait = 1.0 if due is None else min(1.0, max(0.05, due - self.clock()))
        if len(self._tasks) >= self.options.max_hosts:
            wait = 1.0
        self._wake.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout=wait)

    def _housekeeping(self, now: float) -> None:
        try:
            self.state.prune(now)
            for health in self.state.failing(now - self.options.failing_after):
                if self.state.mark_alerted(health.name, now):
                    log.warning("source %s failing since %s", health.name, health.failing_since)
                    if self.on_failing is not None:
                        self.on_failing(health)
        except Exception:  # health reporting must not stop the polling
            log.exception("watch housekeeping failed")
