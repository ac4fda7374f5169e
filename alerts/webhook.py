"""Webhook delivery: a JSON POST signed with HMAC-SHA256 over the timestamp and the body."""

from __future__ import annotations

import hmac
import time
import urllib.error
import urllib.request
from collections.abc import Mapping

SIGNATURE_HEADER = "X-Pantau-Signature"
TIMESTAMP_HEADER = "X-Pantau-Timestamp"
ALERT_HEADER = "X-Pantau-Alert-Id"
DELIVERY_HEADER = "X-Pantau-Delivery-Id"


class DeliveryError(RuntimeError):
    """A delivery attempt failed; `permanent` means retrying cannot help (HTTP 4xx)."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


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
        raise DeliveryError(f"HTTP {exc.code} from {url}", permanent=permanent) from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise DeliveryError(f"cannot reach {url}: {reason}") from exc
    if not 200 <= status < 300:
        raise DeliveryError(f"HTTP {status} from {url}")
    return status
