"""How the sender reaches push services: one POST per message.

The sender sees only ``PushTransport``: post an encrypted message to an
endpoint with its headers, and get back what the retry rules need (the
status and ``Retry-After``). ``AiohttpTransport`` is the one the app uses:
one ``aiohttp`` session per sender, keep-alive connections, at most
``connections_per_service`` of them open to each push service.

A transport never retries by itself, never follows a redirect (an endpoint's
host was checked against the known push services; where it points to was
not) and sends only what a push service reads: no cookies, no User-Agent.
"""

from __future__ import annotations

import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

import aiohttp

from uglymugs_app.services.push.encryption import audience

# An answer is a status and a few headers. A body is read so the connection
# can be used again; a bigger one than this is a misbehaving server.
MAX_BODY_BYTES = 1024 * 1024
# A fan-out's requests to a push service follow each other within
# milliseconds; between two warnings hours may pass.
KEEPALIVE_SECONDS = 30.0
# aiohttp adds these unless told not to; a push service reads none of them.
UNSENT_HEADERS = ("User-Agent", "Accept", "Accept-Encoding")


class TransportError(Exception):
    """No whole answer: connection refused or lost, timeout, TLS or HTTP error."""


@dataclass(frozen=True)
class PushAnswer:
    """What the retry rules read from a push service's answer."""

    status: int
    retry_after: str | None


class PushTransport(Protocol):
    """Posts encrypted messages to push services; ``await close()`` when done."""

    async def post(self, endpoint: str, *, headers: Mapping[str, str], body: bytes) -> PushAnswer:
        """POST ``body`` to ``endpoint``.

        Raises ``TransportError`` when no whole answer came within the
        timeout, and ``ValueError`` for an endpoint or header it will not send.
        """
        ...

    async def close(self) -> None:
        """Close the connections; requests still in flight fail."""
        ...


class OpenTransport(Protocol):
    """Makes a transport inside the sender's running event loop."""

    def __call__(self, *, connections_per_service: int, timeout: float) -> PushTransport: ...


def check_origin(origin: str) -> None:
    """Refuse what is not an http(s) origin with a host and without a user."""
    parts = urlsplit(origin)
    if parts.scheme not in ("http", "https") or not parts.hostname or "@" in parts.netloc:
        raise ValueError("only http(s) URLs with a host and no user")


class AiohttpTransport:
    """``PushTransport`` on one ``aiohttp.ClientSession``.

    ``timeout`` bounds a whole exchange: connecting, sending and reading the
    answer (aiohttp rounds a deadline of 5 s or more up to a whole second).
    Waiting for a free connection never adds to it as long as the sender
    keeps no more requests in flight than ``connections_per_service``.
    """

    def __init__(self, *, connections_per_service: int, timeout: float) -> None:
        if connections_per_service < 1 or timeout <= 0:
            raise ValueError("connections_per_service and timeout must be positive")
        connector = aiohttp.TCPConnector(
            # No bound across services: the sender bounds the requests in flight.
            limit=0,
            limit_per_host=connections_per_service,
            keepalive_timeout=KEEPALIVE_SECONDS,
            # The system's trusted certificates, with host name checks.
            ssl=ssl.create_default_context(),
        )
        self._session = aiohttp.ClientSession(
            connector=connector,
            timeout=aiohttp.ClientTimeout(total=timeout),
            cookie_jar=aiohttp.DummyCookieJar(),
            skip_auto_headers=UNSENT_HEADERS,
            auto_decompress=False,
        )
        # Origins already checked: a fan-out posts thousands of times to a few.
        self._origins: set[str] = set()

    async def post(self, endpoint: str, *, headers: Mapping[str, str], body: bytes) -> PushAnswer:
        """See ``PushTransport.post``."""
        origin = audience(endpoint)
        if origin not in self._origins:
            check_origin(origin)
            self._origins.add(origin)
        try:
            async with self._session.post(
                endpoint, data=body, headers=headers, allow_redirects=False
            ) as response:
                await _read_body(response)
                return PushAnswer(response.status, response.headers.get("Retry-After"))
        except (aiohttp.ClientError, TimeoutError) as error:
            raise TransportError(type(error).__name__) from error

    async def close(self) -> None:
        """See ``PushTransport.close``."""
        await self._session.close()


async def _read_body(response: aiohttp.ClientResponse) -> None:
    """Read and drop the body, so the connection can carry the next request."""
    if response.content.is_eof():  # the usual answer: no body
        return
    size = 0
    async for chunk in response.content.iter_any():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise TransportError("answer too large")
