"""Triage notices read as what they are: the subject and the webhook type name the kind."""

from __future__ import annotations

import json

from alerts.mail import render_one
from alerts.records import DeliveryStatus, Due, StoredAlert, Triage
from alerts.webhook import webhook_body
from tests.store.alerting import drafts


def _item() -> StoredAlert:
    [draft] = drafts("asn", "a1")("g1")
    return StoredAlert(
        draft.alert, draft.rule_name, draft.offices, draft.region,
        triage=Triage(state="ditinjau", assignee="siti"),
    )  # fmt: skip


def test_assigned_and_overdue_subjects() -> None:
    item = _item()
    subject, text = render_one(item, kind="assigned")
    assert subject.startswith("[pantau] Ditugaskan ke siti:") and "ditugaskan ke siti" in text
    subject, _ = render_one(item, kind="overdue")
    assert subject.startswith("[pantau] Lewat tenggat (ditinjau):")
    assert "Ditugaskan" not in render_one(item)[0]


def test_webhook_type_names_the_notice() -> None:
    status = DeliveryStatus(1, "hook", "none", "pending", 0, 0.0, None, None, kind="assigned")
    body = json.loads(webhook_body(Due(status, _item())))
    assert body["type"] == "pantau.alert.assigned" and body["triage"]["assignee"] == "siti"
