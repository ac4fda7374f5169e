"""Delivery never gets stuck: any failure is a counted attempt, headers are clean, URLs safe."""

from __future__ import annotations

import logging
from email.header import decode_header, make_header
from pathlib import Path
from typing import Any

import pytest

from alerts.channels import DeliveryContext
from alerts.delivery import Dispatcher, RetryPolicy
from alerts.mail import Mailer, SmtpConfig, header_text
from alerts.rules import RulesError, rules_from_data
from alerts.stage import AlertStage
from alerts.store import AlertStore
from alerts.webhook import DeliveryError, post, redact
from tests.alerts.conftest import ASN_BODY, SMTP_PASSWORD, SMTP_USER, Mailbox, Receiver, story
from tests.conftest import enriched


def _setup(
    tmp_path: Path, channels: dict[str, Any], *, mailer: Mailer | None = None, attempts: int = 8
) -> tuple[AlertStage, Dispatcher]:
    rules = rules_from_data(
        {"channels": channels, "offices": {"Bawaslu Kota Jakarta Utara": list(channels)}}
    )
    store = AlertStore(tmp_path / "alerts.sqlite3")
    context = DeliveryContext(mailer=mailer, webhook_secret="rahasia", webhook_timeout=1.0)
    policy = RetryPolicy(max_attempts=attempts, base=60.0)
    return AlertStage(rules, store), Dispatcher(store, rules, context=context, policy=policy)


def _fire(stage: AlertStage, title: str = "Judul") -> None:
    doc = enriched(story(1, title, ASN_BODY), topics={"netralitas_asn": 0.9})
    assert len(stage.process([doc])) == 1


def test_a_title_with_a_line_break_is_mailed_on_one_subject_line(
    tmp_path: Path, smtp_server: Mailbox
) -> None:
    config = SmtpConfig(
        host=smtp_server.host, port=smtp_server.port, username=SMTP_USER,
        password=SMTP_PASSWORD, ca_file=smtp_server.ca_file,
    )  # fmt: skip
    channels = {"mail": {"type": "email", "to": ["p2h@jakut.example"]}}
    stage, dispatcher = _setup(tmp_path, channels, mailer=Mailer(config))
    _fire(stage, "ASN dukung paslon\r\nBcc: korban@example.com")
    assert dispatcher.deliver_due() == {"delivered": 1}
    [msg] = smtp_server.messages
    subject = str(make_header(decode_header(msg["Subject"])))  # unfolded and decoded
    assert subject.endswith("— ASN dukung paslon Bcc: korban@example.com")
    assert msg["Bcc"] is None


@pytest.mark.parametrize("text", ["a\nb", "a\r\nb", "a\x00b", "a\u2028b", "a\x85b"])
def test_header_text_keeps_one_line(text: str) -> None:
    assert header_text(text) == "a b"


def test_any_exception_in_a_send_is_a_failed_attempt_until_dead(
    tmp_path: Path, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kw: Any) -> int:
        raise KeyError("no such header")

    monkeypatch.setattr("alerts.channels.webhook.post", broken)
    stage, dispatcher = _setup(
        tmp_path, {"hook": {"type": "webhook", "url": receiver.url}}, attempts=2
    )
    _fire(stage)
    assert dispatcher.deliver_due() == {"retry": 1}
    assert dispatcher.deliver_due(now=10**10) == {"dead": 1}
    [dead] = stage.store.feed(status="dead")
    assert dead.deliveries[0].attempts == 2
    assert dead.deliveries[0].last_error == "KeyError: 'no such header'"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://x.example/hook", "http:///nohost"])
def test_a_webhook_url_must_be_http_or_https(url: str) -> None:
    with pytest.raises(RulesError, match="http"):
        rules_from_data({"channels": {"hook": {"type": "webhook", "url": url}}})


def test_post_refuses_a_file_url_as_a_permanent_failure() -> None:
    with pytest.raises(DeliveryError, match="not an http") as caught:
        post("file:///etc/passwd", b"{}", secret="s", timeout=1, alert_id="a", delivery_id=1)
    assert caught.value.permanent


def test_secrets_in_a_webhook_url_never_reach_last_error_or_logs(
    tmp_path: Path, down_receiver: Receiver, caplog: pytest.LogCaptureFixture
) -> None:
    port = down_receiver.url.split(":")[2].split("/")[0]
    url = f"http://pantau:sandi-rahasia@127.0.0.1:{port}/hook?token=tok-rahasia#frag"
    stage, dispatcher = _setup(tmp_path, {"hook": {"type": "webhook", "url": url}})
    _fire(stage)
    with caplog.at_level(logging.WARNING):
        assert dispatcher.deliver_due() == {"retry": 1}
    error = stage.store.feed()[0].deliveries[0].last_error or ""
    assert f"127.0.0.1:{port}/hook" in error
    for secret in ("sandi-rahasia", "tok-rahasia", "pantau:"):
        assert secret not in error
        assert secret not in caplog.text


def test_redact_leaves_text_without_urls_alone() -> None:
    assert redact("HTTP 503 dari server") == "HTTP 503 dari server"
    assert redact("see https://u:p@h.example:8443/a?b=c") == "see https://h.example:8443/a?…"
