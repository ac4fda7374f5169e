"""Delivery: signed webhooks with retries and dead letters, email single and digest."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from alerts.channels import DeliveryContext
from alerts.delivery import Dispatcher, RetryPolicy
from alerts.mail import Mailer, SmtpConfig
from alerts.rules import rules_from_data
from alerts.stage import AlertStage
from alerts.store import AlertStore
from alerts.webhook import SIGNATURE_HEADER, TIMESTAMP_HEADER, sign, verify
from tests.alerts.conftest import (
    ASN_BODY,
    OTHER_BODY,
    SMTP_PASSWORD,
    SMTP_USER,
    Mailbox,
    Receiver,
    story,
)
from tests.conftest import enriched

SECRET = "s3cret-bawaslu"


def _setup(tmp_path: Path, channels: dict[str, Any], **kw: Any) -> tuple[AlertStage, Dispatcher]:
    rules = rules_from_data(
        {"channels": channels, "offices": {"Bawaslu Kota Jakarta Utara": list(channels)}}
    )
    store = AlertStore(tmp_path / "alerts.sqlite3")
    context = DeliveryContext(webhook_secret=SECRET, webhook_timeout=kw.pop("timeout", 5.0))
    return AlertStage(rules, store), Dispatcher(store, rules, context=context, **kw)


def _with_mailer(dispatcher: Dispatcher, mailer: Mailer) -> None:
    dispatcher.context = replace(dispatcher.context, mailer=mailer)


def _fire(stage: AlertStage, n: int = 1, body: str = ASN_BODY) -> None:
    assert (
        len(stage.process([enriched(story(n, "Judul", body), topics={"netralitas_asn": 0.9})])) == 1
    )


def test_signature_verifies_and_tampering_does_not() -> None:
    body, ts = b'{"a": 1}', str(int(time.time()))
    headers = {TIMESTAMP_HEADER: ts, SIGNATURE_HEADER: sign(SECRET, ts, body)}
    assert verify(SECRET, headers, body)
    assert not verify(SECRET, headers, b'{"a": 2}')
    assert not verify("other", headers, body)
    assert not verify(SECRET, headers, body, now=time.time() + 3600)  # a replay, much later


def test_webhook_posts_signed_json_with_the_evidence(tmp_path: Path, receiver: Receiver) -> None:
    stage, dispatcher = _setup(tmp_path, {"hook": {"type": "webhook", "url": receiver.url}})
    _fire(stage)
    assert dispatcher.deliver_due()["delivered"] == 1
    [got] = receiver.received
    assert verify(SECRET, got.headers, got.body)
    payload = got.json
    assert payload["rule_id"] == "netralitas_asn"
    assert payload["offices"] == ["Bawaslu Kota Jakarta Utara", "Bawaslu Provinsi DKI Jakarta"]
    assert payload["evidence"] and payload["delivery"]["attempt"] == 1
    assert got.headers["X-Pantau-Alert-Id"] == payload["id"]
    assert dispatcher.deliver_due() == {}  # delivered once, never again
    assert stage.store.feed()[0].deliveries[0].status == "delivered"


def test_receiver_down_then_up_is_delivered_after_retry(
    tmp_path: Path, down_receiver: Receiver
) -> None:
    policy = RetryPolicy(max_attempts=5, base=0.2)
    stage, dispatcher = _setup(
        tmp_path, {"hook": {"type": "webhook", "url": down_receiver.url}}, policy=policy, timeout=1
    )
    _fire(stage)
    assert dispatcher.deliver_due() == {"retry": 1}
    item = stage.store.feed()[0].deliveries[0]
    assert item.status == "pending" and item.attempts == 1
    assert "cannot reach" in (item.last_error or "")
    down_receiver.start()
    assert dispatcher.deliver_due() == {}  # backing off: not due yet
    time.sleep(0.25)
    assert dispatcher.deliver_due() == {"delivered": 1}
    assert len(down_receiver.received) == 1
    assert down_receiver.received[0].json["delivery"]["attempt"] == 2


def test_retries_run_out_into_a_visible_dead_letter(tmp_path: Path, receiver: Receiver) -> None:
    receiver.status = 503
    policy = RetryPolicy(max_attempts=2, base=0.01)
    stage, dispatcher = _setup(
        tmp_path, {"hook": {"type": "webhook", "url": receiver.url}}, policy=policy
    )
    _fire(stage)
    assert dispatcher.deliver_due() == {"retry": 1}
    time.sleep(0.02)
    assert dispatcher.deliver_due() == {"dead": 1}
    [dead] = stage.store.feed(status="dead")
    assert dead.deliveries[0].last_error == f"HTTP 503 from {receiver.url}"
    receiver.status = 200
    assert stage.store.requeue() == 1
    assert dispatcher.deliver_due() == {"delivered": 1}


def test_a_refusal_is_dead_at_once(tmp_path: Path, receiver: Receiver) -> None:
    receiver.status = 401
    stage, dispatcher = _setup(tmp_path, {"hook": {"type": "webhook", "url": receiver.url}})
    _fire(stage)
    assert dispatcher.deliver_due() == {"dead": 1}


def _mailer(box: Mailbox, **kw: Any) -> Mailer:
    config = dict(host=box.host, port=box.port, username=SMTP_USER, password=SMTP_PASSWORD,
                  ca_file=box.ca_file, sender="pantau@bawaslu.example")  # fmt: skip
    config.update(kw)
    return Mailer(SmtpConfig.model_validate(config))


def test_email_one_alert_over_starttls_with_auth(tmp_path: Path, smtp_server: Mailbox) -> None:
    stage, dispatcher = _setup(tmp_path, {"mail": {"type": "email", "to": ["p2h@jakut.example"]}})
    _with_mailer(dispatcher, _mailer(smtp_server))
    _fire(stage)
    assert dispatcher.deliver_due() == {"delivered": 1}
    [msg] = smtp_server.messages
    assert smtp_server.logins == [SMTP_USER]
    assert msg["To"] == "p2h@jakut.example"
    assert "Netralitas ASN" in msg["Subject"]
    text = msg.get_payload(decode=True).decode()
    assert "Bawaslu Kota Jakarta Utara" in text and "Bukti:" in text


def test_wrong_password_is_retried_not_dropped(tmp_path: Path, smtp_server: Mailbox) -> None:
    stage, dispatcher = _setup(tmp_path, {"mail": {"type": "email", "to": ["p2h@x.example"]}})
    _with_mailer(dispatcher, _mailer(smtp_server, password="salah", timeout=1.0))
    _fire(stage)
    assert dispatcher.deliver_due() == {"retry": 1}
    assert smtp_server.messages == []


def test_hourly_digest_groups_alerts_in_one_message(tmp_path: Path, smtp_server: Mailbox) -> None:
    channel = {"type": "email", "to": ["p2h@jakut.example"], "digest": "hourly"}
    stage, dispatcher = _setup(tmp_path, {"digest": channel})
    _with_mailer(dispatcher, _mailer(smtp_server))
    _fire(stage, 1, ASN_BODY)
    _fire(stage, 2, OTHER_BODY)
    assert dispatcher.deliver_due() == {}  # the hour is not over
    next_hour = (time.time() // 3600 + 1) * 3600
    assert dispatcher.deliver_due(now=next_hour + 1) == {"delivered": 2}
    [msg] = smtp_server.messages
    assert "Ringkasan per jam: 2 peringatan" in msg["Subject"]
    text = msg.get_payload(decode=True).decode()
    assert text.count("Bukti:") == 2 and "=== Netralitas ASN (2) ===" in text


@pytest.mark.parametrize(("mode", "hours"), [("hourly", 1), ("daily", 24)])
def test_digest_periods_end_on_the_hour_and_at_midnight_wib(mode: str, hours: int) -> None:
    from alerts.digest import period_end

    now = 1_732_700_000.0  # 2024-11-27 09:33 UTC = 16:33 WIB
    end = period_end(mode, now)
    assert now < end <= now + hours * 3600
    assert end % 3600 == 0
    if mode == "daily":
        assert (end + 7 * 3600) % 86400 == 0
