"""The webhook channel: a signed JSON POST per alert (`alerts.webhook` does the HTTP)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Literal
from urllib.parse import urlsplit

from pydantic import Field, field_validator

from alerts.channels import ChannelSpec, DeliveryContext
from alerts.records import Due
from alerts.webhook import DeliveryError, post, webhook_body


class WebhookChannel(ChannelSpec):
    """JSON POST signed with HMAC-SHA256; `secret` falls back to the configured default."""

    kind: ClassVar[str] = "webhook"
    type: Literal["webhook"] = "webhook"
    url: str
    secret: str | None = None
    timeout: float | None = Field(default=None, gt=0)

    @field_validator("url")
    @classmethod
    def _http(cls, url: str) -> str:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("a webhook URL must be http:// or https:// with a host")
        return url

    def send(self, batch: Sequence[Due], context: DeliveryContext) -> None:
        secret = self.secret or context.webhook_secret
        if not secret:
            raise DeliveryError(
                "no webhook secret (set it on the channel or PANTAU_ALERTS__WEBHOOK_SECRET)",
                permanent=True,
            )
        for due in batch:
            post(
                self.url,
                webhook_body(due),
                secret=secret,
                timeout=self.timeout or context.webhook_timeout,
                alert_id=due.item.alert.id,
                delivery_id=due.delivery.id,
            )
