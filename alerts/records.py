"""What the alert store hands out (its tables live in store/tables.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pipeline.events import Alert

STATUSES = ("pending", "delivered", "dead")


@dataclass(frozen=True)
class Draft:
    """An alert a rule fired, before dedupe, with where it must go."""

    alert: Alert
    rule_name: str
    offices: list[str]
    region: dict[str, str] | None
    deliveries: Sequence[tuple[str, str, float]]  # (channel, mode, first attempt at)


@dataclass
class Recorded:
    """What one article did to the store."""

    group: str
    new: list[Alert] = field(default_factory=list)
    owned: list[Alert] = field(default_factory=list)  # alerts this article started
    copies: list[str] = field(default_factory=list)  # alert ids it was a copy of


@dataclass(frozen=True)
class DeliveryStatus:
    id: int
    channel: str
    mode: str
    status: str
    attempts: int
    next_at: float
    last_error: str | None
    delivered_at: float | None


@dataclass
class StoredAlert:
    """One feed entry: the alert event plus routing, copies and delivery status."""

    alert: Alert
    rule_name: str
    offices: list[str]
    region: dict[str, str] | None
    copies: list[dict[str, Any]] = field(default_factory=list)
    deliveries: list[DeliveryStatus] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of `pantau alerts list --format json` and of /api/alerts."""
        return {
            **self.alert.model_dump(mode="json"),
            "rule_name": self.rule_name,
            "offices": self.offices,
            "region": self.region,
            "copies": self.copies,
            "deliveries": [d.__dict__ for d in self.deliveries],
        }


@dataclass(frozen=True)
class Due:
    """A delivery claimed for sending (leased, so a second sender skips it)."""

    delivery: DeliveryStatus
    item: StoredAlert
