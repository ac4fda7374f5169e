"""AlertStage: EnrichedArticle -> Alert, once per (rule, syndication group), routed to offices."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from functools import partial

from alerts.digest import period_end
from alerts.matching import Match, evaluate
from alerts.offices import OfficeDirectory
from alerts.records import Draft
from alerts.rules import EmailChannel, RulesError, RuleSet
from alerts.store import AlertStore
from pipeline.bus import TransientError
from pipeline.events import Alert, EnrichedArticle
from store.db import StoreUnavailable

log = logging.getLogger(__name__)


def alert_id(rule_id: str, group: str) -> str:
    """Stable per (rule, story): every copy and every redelivery computes the same id."""
    return hashlib.sha256(f"{rule_id}\x00{group}".encode()).hexdigest()[:32]


class AlertStage:
    """Evaluates the rules, records alerts + deliveries in the store, emits the new ones.

    Emits an Alert for an article that started it, again when that same article is
    redelivered (the Kafka publish may not have been acknowledged the first time; the id
    is the same, so consumers of alerts.v1 dedupe by id). Copies emit nothing. Deliveries
    are not sent here: `notify` wakes the dispatcher that sends them from the store.
    """

    name = "alert"

    def __init__(
        self,
        rules: RuleSet,
        store: AlertStore,
        *,
        offices: OfficeDirectory | None = None,
        notify: Callable[[], None] | None = None,
    ) -> None:
        self.base_rules = rules
        self.rules = rules
        self.store = store
        self._rules_version = -1
        self.offices = offices or OfficeDirectory.bundled()
        self.notify = notify
        self.fired = 0
        self.suppressed = 0

    def process(self, batch: Sequence[EnrichedArticle]) -> list[Alert]:
        out: list[Alert] = []
        self._refresh_rules()
        for doc in batch:
            matches = [m for r in self.rules.active() if (m := evaluate(r, doc)) is not None]
            if not matches:
                continue
            a = doc.article
            try:
                make = partial(self._drafts, doc, matches)
                rec = self.store.record(doc.id, a.fingerprint, a.url, a.source, make)
            except StoreUnavailable as exc:  # locked / server down: retry, never drop
                raise TransientError(f"alert store {self.store.path}: {exc}") from exc
            self.fired += len(rec.new)
            self.suppressed += len(rec.copies)
            out.extend(rec.owned)
            if rec.new and self.notify is not None:  # now: a later item may fail the batch
                self.notify()
        return out

    def _refresh_rules(self) -> None:
        """Merge in rules added through the API when they changed (one cheap read)."""
        try:
            version = self.store.rules_version()
            if version != self._rules_version:
                self.rules = self.base_rules.with_rules(self.store.stored_rules())
                self._rules_version = version
        except StoreUnavailable as exc:
            raise TransientError(f"alert store {self.store.path}: {exc}") from exc
        except RulesError as exc:  # keep the last good rules; the API validated them anyway
            log.error("stored alert rules ignored: %s", exc)
            self._rules_version = version

    def _drafts(self, doc: EnrichedArticle, matches: Sequence[Match], group: str) -> list[Draft]:
        return [self._draft(doc, group, m) for m in matches]

    def _draft(self, doc: EnrichedArticle, group: str, m: Match) -> Draft:
        rule = m.rule
        offices = list(rule.offices)
        if rule.route_by_region:
            offices += self.offices.route(doc.region.code if doc.region else None)
        offices = list(dict.fromkeys(offices))
        now = time.time()
        alert = Alert(
            id=alert_id(rule.id, group),
            rule_id=rule.id,
            article_id=doc.id,
            group=group,
            title=doc.article.title,
            url=doc.article.url,
            source=doc.article.source,
            severity=rule.severity,
            office=offices[0] if offices else None,
            offices=offices,
            region=doc.region,
            rule_name=rule.label,
            score=m.score,
            topics=m.topics,
            evidence=m.evidence,
            created_at=datetime.fromtimestamp(now, UTC),
        )
        deliveries = []
        for name in self.rules.channels_for(rule, offices):
            channel = self.rules.channels[name]
            mode = channel.digest if isinstance(channel, EmailChannel) else "none"
            deliveries.append((name, mode, period_end(mode, now)))
        region = doc.region.model_dump() if doc.region else None
        return Draft(alert, rule.label, offices, region, deliveries)
