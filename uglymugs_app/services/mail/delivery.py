"""The e-mail channel of the push sender: one claimed entry, one e-mail.

The sealed address is opened only here, in the sender, for the moment of
sending. The SMTP server's answer is turned into the outbox's outcomes with
the push retry rules: accepted → delivered; mailbox unknown (550/551/553 to
RCPT) → gone, the address is removed like a dead push endpoint; another
permanent refusal (5xx) → failed; a temporary one (4xx) or no answer →
retried with backoff.
"""

from __future__ import annotations

import dataclasses
from email.utils import parseaddr

from uglymugs_app.models.common import utcnow
from uglymugs_app.services.mail.message import build_message
from uglymugs_app.services.mail.transport import SmtpRefused, SmtpTransport
from uglymugs_app.services.push.outbox import ClaimedEntry
from uglymugs_app.services.push.results import DeliveryResult, Outcome
from uglymugs_app.services.push.retry import classify
from uglymugs_app.services.push.transport import TransportError
from uglymugs_app.services.security.field_crypto import NOTIFY_EMAIL, decrypt_with_key
from uglymugs_app.settings import Settings


class EmailChannel:
    """``ChannelSender`` for subscriptions with channel ``email``."""

    def __init__(
        self, *, settings: Settings, field_key: bytes, transport: SmtpTransport | None = None
    ) -> None:
        self.settings = settings
        self._field_key = field_key
        self._transport = transport or SmtpTransport(settings)
        self._envelope_from = parseaddr(settings.smtp_from)[1]

    def _settled(self, entry: ClaimedEntry, outcome: str) -> DeliveryResult:
        return DeliveryResult(entry.id, entry.token, entry.subscription_id, outcome)

    async def deliver(self, entry: ClaimedEntry) -> DeliveryResult:
        """See ``ChannelSender.deliver``."""
        if entry.endpoint_sealed is None:
            return self._settled(entry, Outcome.ORPHAN)
        if entry.ttl_seconds <= 0:
            return self._settled(entry, Outcome.FAILED)
        try:
            address = decrypt_with_key(
                self._field_key, field=NOTIFY_EMAIL, token=entry.endpoint_sealed
            )
            message = build_message(
                settings=self.settings,
                entry_id=entry.id,
                payload_json=entry.payload_json,
                address=address,
                language=entry.language,
            )
        except Exception:  # an address that does not open or cannot be written
            return self._settled(entry, Outcome.FAILED)
        code: int | None = None
        status: int | None
        try:
            code = await self._transport.send(
                message, sender=self._envelope_from, recipient=address
            )
            status = 201
        except SmtpRefused as refused:
            code = refused.code
            status = 410 if refused.gone else 503 if 400 <= code < 500 else 400
        except TransportError:
            status = None
        result = classify(
            entry, status=status, retry_after=None, settings=self.settings, now=utcnow()
        )
        return dataclasses.replace(result, status_code=code)

    async def close(self) -> None:
        """See ``ChannelSender.close``."""
        await self._transport.close()
