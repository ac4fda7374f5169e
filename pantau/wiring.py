"""Composition root: builds buses, backends and stage runners from Settings."""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pantau.config import Settings
from pipeline.bus import Bus, InlineBus
from pipeline.deadletter import DeadLetterFile
from pipeline.events import TOPIC_ALERTS, TOPIC_ENRICHED, TOPIC_RAW, EnrichedArticle, RawArticle
from pipeline.runner import StageRunner
from pipeline.stages.index import IndexStage
from search.backend import BackendError, SearchBackend

if TYPE_CHECKING:
    from argon2 import PasswordHasher
    from fastapi import APIRouter, FastAPI

    from alerts.delivery import Dispatcher, RetryPolicy
    from alerts.mail import Mailer
    from alerts.rules import RuleSet
    from alerts.stage import AlertStage
    from alerts.store import AlertStore
    from search.calendar import Calendar
    from store.accounts import Accounts
    from store.db import Store


class SetupError(RuntimeError):
    """Something in the environment stops pantau; the message says what and how to fix it."""


def check_data_dir(path: Path) -> Path:
    """Create the data dir (private: 0700) and prove it is writable before anything is
    half-written."""
    probe = path / f".write-test-{uuid.uuid4().hex}"
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        if path.stat().st_uid == os.getuid():  # news, alerts and accounts are office data
            path.chmod(0o700)
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        raise SetupError(
            f"data dir {path} is not writable ({exc.strerror or exc}). "
            "Pass --data-dir or set PANTAU_DATA_DIR to a folder you can write."
        ) from exc
    return path


def build_backend(settings: Settings) -> SearchBackend:
    if settings.backend == "elasticsearch":
        from search.elastic import ElasticsearchBackend

        es = settings.elasticsearch
        backend: SearchBackend = ElasticsearchBackend(es.url, alias=es.alias, version=es.version)
    else:
        from search.sqlite import SqliteBackend

        check_data_dir(settings.data_dir)
        backend = SqliteBackend(settings.index_path)
    try:
        backend.ensure()
    except BackendError as exc:
        raise SetupError(str(exc)) from exc
    return backend


def build_bus(settings: Settings) -> Bus:
    if settings.bus == "kafka":
        from pipeline.errors import BusError
        from pipeline.kafka import KafkaBus

        try:
            return KafkaBus(settings.kafka.bootstrap, batch_size=settings.kafka.batch_size)
        except BusError as exc:
            raise SetupError(str(exc)) from exc
    return InlineBus(unrouted=DeadLetterFile(settings.dlq_dir))


@dataclass
class Stages:
    """The runners attached to one bus (all of them in embedded mode, one per worker)."""

    runners: dict[str, StageRunner[RawArticle] | StageRunner[EnrichedArticle]] = field(
        default_factory=dict
    )
    dispatcher: Dispatcher | None = None  # sends the alert stage's deliveries


def attach_stages(
    settings: Settings,
    bus: Bus,
    names: tuple[str, ...] = ("enrich", "index", "alert"),
    *,
    backend: SearchBackend | None = None,
    group_prefix: str = "pantau",
) -> Stages:
    stages = Stages()
    if "enrich" in names:
        from nlp.pipeline import load_pipeline
        from pipeline.stages.enrich import EnrichStage

        enrich = EnrichStage(
            load_pipeline(), max_chars=settings.nlp.max_chars, batch_size=settings.nlp.batch_size
        )
        runner_e = StageRunner(enrich, bus, source=TOPIC_RAW, model=RawArticle, sink=TOPIC_ENRICHED)
        runner_e.attach(f"{group_prefix}-enrich")
        stages.runners["enrich"] = runner_e
    if "index" in names:
        index = IndexStage(backend or build_backend(settings))
        runner_i = StageRunner(index, bus, source=TOPIC_ENRICHED, model=EnrichedArticle)
        runner_i.attach(f"{group_prefix}-index")
        stages.runners["index"] = runner_i
    if "alert" in names:
        dispatcher = build_dispatcher(settings)
        alert = build_alert_stage(settings, store=dispatcher.store, rules=dispatcher.rules)
        alert.notify = dispatcher.poke
        # Embedded mode has no consumer of alerts.v1 (the store is the feed); publishing
        # there would only fill the unrouted dead-letter file.
        sink = None if isinstance(bus, InlineBus) else TOPIC_ALERTS
        runner_a = StageRunner(alert, bus, source=TOPIC_ENRICHED, model=EnrichedArticle, sink=sink)
        runner_a.attach(f"{group_prefix}-alert")
        stages.runners["alert"] = runner_a
        stages.dispatcher = dispatcher
        if settings.alerts.background:
            dispatcher.start()
    return stages


class StagesLoading:
    """attach_stages in a background thread: loading the NLP pipeline (seconds) overlaps
    other slow starts, such as a crawl child process importing Scrapy. The inline bus
    only queues what is published meanwhile; call `wait` before flushing it."""

    def __init__(self, settings: Settings, bus: Bus, *, backend: SearchBackend | None = None):
        self._stages: Stages | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._load, args=(settings, bus, backend), name="pantau-stages", daemon=True
        )
        self._thread.start()

    def _load(self, settings: Settings, bus: Bus, backend: SearchBackend | None) -> None:
        try:
            self._stages = attach_stages(settings, bus, backend=backend)
        except BaseException as exc:  # handed to the caller by wait()
            self._error = exc

    def wait(self) -> Stages:
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._stages is not None
        return self._stages


def build_alert_rules(settings: Settings, rules_file: Path | None = None) -> RuleSet:
    from alerts.rules import RulesError, load_rules

    try:
        return load_rules(
            rules_file or settings.alerts.rules_file, default_rule=settings.alerts.default_rule
        )
    except RulesError as exc:
        raise SetupError(str(exc)) from exc


def build_store(settings: Settings) -> Store:
    """The operational store, migrated, its offices seeded from the bundled gazetteer."""
    from alerts.offices import OfficeDirectory
    from store.db import StoreError, open_store
    from store.offices import build_offices, sync_offices

    if settings.store.url is None:
        check_data_dir(settings.data_dir)
    try:
        store = open_store(settings.store_url)
        places = OfficeDirectory.bundled().places.values()
        sync_offices(store, build_offices((p.code, p.name, p.level) for p in places))
    except StoreError as exc:
        raise SetupError(str(exc)) from exc
    return store


def build_accounts(
    settings: Settings, store: Store | None = None, *, hasher: PasswordHasher | None = None
) -> Accounts:
    """Users, sessions and tokens in the operational store, with PANTAU_ACCOUNTS__* limits
    (`hasher`: tests pass a cheaper Argon2id)."""
    from store.accounts import Accounts, Policy

    a = settings.accounts
    policy = Policy(
        max_failures=a.max_failures,
        lock_seconds=a.lock_minutes * 60,
        session_seconds=a.session_hours * 3600,
        idle_seconds=a.idle_minutes * 60,
    )
    return Accounts(store or build_store(settings), policy, hasher=hasher)


def build_alert_store(settings: Settings, store: Store | None = None) -> AlertStore:
    from alerts.evidence import Evidence
    from alerts.fetch import PageFetcher
    from alerts.grouping import Grouping
    from alerts.legacy import LEGACY_NAME, import_legacy
    from alerts.store import AlertStore

    a = settings.alerts
    grouping = Grouping(max_distance=a.group_distance, window_hours=a.group_window_hours)
    alerts = AlertStore(store or build_store(settings), grouping=grouping)
    fetcher = PageFetcher(timeout=a.snapshot_timeout, trusted=a.snapshot_trust)
    alerts.evidence = Evidence(alerts.db, fetcher)
    import_legacy(settings.data_dir / LEGACY_NAME, alerts)  # once, after the upgrade
    return alerts


def build_alert_stage(
    settings: Settings, *, store: AlertStore | None = None, rules: RuleSet | None = None
) -> AlertStage:
    from alerts.stage import AlertStage

    return AlertStage(rules or build_alert_rules(settings), store or build_alert_store(settings))


def alerts_router(
    settings: Settings, store: AlertStore | None = None, *, admin: Sequence[Any] = ()
) -> APIRouter:
    """The /api/alerts routes, to mount next to the search API (`include_router`); `admin`:
    the dependencies that guard the rules routes."""
    from alerts.api import router

    return router(store or build_alert_store(settings), build_alert_rules(settings), admin=admin)


def build_mailer(settings: Settings) -> Mailer | None:
    """The SMTP mailer of PANTAU_ALERTS__SMTP__* (None without a host): alerts and reports."""
    from alerts.mail import Mailer

    smtp = settings.alerts.smtp
    return Mailer(smtp) if smtp.host else None


def retry_policy(settings: Settings) -> RetryPolicy:
    """How failed sends are retried (PANTAU_ALERTS__MAX_ATTEMPTS, __BACKOFF_*)."""
    from alerts.delivery import RetryPolicy

    a = settings.alerts
    return RetryPolicy(max_attempts=a.max_attempts, base=a.backoff_base, max_delay=a.backoff_max)


def build_dispatcher(settings: Settings, *, rules: RuleSet | None = None) -> Dispatcher:
    """The sender of the alert store's outbox, configured from PANTAU_ALERTS__*."""
    from alerts.channels import DeliveryContext
    from alerts.delivery import Dispatcher

    a = settings.alerts
    context = DeliveryContext(
        mailer=build_mailer(settings),
        webhook_secret=a.webhook_secret,
        webhook_timeout=a.webhook_timeout,
    )
    return Dispatcher(
        build_alert_store(settings),
        rules or build_alert_rules(settings),
        context=context,
        policy=retry_policy(settings),
        recheck_after=a.recheck_hours * 3600 if a.snapshots else None,
    )


def install_calendar(settings: Settings) -> Calendar:
    """Load the election calendar (PANTAU_CALENDAR, else the bundled one) and make it the
    one search, alert rules, the web form, charts and reports read. Called once at startup
    (the CLI's callback, `build_api`); a file that cannot be used stops pantau here."""
    from search.calendar import Calendar, CalendarError, install

    path = settings.calendar_file
    try:
        calendar = _read_calendar(path) if path else Calendar.bundled()
    except CalendarError as exc:
        name = "PANTAU_CALENDAR" if settings.calendar else "PANTAU_REPORTS__CALENDAR"
        raise SetupError(
            f"election calendar: {exc}. Fix the file or unset {name} (the bundled "
            "calendar is used without it); the format is in docs/report.md."
        ) from exc
    install(calendar)
    return calendar


_calendars: dict[tuple[str, int, int], Calendar] = {}


def _read_calendar(path: Path) -> Calendar:
    """The calendar file, read once while it stays the same (`pantau serve` installs it
    in the CLI's callback and again in `build_api`)."""
    from search.calendar import Calendar

    try:
        seen = path.stat()
    except OSError:
        return Calendar.load(path)  # which says what is wrong with the path
    key = (str(path.resolve()), seen.st_mtime_ns, seen.st_size)
    if key not in _calendars:
        _calendars.clear()
        _calendars[key] = Calendar.load(path)
    return _calendars[key]


def build_api(
    settings: Settings,
    accounts: Accounts | None = None,
    *,
    backend: SearchBackend | None = None,
) -> FastAPI:
    """The whole HTTP API: search, trends and articles from the backend, plus the alerts,
    and the web UI over both (/, /articles/{id}, /alerts, /trends)."""
    from fastapi import Depends

    from pantau.web import install_error_pages, install_security
    from pantau.web import router as web_router
    from pantau.web.auth import require_admin
    from pantau.web.report import router as report_router
    from search.api import create_app

    app = create_app(backend or build_backend(settings), export_rows=settings.export.max_rows)
    accounts = accounts or build_accounts(settings)
    store = build_alert_store(settings, accounts.store)  # one operational store for both
    app.include_router(alerts_router(settings, store, admin=[Depends(require_admin)]))
    app.include_router(web_router(store))
    app.include_router(report_router(store, install_calendar(settings)))
    include_pantauan(app, settings, store, accounts)
    include_sources(app, settings, store.db)
    install_error_pages(app)
    install_security(app, settings.web, accounts)
    return app


def include_pantauan(
    app: FastAPI, settings: Settings, store: AlertStore, accounts: Accounts
) -> None:
    """Saved searches: the Pantauan pages and /api/pantauan."""
    from pantau.pantauan.api import router as pantauan_api
    from pantau.pantauan.pages import router as pantauan_pages

    app.include_router(pantauan_api(store.db))
    app.include_router(pantauan_pages(store, build_alert_rules(settings), accounts))


def include_sources(app: FastAPI, settings: Settings, store: Store) -> None:
    """/api/sources and the Sumber page, over the watch state (with the sources file in)."""
    from crawlers.watch.api import router as sources_api
    from crawlers.watch.registry import RegistryError
    from pantau.watching import open_state
    from pantau.web.sources import router as sources_page

    try:
        state = open_state(settings, store)
    except RegistryError as exc:
        raise SetupError(str(exc)) from exc
    app.include_router(sources_api(state))
    app.include_router(sources_page(state))
