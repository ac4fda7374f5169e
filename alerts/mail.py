"""Email delivery over SMTP (STARTTLS, auth): one alert per message, or a digest."""

from __future__ import annotations

import re
import smtplib
import ssl
from collections.abc import Sequence
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from pydantic import BaseModel

from alerts.records import StoredAlert
from alerts.webhook import DeliveryError

# C0 and C1 controls and the line separators: none may reach a mail header
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


class SmtpConfig(BaseModel):
    """The SMTP relay (PANTAU_ALERTS__SMTP__*): defined here once, read by the settings."""

    host: str | None = None  # no host: email channels fail visibly (dead-letter after retries)
    port: int = 587
    username: str | None = None
    password: str | None = None
    starttls: bool = True
    sender: str = "pantau@localhost"
    timeout: float = 10.0
    ca_file: Path | None = None  # trust this CA (a private relay); system CAs otherwise


def header_text(text: str) -> str:
    """One header line: control characters (a title's line break) become one space."""
    return " ".join(_CONTROL.sub(" ", text).split())


class Mailer:
    """Sends one message per call; refuses to send credentials over an unencrypted link."""

    def __init__(self, config: SmtpConfig) -> None:
        self.config = config

    def send(
        self,
        to: Sequence[str],
        subject: str,
        text: str,
        *,
        attachments: Sequence[tuple[str, bytes, str]] = (),
    ) -> None:
        """`attachments`: (file name, bytes, MIME type), e.g. a report's PDF."""
        c = self.config
        if not c.host:
            raise DeliveryError("no SMTP server configured (PANTAU_ALERTS__SMTP__HOST)")
        msg = EmailMessage()
        msg["From"] = header_text(c.sender)
        msg["To"] = header_text(", ".join(to))
        msg["Subject"] = header_text(subject)
        msg["Date"] = formatdate(usegmt=True)
        msg["Message-ID"] = make_msgid(domain="pantau")
        msg.set_content(text)
        for name, data, mime in attachments:
            maintype, _, subtype = mime.partition("/")
            msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
        try:
            with smtplib.SMTP(c.host, c.port, timeout=c.timeout) as smtp:
                smtp.ehlo()
                if c.starttls:
                    context = ssl.create_default_context(
                        cafile=str(c.ca_file) if c.ca_file else None
                    )
                    smtp.starttls(context=context)
                    smtp.ehlo()
                if c.username:
                    if not c.starttls:
                        raise DeliveryError("SMTP auth without STARTTLS refused", permanent=True)
                    smtp.login(c.username, c.password or "")
                smtp.send_message(msg)
        except smtplib.SMTPAuthenticationError as exc:
            raise DeliveryError(f"SMTP login refused: {exc.smtp_code}") from exc
        except smtplib.SMTPResponseException as exc:
            permanent = 500 <= exc.smtp_code < 600
            raise DeliveryError(
                f"SMTP {exc.smtp_code}: {exc.smtp_error!r}", permanent=permanent
            ) from exc
        except (smtplib.SMTPException, ssl.SSLError, OSError) as exc:
            raise DeliveryError(f"SMTP {c.host}:{c.port}: {exc}") from exc


def render_one(
    item: StoredAlert, *, prefix: str = "[pantau]", kind: str = "alert"
) -> tuple[str, str]:
    """The alert's own message, or a triage notice about it (kind assigned / overdue)."""
    a, t = item.alert, item.triage
    subject = f"{prefix} {a.severity.upper()}: {item.rule_name} — {a.title}"
    text = _block(item)
    if kind == "assigned":
        subject = f"{prefix} Ditugaskan ke {t.assignee}: {a.title}"
        text = f"Peringatan ini ditugaskan ke {t.assignee}.\n\n{text}"
    elif kind == "overdue":
        subject = f"{prefix} Lewat tenggat ({t.state}): {a.title}"
        text = f"Tenggat penanganan peringatan ini sudah lewat (status {t.state}).\n\n{text}"
    return header_text(subject)[:200], text


def render_digest(
    items: Sequence[StoredAlert], mode: str, *, prefix: str = "[pantau]"
) -> tuple[str, str]:
    """One message for many alerts, grouped by rule, newest first within a rule."""
    by_rule: dict[str, list[StoredAlert]] = {}
    for item in sorted(items, key=lambda i: i.alert.created_at, reverse=True):
        by_rule.setdefault(item.rule_name, []).append(item)
    period = {"hourly": "per jam", "daily": "harian"}.get(mode, mode)
    subject = header_text(f"{prefix} Ringkasan {period}: {len(items)} peringatan")
    parts = [f"{len(items)} peringatan ({len(by_rule)} aturan)."]
    for rule, group in by_rule.items():
        parts.append(f"\n=== {rule} ({len(group)}) ===")
        parts.extend(_block(i) for i in group)
    return subject, "\n\n".join(parts)


def _block(item: StoredAlert) -> str:
    a = item.alert
    lines = [
        a.title,
        a.url,
        f"Sumber: {a.source} | Tingkat: {a.severity} | Aturan: {item.rule_name}",
        f"Kantor: {', '.join(item.offices) or '-'}",
        f"Waktu (UTC): {a.created_at:%Y-%m-%d %H:%M}",
        "Bukti:",
        *(f"  - {s}" for s in a.evidence),
    ]
    if item.copies:
        lines.append(f"Juga dimuat: {', '.join(c['url'] for c in item.copies)}")
    return "\n".join(lines)
