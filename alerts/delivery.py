"""Dispatcher: sends due deliveries from the store's outbox, retries with backoff, dead-letters.

Retry semantics: every failed attempt is counted; the next one waits
`base * 2**(attempts-1)` seconds (capped at `max_delay`). After `max_attempts` failures,
or at once on a permanent refusal (HTTP 4xx, SMTP 5xx), the delivery is marked `dead`
with its last error: listed by `pantau alerts list --status dead`, and
`pantau alerts deliver --requeue` sends it again. Nothing is dropped.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from alerts.channels import DeliveryContext
from alerts.records import Due
from alerts.rules import RuleSet
from alerts.store import AlertStore
from alerts.triage import queue_overdue
from alerts.webhook import DeliveryError, redact

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 8
    base: float = 2.0
    max_delay: float = 3600.0
    lease: float = 120.0  # a sender that died mid-send releases its claim after this

    def retry_at(self, attempts: int, now: float, *, permanent: bool = False) -> float | None:
        """When to try again after `attempts` failures, or None: dead-letter it."""
        if permanent or attempts >= self.max_attempts:
            return None
        return now + min(self.max_delay, self.base * 2.0 ** (attempts - 1))


class Dispatcher:
    """Sends what the store says is due; safe to run in several processes (leases)."""

    def __init__(
        self,
        store: AlertStore,
        rules: RuleSet,
        *,
        context: DeliveryContext | None = None,
        policy: RetryPolicy | None = None,
        recheck_after: float | None = None,
    ) -> None:
        self.store = store
        self.recheck_after = recheck_after  # seconds; None: no snapshots taken here
        self.rules = rules
        self.context = context or DeliveryContext()
        self.policy = policy or RetryPolicy()
        self.stats: Counter[str] = Counter()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- one round -----------------------------------------------------------------

    def deliver_due(self, *, now: float | None = None) -> Counter[str]:
        """Send every due delivery once; returns counts by outcome."""
        done: Counter[str] = Counter()
        # One clock per call: a failure is rescheduled after it, so no delivery is tried
        # twice in one call (`now` may be given to simulate a later time, e.g. digests).
        clock = max(now or 0.0, time.time())
        while due := self.store.claim_due(now=clock, lease=self.policy.lease):
            self._round(due, done, clock)
        self.stats.update(done)
        return done

    def _round(self, due: Sequence[Due], done: Counter[str], clock: float) -> None:
        digests: dict[str, list[Due]] = {}
        for d in due:
            if d.delivery.mode != "none":  # a digest: one send for the period's alerts
                digests.setdefault(d.delivery.channel, []).append(d)
            else:
                self._attempt([d], done, clock)
        for batch in digests.values():
            self._attempt(batch, done, clock)

    def _attempt(self, batch: Sequence[Due], done: Counter[str], clock: float) -> None:
        """One send; whatever it raises is a failed attempt (never a row stuck pending)."""
        ids = [d.delivery.id for d in batch]
        try:
            self._send(batch)
        except Exception as exc:
            permanent = isinstance(exc, DeliveryError) and exc.permanent
            text = str(exc) if isinstance(exc, DeliveryError) else f"{type(exc).__name__}: {exc}"
            error = redact(text)  # a URL's token or password never reaches the feed or log
            attempts = max(d.delivery.attempts for d in batch) + 1
            retry_at = self.policy.retry_at(attempts, clock, permanent=permanent)
            self.store.failed(ids, error, retry_at)
            outcome = "dead" if retry_at is None else "retry"
            done[outcome] += len(ids)
            log.warning(
                "delivery %s to %s failed (%s): %s", ids, batch[0].delivery.channel, outcome, error
            )
            return
        self.store.delivered(ids)
        done["delivered"] += len(ids)

    def _send(self, batch: Sequence[Due]) -> None:
        name = batch[0].delivery.channel
        channel = self.rules.channels.get(name)
        if channel is None:
            raise DeliveryError(f"channel {name!r} is not configured any more", permanent=True)
        channel.send(batch, self.context)

    def evidence_round(self) -> None:
        """Overdue notices; snapshots of new alerts' pages, re-checks of those not checked
        lately."""
        self.stats["overdue"] += queue_overdue(self.store.db)
        if self.recheck_after is None:
            return
        taken = self.store.evidence.take_pending()
        checked = self.store.evidence.recheck_due(older_than=self.recheck_after)
        self.stats.update({"snapshots": taken, "rechecks": checked})

    # -- in the background ---------------------------------------------------------

    def poke(self) -> None:
        """New deliveries were stored: look now instead of at the next tick."""
        self._wake.set()

    def start(self, *, idle: float = 5.0) -> None:
        """Run rounds in a daemon thread: on poke, when a retry falls due, or every `idle`
        seconds (deliveries stored by another process). State lives in the store, so a
        process that dies leaves nothing behind but a lease that expires."""
        if self._thread is not None:
            return
        self._thread = threading.Thread(
            target=self._loop, args=(idle,), name="pantau-alerts-dispatch", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _loop(self, idle: float) -> None:
        while not self._stop.is_set():
            try:
                self.deliver_due()
                self.evidence_round()
                next_due = self.store.next_due()
            except Exception:  # a broken round must not kill the thread; retried next tick
                log.exception("alert dispatcher round failed")
                next_due = None
            wait = idle if next_due is None else min(idle, max(0.0, next_due - time.time()))
            self._wake.wait(wait)
            self._wake.clear()
