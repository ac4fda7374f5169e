"""A period's alerts for an office, read from the alert store's feed (its public read API).

An alert belongs to the period in which its article was published (the news the report
covers), not to when the rule fired: a backfill or a late crawl then lands its alerts on
the right day. The feed is newest-fired first and an alert never fires before its article
appeared, so reading stops at the first alert fired before the period began.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from alerts.records import StoredAlert
from alerts.store import AlertStore
from pantau.report.model import ALERT_STATUSES, AlertRow
from pantau.report.office import Office
from pantau.report.period import Period
from search.backend import SearchBackend

FEED_LIMIT = 5000
SEVERITY_ORDER = {"critical": 0, "warning": 1, "info": 2}


def delivery_status(item: StoredAlert) -> str:
    """One word for an alert's deliveries: failed if any failed, waiting if any waits."""
    states = {d.status for d in item.deliveries}
    for state in ("dead", "pending", "delivered"):
        if state in states:
            return ALERT_STATUSES[state]
    return ALERT_STATUSES["none"]


class AlertReader:
    def __init__(
        self, backend: SearchBackend, store: AlertStore, *, limit: int = FEED_LIMIT
    ) -> None:
        self.backend = backend
        self.store = store
        self.limit = limit
        self.truncated = False
        self._published: dict[str, datetime | None] = {}

    def of(self, office: Office, period: Period) -> list[AlertRow]:
        """The office's alerts on articles published in the period, most severe first."""
        name = office.name if office.region_code else None  # Bawaslu RI sees every alert
        items = self.store.feed(limit=self.limit, office=name)
        rows = []
        for item in items:
            if item.alert.created_at < period.since:
                break
            published = self._published_at(item.alert.article_id)
            if period.contains(published or item.alert.created_at):
                rows.append(_row(item, published))
        else:  # read to the end of what the feed gave: older alerts may be missing
            self.truncated = self.truncated or len(items) >= self.limit
        return sorted(
            rows,
            key=lambda r: (SEVERITY_ORDER.get(r.severity, 9), r.published_at or r.created_at),
        )

    def counts(self, rows: list[AlertRow]) -> dict[str, Any]:
        return {
            "alerts": len(rows),
            "alerts_by_status": dict(Counter(r.status for r in rows)),
            "alerts_by_severity": dict(Counter(r.severity for r in rows)),
        }

    def _published_at(self, article_id: str) -> datetime | None:
        if article_id not in self._published:
            doc = self.backend.get(article_id)
            self._published[article_id] = doc.article.published_at if doc else None
        return self._published[article_id]


def _row(item: StoredAlert, published: datetime | None) -> AlertRow:
    a = item.alert
    return AlertRow(
        id=a.id,
        article_id=a.article_id,
        copy_ids=[str(c["article_id"]) for c in item.copies],
        rule_name=item.rule_name,
        severity=a.severity,
        status=delivery_status(item),
        title=a.title,
        url=a.url,
        source=a.source,
        published_at=published,
        created_at=a.created_at,
        evidence=a.evidence,
        topics=a.topics,
        copies=len(item.copies),
    )
