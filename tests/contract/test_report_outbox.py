"""Report delivery and subscriptions in the operational store, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from alerts.store import AlertStore
from pantau.config import Settings
from pantau.report.delivery import ReportSender
from pantau.report.office import find_office
from pantau.report.outbox import ReportOutbox
from pantau.report.subscriptions import (
    SubscriptionError,
    everyone,
    stored,
    subscribe,
    unsubscribe,
)
from pantau.wiring import build_backend
from search.backend import SearchBackend
from store.db import Store, open_store
from tests.store.fixtures import seeded

JAKUT, DKI = "Bawaslu Kota Jakarta Utara", "Bawaslu Provinsi DKI Jakarta"
NOW = datetime(2024, 11, 26, 3, 0, tzinfo=UTC)  # 10:00 WIB: the 25th and last week are due


class Mailbox:
    """Every mail any sender sent, by (attachment name, sender)."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def mailer(self, who: str) -> Any:
        box = self

        class _Mailer:
            def send(self, to: Sequence[str], subject: str, text: str, *, attachments: Any) -> None:
                box.sent.extend((name, who) for name, _, _ in attachments)

        return _Mailer()


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[SearchBackend]:
    backend = build_backend(Settings(data_dir=tmp_path / "data"))
    yield backend
    backend.close()


def another(store: Store) -> Store:
    """The same database through an engine of its own: another process, another host."""
    return open_store(store.engine.url.render_as_string(hide_password=False))


def test_two_senders_one_period_one_mail(any_store: Store, backend: SearchBackend):
    seeded(any_store)
    for office in (JAKUT, DKI):
        subscribe(any_store, find_office(office), "p2h@contoh.example", ["daily", "weekly"], 1.0)
    box, stores = Mailbox(), [any_store, another(any_store)]
    senders = [
        ReportSender(
            backend,
            AlertStore(s),
            ReportOutbox(s),
            lambda s=s: everyone(None, s),  # type: ignore[misc]
            mailer=box.mailer(f"sender{n}"),
            pdf=lambda report, link_base=None: b"%PDF-1.7 fake",
        )
        for n, s in enumerate(stores)
    ]
    start = threading.Barrier(len(senders))

    def run(sender: ReportSender) -> None:
        start.wait()
        sender.round(NOW)

    threads = [threading.Thread(target=run, args=(s,)) for s in senders]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    names = sorted(name for name, _ in box.sent)
    assert len(names) == len(set(names)) == 4, box.sent  # 2 offices x (daily + weekly), once
    assert sum("2024-11-25" in n for n in names) == 2 and sum("2024-11-18" in n for n in names) == 2
    assert [s.round(NOW) for s in senders] == [{}, {}]  # and nothing is left to send
    assert {r.status for r in ReportOutbox(any_store).all()} == {"delivered"}
    stores[1].close()


def test_marks_and_lease_are_shared(any_store: Store):
    first, second = ReportOutbox(any_store), ReportOutbox(other := another(any_store))
    days = [date(2024, 11, 24), date(2024, 11, 25)]
    assert first.enqueue(JAKUT, "daily", days, ["a@contoh.example"], 100.0) == 2
    assert second.enqueue(JAKUT, "daily", days, ["a@contoh.example"], 100.0) == 0
    assert second.last_mark(JAKUT, "daily") == date(2024, 11, 25)
    assert second.last_mark(JAKUT, "weekly") is None
    claimed = first.claim_due(100.0, lease=60)
    assert [r.period for r in claimed] == days and claimed[0].recipients == ["a@contoh.example"]
    assert second.claim_due(120.0) == []  # leased by the first
    second.failed(claimed[0].id, "SMTP 451", retry_at=None)
    first.delivered(claimed[1].id, 130.0)
    assert [(r.status, r.attempts) for r in second.all()] == [("delivered", 1), ("dead", 1)]
    assert second.requeue(200.0) == 1 and [r.period for r in first.claim_due(200.0)] == days[:1]
    other.close()


def test_subscriptions_in_the_store_beside_the_file(any_store: Store, tmp_path: Path):
    seeded(any_store)
    jakut, dki = find_office(JAKUT), find_office(DKI)
    assert subscribe(any_store, jakut, " a@Contoh.Example ", ["daily", "weekly"], 1.0) == 2
    assert subscribe(any_store, jakut, "a@contoh.example", ["daily"], 2.0) == 0  # there already
    assert subscribe(any_store, dki, "b@contoh.example", ["weekly"], 3.0) == 1
    assert stored(any_store) == {
        (jakut, "daily"): ["a@contoh.example"],
        (jakut, "weekly"): ["a@contoh.example"],
        (dki, "weekly"): ["b@contoh.example"],
    }
    assert unsubscribe(any_store, jakut, "a@contoh.example", ["weekly"]) == 1
    path = tmp_path / "subs.yaml"
    path.write_text(f"subscriptions:\n  - {{office: {JAKUT}, to: [c@contoh.example]}}\n")
    assert everyone(path, any_store) == {
        (jakut, "daily"): ["c@contoh.example", "a@contoh.example"],
        (jakut, "weekly"): ["c@contoh.example"],
        (dki, "weekly"): ["b@contoh.example"],
    }
    with pytest.raises(SubscriptionError, match="not an email address"):
        subscribe(any_store, jakut, "Pak Budi <budi@contoh.example>", ["daily"], 4.0)
