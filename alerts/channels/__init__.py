"""Delivery channels as plug-ins: each module of this package is one channel type.

A channel type is a `ChannelSpec` subclass with its own `type` (the name a rules file
uses), its settings as fields, its delivery `mode` and its `send`. Subclassing registers
it; every module here is imported below, so adding a channel is one module (and its
test): no list to extend, no `isinstance` anywhere.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Union

from pydantic import BaseModel, ConfigDict, Field

from alerts.mail import Mailer
from alerts.records import Due

TYPES: dict[str, type[ChannelSpec]] = {}


@dataclass(frozen=True)
class DeliveryContext:
    """What senders share from the settings: the SMTP mailer, webhook defaults."""

    mailer: Mailer | None = None
    webhook_secret: str = ""
    webhook_timeout: float = 5.0


class ChannelSpec(BaseModel):
    """One configured channel; subclasses set `type: Literal[...]` and implement `send`."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    kind: ClassVar[str] = ""

    type: str

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.kind:
            TYPES[cls.kind] = cls

    @property
    def mode(self) -> str:
        """How its deliveries are grouped: "none" (one per alert) or a digest period."""
        return "none"

    def send(self, batch: Sequence[Due], context: DeliveryContext) -> None:
        """Send once (one alert, or a digest's alerts); raise DeliveryError on failure."""
        raise NotImplementedError


for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")

if TYPE_CHECKING:
    Channel = ChannelSpec
else:  # a union discriminated by `type`: a rules file's errors name the channel's fields
    Channel = Annotated[Union[tuple(TYPES.values())], Field(discriminator="type")]  # noqa: UP007
