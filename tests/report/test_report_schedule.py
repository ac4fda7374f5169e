"""Scheduled reports on a fake clock: due at 07:00 local, a missed run sent once, never twice."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from alerts.delivery import RetryPolicy
from alerts.mail import Mailer, SmtpConfig
from alerts.webhook import DeliveryError
from pantau.report.delivery import ReportSender, Subscriptions
from pantau.report.office import find_office
from pantau.report.outbox import ReportOutbox
from pantau.report.schedule import due_periods, latest_due
from pantau.report.subscriptions import SubscriptionError, load
from store.db import Store, open_store, sqlite_url
from tests.alerts.conftest import SMTP_PASSWORD, SMTP_USER, Mailbox
from tests.alerts.conftest import smtp_server as smtp_server
from tests.alerts.conftest import tls_files as tls_files
from tests.report.conftest import pdf_text
from tests.report.fixtures import OFFICE

WIB, WITA = "Asia/Jakarta", "Asia/Makassar"


def at(text: str, hours: int = 7) -> datetime:
    """A local time in a zone `hours` ahead of UTC."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC) - timedelta(hours=hours)


@pytest.mark.parametrize(
    ("kind", "zone", "now", "due"),
    [
        ("daily", WIB, at("2024-11-26 06:59"), date(2024, 11, 24)),
        ("daily", WIB, at("2024-11-26 07:00"), date(2024, 11, 25)),
        ("daily", WITA, at("2024-11-26 07:00", 8), date(2024, 11, 25)),
        ("daily", WITA, at("2024-11-26 06:30", 8), date(2024, 11, 24)),  # 05:30 WIB
        ("weekly", WIB, at("2024-11-25 06:59"), date(2024, 11, 11)),  # Monday, before 07:00
        ("weekly", WIB, at("2024-11-25 07:00"), date(2024, 11, 18)),
        ("weekly", WIB, at("2024-12-01 23:59"), date(2024, 11, 18)),  # Sunday: not yet
    ],
)
def test_latest_due_period(kind, zone, now, due):
    assert latest_due(kind, zone, now) == due


def test_due_periods_after_the_mark_at_most_catch_up():
    now = at("2024-11-30 10:00")
    assert due_periods("daily", WIB, now, None) == [date(2024, 11, 29)]
    assert due_periods("daily", WIB, now, date(2024, 11, 29)) == []
    assert due_periods("daily", WIB, now, date(2024, 11, 27)) == [
        date(2024, 11, 28),
        date(2024, 11, 29),
    ]
    assert due_periods("daily", WIB, now, date(2024, 11, 20), catch_up=3) == [
        date(2024, 11, 27),
        date(2024, 11, 28),
        date(2024, 11, 29),
    ]


@dataclass
class FakeMailer:
    fail: int = 0  # fail this many sends first
    sent: list[tuple[list[str], str, list[str]]] = field(default_factory=list)

    def send(self, to: Sequence[str], subject: str, text: str, *, attachments: Any = ()) -> None:
        if self.fail:
            self.fail -= 1
            raise DeliveryError("SMTP 451: try later")
        self.sent.append((list(to), subject, [a[0] for a in attachments]))


def operational(folder: Path) -> Store:
    """The operational store of a data dir (where `pantau report outbox --data-dir` looks)."""
    return open_store(sqlite_url(folder / "store.sqlite3"))


def sender(backend, store, tmp_path: Path, mailer: Any, **kw: Any) -> ReportSender:
    subs: Subscriptions = {(find_office(OFFICE), "daily"): ["p2h@jakut.example"]}
    return ReportSender(
        backend,
        store,
        ReportOutbox(operational(tmp_path)),
        lambda: subs,
        mailer=mailer,
        pdf=lambda report, link_base=None: b"%PDF-1.7 fake",
        **kw,
    )


def test_daily_report_sent_once_at_seven(backend, store, tmp_path):
    mailer = FakeMailer()
    s = sender(backend, store, tmp_path, mailer)
    assert s.round(at("2024-11-26 06:30")) == {"scheduled": 1, "delivered": 1}  # the 24th
    assert s.round(at("2024-11-26 06:45")) == {}
    assert s.round(at("2024-11-26 07:01")) == {"scheduled": 1, "delivered": 1}  # the 25th
    assert s.round(at("2024-11-26 07:30")) == {}
    names = [n for _, _, files in mailer.sent for n in files]
    assert names == [
        "laporan-harian-bawaslu-kota-jakarta-utara-2024-11-24.pdf",
        "laporan-harian-bawaslu-kota-jakarta-utara-2024-11-25.pdf",
    ]
    assert mailer.sent[1][0] == ["p2h@jakut.example"]
    assert "Senin, 25 November 2024" in mailer.sent[1][1]


def test_missed_runs_are_sent_once_when_the_scheduler_returns(backend, store, tmp_path):
    mailer = FakeMailer()
    s = sender(backend, store, tmp_path, mailer, catch_up=3)
    s.round(at("2024-11-26 07:05"))  # the 25th
    # down from the 27th to the 30th: 26-29 were missed; the newest three are sent
    assert s.round(at("2024-11-30 10:00")) == {"scheduled": 3, "delivered": 3}
    # a second scheduler on the same outbox (or a restart) finds nothing more to do
    again = sender(backend, store, tmp_path, mailer, catch_up=3)
    assert again.round(at("2024-11-30 10:00")) == {}
    assert s.round(at("2024-11-30 11:00")) == {}
    days = [files[0][-14:-4] for _, _, files in mailer.sent]
    assert days == ["2024-11-25", "2024-11-27", "2024-11-28", "2024-11-29"]


def test_two_schedulers_enqueue_one_row(backend, store, tmp_path):
    a, b = FakeMailer(), FakeMailer()
    first, second = sender(backend, store, tmp_path, a), sender(backend, store, tmp_path, b)
    now = at("2024-11-26 07:05")
    assert first.schedule(now) == 1 and second.schedule(now) == 0
    first.send_due(now)
    second.send_due(now)
    assert len(a.sent) + len(b.sent) == 1


def test_failed_send_is_retried_with_backoff_then_dead(backend, store, tmp_path):
    mailer = FakeMailer(fail=1)
    s = sender(backend, store, tmp_path, mailer, policy=RetryPolicy(max_attempts=2, base=60))
    now = at("2024-11-26 07:05")
    assert s.round(now) == {"scheduled": 1, "retry": 1}
    assert s.round(now + timedelta(seconds=30)) == {}  # backing off
    assert s.round(now + timedelta(seconds=61)) == {"delivered": 1}
    assert len(mailer.sent) == 1
    broken = sender(backend, store, tmp_path / "b", None, policy=RetryPolicy(max_attempts=1))
    assert broken.round(now) == {"scheduled": 1, "dead": 1}
    (row,) = broken.outbox.all()
    assert row.status == "dead" and "no SMTP server configured" in (row.last_error or "")


def test_subscriptions_file(tmp_path):
    path = tmp_path / "subs.yaml"
    path.write_text(
        "subscriptions:\n"
        "  - {office: bawaslu kota jakarta utara, to: [a@x.example], reports: [daily]}\n"
        "  - {office: Bawaslu Kota Jakarta Utara, to: [b@x.example, a@x.example]}\n"
    )
    subs = {(o.name, k): to for (o, k), to in load(path).items()}
    assert subs == {
        (OFFICE, "daily"): ["a@x.example", "b@x.example"],
        (OFFICE, "weekly"): ["b@x.example", "a@x.example"],
    }
    path.write_text("subscriptions:\n  - {office: Bawaslu Jakut, to: [a@x.example]}\n")
    with pytest.raises(SubscriptionError, match="subscription 1"):
        load(path)


def test_report_mailed_over_smtp_with_the_pdf(backend, store, tmp_path, smtp_server: Mailbox):
    mailer = Mailer(
        SmtpConfig(
            host=smtp_server.host,
            port=smtp_server.port,
            username=SMTP_USER,
            password=SMTP_PASSWORD,
            ca_file=smtp_server.ca_file,
        )
    )
    subs: Subscriptions = {(find_office(OFFICE), "daily"): ["p2h@jakut.example"]}
    s = ReportSender(
        backend,
        store,
        ReportOutbox(operational(tmp_path)),
        lambda: subs,
        mailer=mailer,
    )
    assert s.round(at("2024-11-26 07:05")) == {"scheduled": 1, "delivered": 1}
    (msg,) = smtp_server.messages
    assert msg["Subject"].startswith("[pantau] Kliping berita harian Bawaslu Kota Jakarta Utara")
    body, attachment = msg.get_payload()
    assert "Berita: 6 (sebelumnya 2)" in body.get_payload(decode=True).decode()
    assert attachment.get_filename().endswith("2024-11-25.pdf")
    pdf = tmp_path / "mailed.pdf"
    pdf.write_bytes(attachment.get_payload(decode=True))
    assert "Peringatan (1)" in pdf_text(pdf)


def test_dead_reports_are_listed_and_sent_again_after_requeue(backend, store, tmp_path):
    from typer.testing import CliRunner

    from pantau.cli import app

    runner = CliRunner()
    broken = sender(backend, store, tmp_path, None, policy=RetryPolicy(max_attempts=1))
    broken.round(at("2024-11-26 07:05"))
    listed = runner.invoke(
        app, ["report", "outbox", "--status", "dead", "--data-dir", str(tmp_path)]
    )
    assert listed.exit_code == 0, listed.output
    assert (
        "2024-11-25 daily Bawaslu Kota Jakarta Utara -> p2h@jakut.example: dead, 1 attempt(s)"
        " (DeliveryError: no SMTP server configured" in listed.output
    )
    again = runner.invoke(app, ["report", "outbox", "--requeue", "--data-dir", str(tmp_path)])
    assert "1 report(s) queued again" in again.output and ": pending, 1 attempt(s)" in again.output
    broken.mailer = FakeMailer()  # type: ignore[assignment]
    # requeued for "now" on the real clock
    assert broken.send_due(datetime.now(UTC) + timedelta(seconds=1)) == {"delivered": 1}


def test_subscribe_unsubscribe_and_list_from_the_cli(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from pantau.cli import app

    path = tmp_path / "subs.yaml"
    path.write_text(f"subscriptions:\n  - {{office: {OFFICE}, to: [file@x.example]}}\n")
    monkeypatch.setenv("PANTAU_REPORTS__SUBSCRIPTIONS", str(path))
    runner, where = CliRunner(), ["--data-dir", str(tmp_path)]
    office = ["--office", "bawaslu kota jakarta utara"]

    def run(*args: str) -> str:
        done = runner.invoke(app, ["report", *args, *where])
        assert done.exit_code == 0, done.output
        return done.output

    added = run("subscribe", *office, "--email", "p2h@jakut.example", "--kind", "weekly")
    assert f"1 subscription(s) added: {OFFICE} -> p2h@jakut.example" in added
    assert "0 subscription(s) added" in run("subscribe", *office, "--email", "p2h@jakut.example",
                                            "--kind", "weekly")  # fmt: skip
    listed = run("subscriptions")
    assert f"{OFFICE} daily -> file@x.example (file)" in listed
    assert f"{OFFICE} weekly -> p2h@jakut.example (store)" in listed
    assert "1 subscription(s) removed" in run(
        "unsubscribe", *office, "--email", "p2h@jakut.example"
    )
    assert "(store)" not in run("subscriptions")
    bad = runner.invoke(app, ["report", "subscribe", *office, "--email", "p2h", *where])
    assert bad.exit_code != 0 and "not an email address" in bad.output
