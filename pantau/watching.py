"""Composition of `pantau watch`: registry, scheduler, the bus, stages and health alerts."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import time
from collections.abc import Sequence
from datetime import UTC, datetime

from crawlers.watch.hosts import Politeness
from crawlers.watch.registry import load_sources
from crawlers.watch.scheduler import OnFailing, Scheduler, WatchOptions
from crawlers.watch.schema import HEALTH_RULE, Health
from crawlers.watch.sink import Publish, Sink
from crawlers.watch.state import WatchState
from pantau.config import Settings
from pantau.wiring import (
    StagesLoading,
    build_alert_rules,
    build_alert_store,
    build_bus,
    build_store,
)
from pipeline.bus import Bus, InlineBus
from pipeline.events import TOPIC_RAW, RawArticle
from store.db import Store

log = logging.getLogger(__name__)


def open_state(settings: Settings, store: Store | None = None) -> WatchState:
    """The watch state in the operational store, with the sources file brought in."""
    state = WatchState(store or build_store(settings))
    state.sync(load_sources(settings.watch.sources_file))
    return state


def publisher(bus: Bus, loading: StagesLoading | None) -> Publish:
    """Articles -> articles.raw, acknowledged (inline: enriched, indexed, alerted) on return."""

    def publish(batch: Sequence[RawArticle]) -> None:
        if loading is not None:
            loading.wait()
        for article in batch:
            bus.publish(TOPIC_RAW, article.to_bytes(), key=article.id)
        bus.flush()

    return publish


def health_alerter(settings: Settings, state: WatchState) -> OnFailing:
    """An info alert to the administrators' office when a source keeps failing."""
    from alerts.digest import period_end
    from alerts.records import Draft
    from alerts.stage import alert_id
    from pipeline.events import Alert

    store = build_alert_store(settings, state.db)
    rules = build_alert_rules(settings)
    office = settings.watch.admin_office

    def raise_alert(health: Health) -> None:
        since = health.failing_since or time.time()
        found = state.get(health.name)
        url = found.source.homepage or found.source.entry_points()[0] if found else ""
        group = f"source:{health.name}:{int(since)}"
        now = time.time()
        when = datetime.fromtimestamp(since, UTC).strftime("%Y-%m-%d %H:%M UTC")
        alert = Alert(
            id=alert_id(HEALTH_RULE, group), rule_id=HEALTH_RULE,
            article_id=f"source-{health.name}", group=group,
            title=f"Sumber {health.name} gagal sejak {when} ({health.last_status})",
            url=url, source=health.name, severity="info",
            office=office, offices=[office], rule_name="Kesehatan sumber",
            evidence=[f"{health.consecutive_failures} kali gagal berturut-turut",
                      f"status terakhir: {health.last_status}"],
            created_at=datetime.fromtimestamp(now, UTC),
        )  # fmt: skip
        deliveries = []
        for name in rules.offices.get(office, []):
            mode = getattr(rules.channels[name], "digest", "none")
            deliveries.append((name, mode, period_end(mode, now)))
        draft = Draft(alert, "Kesehatan sumber", [office], None, deliveries)
        store.record(alert.article_id, None, alert.url, health.name, lambda _group: [draft])

    return raise_alert


def scheduler_for(settings: Settings, state: WatchState, sink: Sink, **kw: object) -> Scheduler:
    w = settings.watch
    policy = Politeness(delay=w.delay, budget=w.host_budget, burst=w.host_burst)
    options = WatchOptions(
        max_hosts=w.max_hosts, failing_after=w.failing_after, allow_private=w.allow_private,
        timeout=settings.crawl.download_timeout,
    )  # fmt: skip
    return Scheduler(state, sink, policy=policy, options=options, **kw)  # type: ignore[arg-type]


def run_watch(settings: Settings) -> Sink:
    """Poll until SIGTERM/SIGINT; the first signal lets requests in flight finish and the
    queued articles reach the bus, a second one exits at once (130)."""
    state = open_state(settings)
    enabled = [r for r in state.registered() if r.enabled]
    log.info("watching %d sources (%d feeds)", len(enabled),
             sum(len(r.source.entry_points()) for r in enabled))  # fmt: skip
    bus = build_bus(settings)
    loading = StagesLoading(settings, bus) if isinstance(bus, InlineBus) else None
    sink = Sink(publisher(bus, loading), state)
    scheduler = scheduler_for(settings, state, sink, on_failing=health_alerter(settings, state))
    asyncio.run(_until_signal(scheduler))
    sink.close()
    if loading is not None:
        stages = loading.wait()
        if stages.dispatcher is not None:
            stages.dispatcher.stop()
    bus.close()
    state.db.close()
    return sink


async def _until_signal(scheduler: Scheduler) -> None:
    loop = asyncio.get_running_loop()
    signals = 0

    def on_signal() -> None:
        nonlocal signals
        signals += 1
        if signals > 1:
            log.warning("second signal: exiting now")
            os._exit(130)
        log.info("stopping: finishing the requests in flight")
        scheduler.stop()

    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, on_signal)
    await scheduler.run()
