"""The daily mail of a saved search: through the reports' outbox, once a day, retried."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from alerts.delivery import RetryPolicy
from alerts.mail import Mailer, SmtpConfig
from alerts.webhook import DeliveryError
from pantau.cli import app
from pantau.config import Settings
from pantau.pantauan.mail import PantauanMail
from pantau.report.delivery import ReportSender
from pantau.report.outbox import ReportOutbox
from pantau.wiring import build_alert_store, build_store
from search.sqlite import SqliteBackend
from store.accounts import Accounts
from store.saved import SavedSearches
from tests.alerts.conftest import SMTP_PASSWORD, SMTP_USER, Mailbox
from tests.alerts.conftest import smtp_server as smtp_server
from tests.alerts.conftest import tls_files as tls_files
from tests.search.fixtures import article
from tests.store.fixtures import FAST

KOJA = article(301, "Baliho liar di Koja", "Baliho calon dicopot.", day=2, hour=2)
BEKASI = article(302, "Baliho liar di Bekasi", "Baliho dicopot.", day=2, hour=5, region="32.75")
NEXT_DAY = article(303, "Baliho lagi di Koja", "Baliho calon dipasang lagi.", day=3, hour=2)


def wib(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC) - timedelta(hours=7)


@dataclass
class FakeMailer:
    fail: int = 0
    sent: list[tuple[list[str], str, str]] = field(default_factory=list)

    def send(self, to: Sequence[str], subject: str, text: str, *, attachments: Any = ()) -> None:
        if self.fail:
            self.fail -= 1
            raise DeliveryError("SMTP 451: try later")
        self.sent.append((list(to), subject, text))


@dataclass
class World:
    settings: Settings
    saved: SavedSearches
    accounts: Accounts
    backend: SqliteBackend

    def sender(self, mailer: Any, **kw: Any) -> ReportSender:
        store = self.accounts.store
        mail = PantauanMail(self.backend, self.saved, self.accounts.user_by_id, base_url="http://p")
        return ReportSender(
            self.backend,
            build_alert_store(self.settings, store),
            ReportOutbox(store),
            dict,  # no office reports: only the saved searches
            mailer=mailer,
            pantauan=mail,
            **kw,
        )

    def subscribe(self, username: str, name: str, email: str) -> int:
        user = self.accounts.get_user(username)
        assert user is not None
        made = self.saved.create(user.id, name, [("q", "baliho")])
        self.saved.set_email(user.id, made.id, email)
        return made.id


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    settings = Settings(data_dir=tmp_path)
    accounts = Accounts(build_store(settings), hasher=FAST)
    accounts.add_user("jakut", "kata-sandi-uji-coba", "staff", "31.72", actor="test")
    accounts.add_user("analis", "kata-sandi-uji-coba", "analyst", None, actor="test")
    backend = SqliteBackend(tmp_path / "index.sqlite3")
    backend.ensure()
    backend.upsert([KOJA, BEKASI, NEXT_DAY])
    yield World(settings, SavedSearches(accounts.store), accounts, backend)
    backend.close()
    accounts.store.close()


def test_one_mail_a_day_of_that_days_hits_in_the_owners_scope(world: World):
    world.subscribe("jakut", "APK", "p2h@jakut.example")
    mailer = FakeMailer()
    s = world.sender(mailer)
    assert s.round(wib("2024-12-03 07:05")) == {"scheduled": 1, "delivered": 1}
    assert s.round(wib("2024-12-03 09:00")) == {}
    assert s.round(wib("2024-12-04 07:01")) == {"scheduled": 1, "delivered": 1}
    (to, subject, text), (_, _, second) = mailer.sent
    assert to == ["p2h@jakut.example"]
    assert subject == "[pantau] Pantauan APK: 1 berita baru 2024-12-02"
    assert KOJA.article.title in text and BEKASI.article.title not in text  # Bekasi: not theirs
    assert "http://p/pantauan/" in text
    assert NEXT_DAY.article.title in second and KOJA.article.title not in second


def test_two_senders_mail_once(world: World):
    world.subscribe("analis", "APK", "a@x.example")
    a, b = FakeMailer(), FakeMailer()
    first, second = world.sender(a), world.sender(b)
    now = wib("2024-12-03 07:05")
    assert first.schedule(now) == 1 and second.schedule(now) == 0
    first.send_due(now)
    second.send_due(now)
    assert len(a.sent) + len(b.sent) == 1
    (mail,) = a.sent + b.sent
    assert "2 berita baru" in mail[1]  # the analyst sees both regions


def test_a_failure_is_retried_and_the_others_still_go(world: World):
    world.subscribe("analis", "Satu", "a@x.example")
    world.subscribe("jakut", "Dua", "b@x.example")
    mailer = FakeMailer(fail=1)
    s = world.sender(mailer, policy=RetryPolicy(max_attempts=3, base=60))
    now = wib("2024-12-03 07:05")
    assert s.round(now) == {"scheduled": 2, "retry": 1, "delivered": 1}
    assert s.round(now + timedelta(seconds=61)) == {"delivered": 1}
    assert sorted(to[0] for to, _, _ in mailer.sent) == ["a@x.example", "b@x.example"]


def test_no_mail_for_a_day_without_hits_or_for_a_deleted_search(world: World):
    saved_id = world.subscribe("jakut", "APK", "p2h@jakut.example")
    mailer = FakeMailer()
    s = world.sender(mailer, policy=RetryPolicy(max_attempts=1))
    assert s.round(wib("2024-12-06 07:05")) == {"scheduled": 1, "delivered": 1}  # the 5th
    assert mailer.sent == []
    s.schedule(wib("2024-12-07 07:05"))
    jakut = world.accounts.get_user("jakut")
    assert jakut is not None and world.saved.delete(jakut.id, saved_id)
    assert s.send_due(wib("2024-12-07 07:05")) == {"dead": 1}
    (row, _) = s.outbox.all()
    assert row.status == "dead" and "gone" in (row.last_error or "")


def test_mailed_over_smtp(world: World, smtp_server: Mailbox):
    world.subscribe("jakut", "APK", "p2h@jakut.example")
    mailer = Mailer(
        SmtpConfig(
            host=smtp_server.host,
            port=smtp_server.port,
            username=SMTP_USER,
            password=SMTP_PASSWORD,
            ca_file=smtp_server.ca_file,
        )
    )
    assert world.sender(mailer).round(wib("2024-12-03 07:05"))["delivered"] == 1
    (msg,) = smtp_server.messages
    assert msg["Subject"] == "[pantau] Pantauan APK: 1 berita baru 2024-12-02"
    assert msg["To"] == "p2h@jakut.example"
    assert KOJA.article.url in msg.get_payload(decode=True).decode()


def test_report_deliver_command_sends_saved_searches_too(world: World):
    """`pantau report deliver` (the compose `reports` service) carries them: without SMTP
    the row waits for a retry, visible in `pantau report outbox`."""
    world.subscribe("jakut", "APK", "p2h@jakut.example")
    where = ["--data-dir", str(world.settings.data_dir)]
    runner = CliRunner()
    done = runner.invoke(app, ["report", "deliver", *where])
    assert done.exit_code == 0, done.output
    assert "scheduled: 1" in done.output
    listed = runner.invoke(app, ["report", "outbox", *where])
    assert "pantauan pantauan:" in listed.output and "no SMTP server configured" in listed.output


def test_a_search_that_no_longer_parses_is_dead_at_once(world: World):
    analis = world.accounts.get_user("analis")
    assert analis is not None
    broken = world.saved.create(analis.id, "Rusak", [("q", "(baliho")])  # stored directly
    world.saved.set_email(analis.id, broken.id, "a@x.example")
    s = world.sender(FakeMailer(), policy=RetryPolicy(max_attempts=5))
    assert s.round(wib("2024-12-03 07:05")) == {"scheduled": 1, "dead": 1}
    (row,) = s.outbox.all()
    assert "cannot be read" in (row.last_error or "")
