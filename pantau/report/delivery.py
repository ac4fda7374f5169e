"""ReportSender: enqueue the reports that are due, then mail them (PDF attached) with retries.

One round = schedule (what is due per subscription, after each one's last mark) + send
(every pending row, leased). Subscriptions are read again each round, so `pantau report
subscribe` takes effect without a restart; the outbox is in the operational store, shared
by every scheduler. A period is enqueued once (UNIQUE in the outbox), so a
scheduler that was down sends each missed period once when it comes back, never twice; a
failed send is retried with the alert dispatcher's backoff and ends `dead`, visible.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from alerts.delivery import RetryPolicy
from alerts.mail import Mailer
from alerts.store import AlertStore
from alerts.webhook import DeliveryError
from pantau.report import render
from pantau.report.model import Report
from pantau.report.office import Office, find_office
from pantau.report.outbox import ReportDelivery, ReportOutbox
from pantau.report.period import Kind
from pantau.report.schedule import due_periods
from pantau.report.service import file_stem, make_report
from search.backend import SearchBackend
from search.calendar import Calendar

if TYPE_CHECKING:
    from pantau.config import Settings
    from pantau.pantauan.mail import PantauanMail

log = logging.getLogger(__name__)
Subscriptions = Mapping[tuple[Office, Kind], list[str]]
# Who gets what, asked each round (the store's rows change while a scheduler runs).
Subscribers = Callable[[], Subscriptions]


class ReportSender:
    def __init__(
        self,
        backend: SearchBackend,
        store: AlertStore,
        outbox: ReportOutbox,
        subscriptions: Subscribers,
        *,
        mailer: Mailer | None,
        policy: RetryPolicy | None = None,
        hour: int = 7,
        catch_up: int = 3,
        calendar: Calendar | None = None,
        base_url: str | None = None,
        pdf: Callable[..., bytes] = render.pdf,
        pantauan: PantauanMail | None = None,
    ) -> None:
        self.backend, self.store, self.outbox = backend, store, outbox
        self.subscriptions = subscriptions
        self.mailer = mailer
        self.policy = policy or RetryPolicy()
        self.hour, self.catch_up = hour, catch_up
        self.calendar = calendar
        self.base_url = base_url
        self.pdf = pdf
        self.pantauan = pantauan  # saved searches' daily mail rides the same outbox

    def round(self, now: datetime) -> Counter[str]:
        done: Counter[str] = Counter(scheduled=self.schedule(now))
        done.update(self.send_due(now))
        return +done

    def schedule(self, now: datetime) -> int:
        """Enqueue every due period of every subscription; returns how many are new."""
        new = 0
        for (office, kind), recipients in self.subscriptions().items():
            mark = self.outbox.last_mark(office.name, kind)
            periods = due_periods(
                kind, office.timezone, now, mark, hour=self.hour, catch_up=self.catch_up
            )
            new += self.outbox.enqueue(office.name, kind, periods, recipients, now.timestamp())
        if self.pantauan is not None:
            new += self.pantauan.schedule(self.outbox, now, hour=self.hour, catch_up=self.catch_up)
        return new

    def send_due(self, now: datetime) -> Counter[str]:
        done: Counter[str] = Counter()
        clock = now.timestamp()
        for row in self.outbox.claim_due(clock):
            try:
                self._send(row, now)
            except Exception as exc:  # any failure is an attempt: a row never gets stuck
                retry_at = self.policy.retry_at(
                    row.attempts + 1,
                    clock,
                    permanent=isinstance(exc, DeliveryError) and exc.permanent,
                )
                self.outbox.failed(row.id, f"{type(exc).__name__}: {exc}", retry_at)
                done["dead" if retry_at is None else "retry"] += 1
                log.warning("report %s %s %s failed: %s", row.office, row.kind, row.period, exc)
                continue
            self.outbox.delivered(row.id, clock)
            done["delivered"] += 1
        return done

    def _send(self, row: ReportDelivery, now: datetime) -> None:
        if self.mailer is None:
            raise DeliveryError("no SMTP server configured (PANTAU_ALERTS__SMTP__HOST)")
        if self.pantauan is not None and row.kind == self.pantauan.kind:
            self.pantauan.send(row, self.mailer)
            return
        kind: Kind = "weekly" if row.kind == "weekly" else "daily"
        report = make_report(
            self.backend,
            self.store,
            find_office(row.office),
            kind,
            row.period,
            calendar=self.calendar,
            now=now,
        )
        pdf = self.pdf(report, link_base=self.base_url)
        subject, text = mail_text(report)
        attachment = (f"{file_stem(report)}.pdf", pdf, "application/pdf")
        self.mailer.send(row.recipients, subject, text, attachments=[attachment])


def mail_text(report: Report) -> tuple[str, str]:
    """Subject and plain-text body: the cover's numbers; the report itself is the PDF."""
    kind = "Kliping berita harian" if report.period.kind == "daily" else "Laporan mingguan"
    subject = f"[pantau] {kind} {report.office.name}: {report.period.label}"
    c, p = report.current, report.previous
    lines = [
        f"{kind} {report.office.name}",
        f"Periode: {report.period.label} ({report.office.zone_name})",
        f"Berita: {c.articles} (sebelumnya {p.articles}); media: {c.outlets}; "
        f"peringatan: {c.alerts} (sebelumnya {p.alerts})",
    ]
    if report.stages:
        lines.append("Tahapan: " + "; ".join(s.label for s in report.stages))
    if report.empty:
        lines.append("Tidak ada berita dan tidak ada peringatan pada periode ini.")
    for a in report.alerts[:10]:
        lines.append(f"- [{a.severity}] {a.title} ({a.source}) {a.url}")
    lines.append("\nLaporan lengkap terlampir (PDF).")
    return subject[:200], "\n".join(lines)


def build_sender(settings: Settings, *, calendar: Calendar | None = None) -> ReportSender:
    """The sender configured from PANTAU_REPORTS__* and the alerts' SMTP settings."""
    from pantau.pantauan.mail import PantauanMail
    from pantau.report.subscriptions import everyone
    from pantau.wiring import (
        build_alert_store,
        build_backend,
        build_mailer,
        build_store,
        retry_policy,
    )
    from store.accounts import Accounts
    from store.saved import SavedSearches

    r, store = settings.reports, build_store(settings)
    everyone(r.subscriptions, store)  # a broken file fails here, at start, not in a round
    backend = build_backend(settings)
    saved = PantauanMail(
        backend, SavedSearches(store), Accounts(store).user_by_id, base_url=r.base_url
    )
    return ReportSender(
        backend,
        build_alert_store(settings, store),
        ReportOutbox(store),
        lambda: everyone(r.subscriptions, store),
        mailer=build_mailer(settings),
        policy=retry_policy(settings),
        hour=r.send_hour,
        catch_up=r.catch_up,
        calendar=calendar,
        base_url=r.base_url,
        pantauan=saved,
    )
