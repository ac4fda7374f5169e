"""The daily mail of a saved search's new hits, through the reports' outbox and SMTP path.

Each subscribed saved search is one outbox target (`pantauan:<id>`, kind `pantauan`):
the report sender enqueues its due days with the reports' schedule (07:00 in the owner
office's time zone, for the day before) and UNIQUE (target, kind, day) makes that once
per day however many senders run; a failed send is retried and ends `dead`, visible in
`pantau report outbox`. A day is the hits *published* that local day; a day with none
sends no mail (its row is marked delivered: there was nothing to say).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from alerts.mail import Mailer
from alerts.webhook import DeliveryError
from pantau.pantauan.run import owner_backend, saved_query, window
from pantau.report.office import ZONE_NAMES, timezone_of
from pantau.report.outbox import ReportDelivery, ReportOutbox
from pantau.report.schedule import due_periods
from pantau.web.view import wib
from search.backend import SearchBackend
from search.query import QuerySyntaxError, SearchResult
from store.accounts import User
from store.offices import NATIONAL_ID
from store.saved import SavedSearch, SavedSearches

KIND = "pantauan"
MAX_HITS = 50  # listed in one mail; the link opens the rest


def target(saved_id: int) -> str:
    """The outbox's `office` column for a saved search: one row per day and target."""
    return f"{KIND}:{saved_id}"


def zone_of(user: User) -> str:
    code = None if user.office_id in (None, NATIONAL_ID) else user.office_id
    return timezone_of(code)


class PantauanMail:
    """Plugged into `pantau.report.delivery.ReportSender`: schedule and send these rows."""

    kind = KIND

    def __init__(
        self,
        backend: SearchBackend,
        saved: SavedSearches,
        users: Callable[[int], User | None],
        *,
        base_url: str | None = None,
    ) -> None:
        self.backend, self.saved, self.users = backend, saved, users
        self.base_url = (base_url or "").rstrip("/")

    def schedule(self, outbox: ReportOutbox, now: datetime, *, hour: int, catch_up: int) -> int:
        new = 0
        for s in self.saved.subscribed():
            owner = self.users(s.user_id)
            if owner is None or owner.disabled or not s.email:
                continue
            mark = outbox.last_mark(target(s.id), KIND)
            days = due_periods("daily", zone_of(owner), now, mark, hour=hour, catch_up=catch_up)
            new += outbox.enqueue(target(s.id), KIND, days, [s.email], now.timestamp())
        return new

    def send(self, row: ReportDelivery, mailer: Mailer) -> None:
        saved_id = int(row.office.removeprefix(f"{KIND}:"))
        s = self.saved.by_id(saved_id)
        owner = self.users(s.user_id) if s is not None else None
        if s is None or owner is None or owner.disabled:
            raise DeliveryError("the saved search or its owner is gone", permanent=True)
        try:
            result = self.day_hits(s, owner, row.period)
        except QuerySyntaxError as exc:  # saved before a syntax change: retrying won't help
            raise DeliveryError(f"the saved search cannot be read: {exc}", permanent=True) from exc
        if result.total == 0:
            return
        mailer.send(row.recipients, *self.text(s, owner, row.period, result))

    def day_hits(self, s: SavedSearch, owner: User, day: date) -> SearchResult:
        """The saved search's hits published on `day` (the owner's local day), newest first."""
        zone = ZoneInfo(zone_of(owner))
        start = datetime.combine(day, time(), zone)
        query = window(
            saved_query(s, limit=MAX_HITS, facet_size=0, sort="date"),
            start,
            start + timedelta(days=1),
        )
        return owner_backend(self.backend, owner).search(query)

    def text(self, s: SavedSearch, owner: User, day: date, result: SearchResult) -> tuple[str, str]:
        """Subject and plain-text body: the day's hits, each with its link."""
        subject = f"[pantau] Pantauan {s.name}: {result.total} berita baru {day.isoformat()}"
        lines = [f"Pantauan {s.name!r} ({owner.username}): {result.total} berita pada {day}."]
        zone = ZONE_NAMES.get(zone_of(owner), "WIB")
        for h in result.hits:
            lines.append(f"- {h.title} ({h.source}, {wib(h.published_at, zone=zone)})\n  {h.url}")
        if result.total > len(result.hits):
            lines.append(f"... dan {result.total - len(result.hits)} berita lainnya.")
        if self.base_url:
            lines.append(f"\nBuka pantauan: {self.base_url}/pantauan/{s.id}")
        return subject[:200], "\n".join(lines)
