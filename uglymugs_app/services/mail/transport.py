"""Sending notification e-mails to the installation's SMTP server (aiosmtplib).

A sender keeps up to ``smtp_connections`` connections, each carrying one
message at a time, and closes one that has been idle for a while (servers
drop idle clients, and a dropped connection would cost a retry). TLS as
settings say: STARTTLS required, implicit TLS, or none (a local relay).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from email.message import EmailMessage
from urllib.parse import urlsplit

import aiosmtplib

from uglymugs_app.services.push.transport import TransportError
from uglymugs_app.settings import Settings

IDLE_CLOSE_SECONDS = 30.0
# Answers to RCPT that mean the mailbox does not exist (RFC 5321 4.2.3).
GONE_CODES = frozenset({550, 551, 553})


class SmtpRefused(Exception):
    """The server answered with a refusal; ``code`` is its reply code."""

    def __init__(self, code: int, *, recipient: bool) -> None:
        super().__init__(code)
        self.code = code
        self.gone = recipient and code in GONE_CODES


class SmtpTransport:
    """Sends messages over a few reused SMTP connections; ``await close()`` when done."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._slots = asyncio.Semaphore(max(1, settings.smtp_connections))
        self._idle: list[tuple[aiosmtplib.SMTP, float]] = []

    def _client(self) -> aiosmtplib.SMTP:
        s = self.settings
        return aiosmtplib.SMTP(
            hostname=s.smtp_host,
            port=s.smtp_port,
            username=s.smtp_username or None,
            password=s.smtp_password.get_secret_value() or None,
            timeout=s.smtp_timeout_seconds,
            # Our own name in EHLO, without asking DNS for it on every connection.
            local_hostname=urlsplit(s.public_base_url).hostname or "localhost",
            use_tls=s.smtp_tls == "tls",
            start_tls=True if s.smtp_tls == "starttls" else False,
        )

    async def _take(self) -> aiosmtplib.SMTP:
        now = time.monotonic()
        while self._idle:
            client, since = self._idle.pop()
            if client.is_connected and now - since < IDLE_CLOSE_SECONDS:
                return client
            await _quit(client)
        client = self._client()
        await client.connect()
        return client

    async def send(self, message: EmailMessage, *, sender: str, recipient: str) -> int:
        """Send one message; the server's reply code (250) once it accepted it.

        Raises ``SmtpRefused`` for a refusal and ``TransportError`` when no
        whole answer came (connection, TLS, authentication, timeout).
        """
        async with self._slots:
            client: aiosmtplib.SMTP | None = None
            try:
                client = await self._take()
                await client.send_message(message, sender=sender, recipients=[recipient])
            except aiosmtplib.SMTPRecipientsRefused as error:
                self._keep(client)
                code = error.recipients[0].code if error.recipients else 550
                raise SmtpRefused(code, recipient=True) from None
            except aiosmtplib.SMTPRecipientRefused as error:
                self._keep(client)
                raise SmtpRefused(error.code, recipient=True) from None
            except (aiosmtplib.SMTPSenderRefused, aiosmtplib.SMTPDataError) as error:
                await _quit(client)
                raise SmtpRefused(error.code, recipient=False) from None
            except (ValueError, aiosmtplib.SMTPNotSupported):
                # An address this server cannot take (e.g. non-ASCII without
                # SMTPUTF8): no retry will change that.
                self._keep(client)
                raise SmtpRefused(553, recipient=False) from None
            except (aiosmtplib.SMTPException, OSError, TimeoutError) as error:
                await _quit(client)
                raise TransportError(type(error).__name__) from None
            self._keep(client)
            return 250

    def _keep(self, client: aiosmtplib.SMTP | None) -> None:
        if client is not None and client.is_connected:
            self._idle.append((client, time.monotonic()))

    async def close(self) -> None:
        """Say goodbye on every idle connection."""
        idle, self._idle = self._idle, []
        for client, _since in idle:
            await _quit(client)


async def _quit(client: aiosmtplib.SMTP | None) -> None:
    if client is None or not client.is_connected:
        return
    with contextlib.suppress(Exception):
        await asyncio.wait_for(client.quit(), timeout=2.0)
    if client.is_connected:
        client.close()
