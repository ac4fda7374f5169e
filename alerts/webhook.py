"""Webhook delivery: a JSON POST signed with HMAC-SHA256 over the timestamp and the body."""

from __future__ import annotations

import hmac
import json
import re
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from urllib.parse import urlsplit, urlunsplit

from alerts.records import Due

SIGNATURE_HEADER = "X-Pantau-Signature"
TIMESTAMP_HEADER = "X-Pantau-Timestamp"
ALERT_HEADER = "X-Pantau-Alert-Id"
DELIVERY_HEADER = "X-Pantau-Delivery-Id"


class DeliveryError(RuntimeError):
    """A delivery attempt failed; `permanent` means retrying cannot help (HTTP 4xx)."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


_URL = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s'\"<>]+")


def redact_url(url: str) -> str:
    """The URL without what may carry a secret: user info, query string and fragment."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "<url>"
    query = "…" if parts.query else ""
    return urlunsplit((parts.scheme, host + port, parts.path, query, ""))


def redact(text: str) -> str:
    """`text` with every URL in it redacted (for last_error and logs)."""
    return _URL.sub(lambda m: redact_url(m.group(0)), text)


def webhook_body(due: Due) -> bytes:
    """The JSON a receiver gets: the alert, its routing and copies, and this delivery."""
    payload = due.item.to_dict()
    payload.pop("deliveries")
    kind = due.delivery.kind
    payload["type"] = "pantau.alert" if kind == "alert" else f"pantau.alert.{kind}"
    payload["delivery"] = {
        "id": due.delivery.id,
        "channel": due.delivery.channel,
        "attempt": due.delivery.attempts + 1,
    }
    return json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """`sha256=<hex>` of HMAC-SHA256(secret, "<timestamp>." + body).

    Signing the timestamp too lets a receiver refuse replays of an old, valid request.
    """
    mac = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, "sha256")
    return f"sha256={mac.hexdigest()}"


def verify(
    secret: str,
    headers: Mapping[str, str],
    body: bytes,
    *,
    tolerance: float = 300.0,
    now: float | None = None,
) -> bool:
    """What a receiver does: recompute the signature, compare in constant time, check age."""
    lower = {k.lower(): v for k, v in headers.items()}
    timestamp = lower.get(TIMESTAMP_HEADER.lower(), "")
    given = lower.get(SIGNATURE_HEADER.lower(), "")
    if not timestamp.isdigit():
        return False
    now = time.time() if now is None else now
    if abs(now - int(timestamp)) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, timestamp, body), given)


def post(
    url: str,
    body: bytes,
    *,
    secret: str,
    timeout: float,
    alert_id: str,
    delivery_id: int,
) -> int:
    """POST once; returns the HTTP status or raises DeliveryError.

    408, 429 and 5xx (and any network error or timeout) are worth retrying; other 4xx
    mean the receiver refuses this request as it is (wrong secret, wrong URL).
    """
    safe = redact_url(url)
    if urlsplit(url).scheme not in ("http", "https"):
        raise DeliveryError(f"not an http(s) URL: {safe}", permanent=True)
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "pantau-alerts/1",
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: sign(secret, timestamp, body),
        # The idempotency key: a receiver that saw it already can ignore a re-send.
        ALERT_HEADER: alert_id,
        DELIVERY_HEADER: str(delivery_id),
    }
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status = int(response.status)
    except urllib.error.HTTPError as exc:
        permanent = 400 <= exc.code < 500 and exc.code not in (408, 429)
        raise DeliveryError(f"HTTP {exc.code} from {safe}", permanent=permanent) from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise DeliveryError(f"cannot reach {safe}: {redact(str(reason))}") from exc
    if not 200 <= status < 300:
        raise DeliveryError(f"HTTP {status} from {safe}")
    return status
