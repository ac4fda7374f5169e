"""A saved search's daily mail on SQLite and PostgreSQL: two senders at once mail it once."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alerts.store import AlertStore
from pantau.config import Settings
from pantau.pantauan.mail import PantauanMail
from pantau.report.delivery import ReportSender
from pantau.report.outbox import ReportOutbox
from pantau.wiring import build_backend
from store.accounts import Accounts
from store.db import Store
from store.saved import SavedSearches
from tests.contract.test_report_outbox import another
from tests.search.fixtures import article
from tests.store.fixtures import FAST, seeded

NOW = datetime(2024, 12, 3, 3, 0, tzinfo=UTC)  # 10:00 WIB: the mail of 2 December is due


def test_two_senders_one_saved_search_one_mail(any_store: Store, tmp_path: Path):
    seeded(any_store)
    accounts = Accounts(any_store, hasher=FAST)
    owner = accounts.add_user("jakut", "kata-sandi-uji-coba", "staff", "31.72", actor="test")
    made = SavedSearches(any_store).create(owner.id, "APK", [("q", "baliho")])
    SavedSearches(any_store).set_email(owner.id, made.id, "p2h@jakut.example")
    backend = build_backend(Settings(data_dir=tmp_path / "data"))
    backend.upsert([article(401, "Baliho liar di Koja", "Baliho dicopot.", day=2)])
    sent: list[str] = []

    class Mailer:
        def send(self, to: Sequence[str], subject: str, text: str, **_: Any) -> None:
            sent.append(subject)

    stores = [any_store, another(any_store)]
    senders = [
        ReportSender(
            backend,
            AlertStore(s),
            ReportOutbox(s),
            dict,
            mailer=Mailer(),  # type: ignore[arg-type]
            pantauan=PantauanMail(backend, SavedSearches(s), Accounts(s).user_by_id),
        )
        for s in stores
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
    assert sent == ["[pantau] Pantauan APK: 1 berita baru 2024-12-02"]
    assert [s.round(NOW) for s in senders] == [{}, {}]
    assert [r.status for r in ReportOutbox(any_store).all()] == ["delivered"]
    backend.close()
    stores[1].close()
