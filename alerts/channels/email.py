"""The email channel: one message per alert, or an hourly / daily digest (`alerts.mail`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Literal

from pydantic import Field

from alerts.channels import ChannelSpec, DeliveryContext
from alerts.mail import render_digest, render_one
from alerts.records import Due
from alerts.webhook import DeliveryError

Digest = Literal["none", "hourly", "daily"]


class EmailChannel(ChannelSpec):
    """Mail over SMTP (PANTAU_ALERTS__SMTP__*): one message per alert, or a digest."""

    kind: ClassVar[str] = "email"
    type: Literal["email"] = "email"
    to: list[str] = Field(min_length=1)
    digest: Digest = "none"
    subject_prefix: str = "[pantau]"

    @property
    def mode(self) -> str:
        return self.digest

    def send(self, batch: Sequence[Due], context: DeliveryContext) -> None:
        if context.mailer is None:
            raise DeliveryError("no SMTP server configured (PANTAU_ALERTS__SMTP__HOST)")
        first = batch[0]
        if self.digest == "none" or first.delivery.kind != "alert":  # notices go at once
            subject, text = render_one(
                first.item, prefix=self.subject_prefix, kind=first.delivery.kind
            )
        else:
            items = [d.item for d in batch]
            subject, text = render_digest(items, self.digest, prefix=self.subject_prefix)
        context.mailer.send(self.to, subject, text)
