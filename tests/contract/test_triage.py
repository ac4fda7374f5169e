"""Triage on both stores: states, history, conflicts, the feed's filters and counts."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from alerts.feed import FeedFilter
from alerts.store import AlertStore
from alerts.triage import TriageChange, TriageConflict, TriageError, queue_overdue
from store.accounts import Accounts
from tests.store.alerting import drafts

PASSWORD = "kata-sandi-rahasia-1"


def _alert(alerts: AlertStore, article: str, code: str | None = "31.72") -> str:
    rec = alerts.record(
        article, None, f"https://contoh.id/{article}", "contoh", drafts("r", article, code=code)
    )
    return rec.new[0].id


@pytest.fixture
def alerts(accounts: Accounts) -> AlertStore:
    accounts.add_user("siti", PASSWORD, "staff", "31.72")
    accounts.add_user("budi", PASSWORD, "analyst")
    return AlertStore(accounts.store)


def test_a_change_is_recorded_in_the_history(alerts: AlertStore) -> None:
    aid = _alert(alerts, "a1")
    due = datetime(2026, 12, 10, 10, tzinfo=UTC)
    item = alerts.triage(
        aid,
        TriageChange(version=1, state="ditinjau", assignee="siti", due_at=due, note="cek"),
        "budi",
    )
    assert item is not None
    assert (item.triage.state, item.triage.assignee, item.triage.version) == ("ditinjau", "siti", 2)
    assert item.triage.due_at == due.timestamp()
    done = alerts.triage(
        aid, TriageChange(version=2, state="ditindaklanjuti", outcome="temuan"), "siti"
    )
    assert done is not None and done.triage.outcome == "temuan"
    history = alerts.history(aid)
    assert [(h.actor, h.from_state, h.to_state, h.note) for h in history] == [
        ("budi", "baru", "ditinjau", "cek"),
        ("siti", "ditinjau", "ditindaklanjuti", None),
    ]
    assert history[0].changes["assignee"] == [None, "siti"]
    assert history[1].changes == {"outcome": [None, "temuan"]}


def test_a_note_alone_is_history_without_a_state_change(alerts: AlertStore) -> None:
    aid = _alert(alerts, "a1")
    alerts.triage(aid, TriageChange(version=1, note="sudah ditelepon"), "budi")
    [entry] = alerts.history(aid)
    assert (entry.from_state, entry.to_state, entry.note) == ("baru", "baru", "sudah ditelepon")
    with pytest.raises(TriageError):
        alerts.triage(aid, TriageChange(version=2), "budi")


def test_an_alert_is_assigned_only_to_someone_who_can_see_it(
    alerts: AlertStore, accounts: Accounts
) -> None:
    accounts.add_user("wayan", PASSWORD, "staff", "51")  # Bali's office
    aid = _alert(alerts, "a1")  # in 31.72
    with pytest.raises(TriageError, match="di luar wilayah"):
        alerts.triage(aid, TriageChange(version=1, assignee="wayan"), "budi")
    item = alerts.get(aid)
    assert item is not None and item.triage.assignee is None and item.triage.version == 1
    done = alerts.triage(aid, TriageChange(version=1, assignee="siti"), "budi")  # in scope
    assert done is not None and done.triage.assignee == "siti"


def test_the_second_editor_of_one_version_gets_a_conflict(alerts: AlertStore) -> None:
    aid = _alert(alerts, "a1")
    alerts.triage(aid, TriageChange(version=1, state="ditinjau"), "budi")
    with pytest.raises(TriageConflict) as caught:
        alerts.triage(aid, TriageChange(version=1, state="duplikat"), "siti")
    assert caught.value.current == 2
    item = alerts.get(aid)
    assert item is not None and item.triage.state == "ditinjau"
    assert len(alerts.history(aid)) == 1


def test_bad_changes_are_refused(alerts: AlertStore) -> None:
    aid = _alert(alerts, "a1")
    with pytest.raises(ValidationError, match="temuan atau diteruskan"):
        TriageChange(version=1, state="ditindaklanjuti")
    with pytest.raises(TriageError, match="tidak ada pengguna"):
        alerts.triage(aid, TriageChange(version=1, assignee="siapa"), "budi")
    assert alerts.triage("nope", TriageChange(version=1, state="ditinjau"), "budi") is None
    outside = alerts.triage(
        aid, TriageChange(version=1, state="ditinjau"), "budi", scope=frozenset({"51"})
    )
    assert outside is None and alerts.history(aid) == []


def test_feed_filters_counts_and_paging(alerts: AlertStore) -> None:
    ids = [_alert(alerts, f"u{i}") for i in range(3)] + [_alert(alerts, "p1", code="31.71")]
    alerts.triage(ids[0], TriageChange(version=1, state="ditinjau", assignee="siti"), "budi")
    office = FeedFilter(office="bawaslu kota JAKARTA utara")
    assert {i.alert.id for i in alerts.feed(where=office)} == set(ids[:3])
    mine = alerts.feed(where=FeedFilter(assignee="siti"))
    assert [i.alert.id for i in mine] == [ids[0]]
    counts = alerts.state_counts(FeedFilter(office="Bawaslu Kota Jakarta Utara", state="baru"))
    assert (counts["baru"], counts["ditinjau"], counts["duplikat"]) == (2, 1, 0)
    pages = [alerts.feed(limit=3, offset=o) for o in (0, 3)]
    assert len(pages[0]) == 3 and len(pages[1]) == 1
    assert {i.alert.id for p in pages for i in p} == set(ids)


def test_many_concurrent_editors_lose_no_history(alerts: AlertStore) -> None:
    """Eight threads edit one alert at once, each retrying on conflict: every edit lands
    exactly once, in the history and in the version."""
    aid = _alert(alerts, "a1")
    start = threading.Barrier(8)
    conflicts: list[int] = []

    def editor(n: int) -> None:
        start.wait()
        while True:
            item = alerts.get(aid)
            assert item is not None
            try:
                alerts.triage(aid, TriageChange(version=item.triage.version, note=f"n{n}"), f"e{n}")
                return
            except TriageConflict:
                conflicts.append(n)

    threads = [threading.Thread(target=editor, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    history = alerts.history(aid)
    assert sorted(h.note or "" for h in history) == sorted(f"n{n}" for n in range(8))
    item = alerts.get(aid)
    assert item is not None and item.triage.version == 9


def test_of_editors_who_read_one_version_exactly_one_wins(alerts: AlertStore) -> None:
    aid = _alert(alerts, "a1")
    start = threading.Barrier(8)
    won: list[str] = []
    lost: list[str] = []

    def editor(n: int) -> None:
        start.wait()
        try:
            alerts.triage(aid, TriageChange(version=1, state="ditinjau", note=f"n{n}"), f"e{n}")
            won.append(f"n{n}")
        except TriageConflict:
            lost.append(f"n{n}")

    threads = [threading.Thread(target=editor, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert (len(won), len(lost)) == (1, 7)
    assert [h.note for h in alerts.history(aid)] == won


def test_assignment_and_overdue_notices_go_through_the_outbox(alerts: AlertStore) -> None:
    aid = _alert(alerts, "a1")  # routed to the channel "hook"
    alerts.triage(aid, TriageChange(version=1, assignee="siti"), "budi", now=1000.0)
    alerts.triage(aid, TriageChange(version=2, due_at=datetime(2026, 1, 1, tzinfo=UTC)), "budi")
    item = alerts.get(aid)
    assert item is not None
    assert {(d.channel, d.kind) for d in item.deliveries} == {
        ("hook", "alert"),
        ("hook", "assigned"),
    }
    assert queue_overdue(alerts.db) == 1
    assert queue_overdue(alerts.db) == 0  # once per alert
    due = alerts.claim_due(now=2e9)
    assert sorted(d.delivery.kind for d in due) == ["alert", "assigned", "overdue"]
    alerts.triage(aid, TriageChange(version=3, state="bukan_pelanggaran"), "siti")
    later = _alert(alerts, "a2")
    alerts.triage(
        later,
        TriageChange(version=1, state="duplikat", due_at=datetime(2026, 1, 1, tzinfo=UTC)),
        "siti",
    )
    assert queue_overdue(alerts.db) == 0  # closed alerts are never overdue
