"""Channels other than Web Push: how the sender reaches a subscription.

The outbox does not know channels: an entry is one notification for one
subscription. The sender sends a Web Push entry itself (encrypted in chunks,
``prepare`` and ``transport``) and hands any other entry to the
``ChannelSender`` of its subscription's channel (``models.push.Channel``).
E-mail is one (``services.mail.delivery.EmailChannel``); an SMS provider
would be another: a subscription with its channel and one more
``ChannelSender`` here, no change to the outbox or to what queues entries.
"""

from __future__ import annotations

from typing import Protocol

from uglymugs_app.models.push import Channel
from uglymugs_app.services.mail.delivery import EmailChannel
from uglymugs_app.services.push.outbox import ClaimedEntry
from uglymugs_app.services.push.results import DeliveryResult
from uglymugs_app.settings import Settings


class ChannelSender(Protocol):
    """Delivers one claimed entry and says what became of it; ``close()`` when done."""

    async def deliver(self, entry: ClaimedEntry) -> DeliveryResult:
        """Send the entry's message; never raises for a failed delivery."""
        ...

    async def close(self) -> None:
        """Close connections; deliveries still in flight fail."""
        ...


def open_channels(*, settings: Settings, field_key: bytes) -> dict[str, ChannelSender]:
    """The channels this installation is set up for, by name (inside the sender's loop)."""
    channels: dict[str, ChannelSender] = {}
    if settings.email_enabled:
        channels[Channel.EMAIL] = EmailChannel(settings=settings, field_key=field_key)
    return channels
