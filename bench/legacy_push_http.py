"""The app's earlier hand-made HTTP/1.1 client, kept only for the fan-out bench.

``bench/push_fanout.py`` compares it with the aiohttp transport the sender
uses now (``LegacyTransport`` below adapts it to ``PushTransport``). What
follows is its original description.

A lean HTTP/1.1 client for posting to push services, on asyncio streams.
A push fan-out is thousands of small POSTs to a handful of origins; a
general client spends more CPU per request than the request is worth. This
one keeps a pool of keep-alive connections per origin (at most
``max_connections`` each), writes a request in one call, and reads the status
line, the headers and a ``Content-Length`` or chunked body. It never retries
by itself: a connection error or timeout is the caller's to classify.

Timeouts: one sweeper task per client aborts connections whose exchange ran
past its deadline, instead of a timer per request (thousands of timers a
second cost the loop more than the requests). An exchange therefore ends
within ``timeout`` plus a quarter of it; opening a connection has a timeout
of its own.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from uglymugs_app.services.push.transport import PushAnswer, TransportError

# Upper bounds that keep a misbehaving server from holding memory or the loop.
MAX_HEAD_BYTES = 64 * 1024
MAX_BODY_BYTES = 1024 * 1024
MAX_CHUNKS = 1024
MAX_INFORMATIONAL = 4
MAX_BUFFER_BYTES = (MAX_INFORMATIONAL + 1) * MAX_HEAD_BYTES + 2 * MAX_BODY_BYTES


class HttpError(Exception):
    """The request failed before a complete response arrived."""


@dataclass(frozen=True)
class HttpResponse:
    """Status, headers (names in lower case) and body of one response."""

    status: int
    headers: dict[str, str]
    body: bytes


class _Connection(asyncio.Protocol):
    """One keep-alive connection: writes a request, resolves its response.

    A protocol rather than streams: a response is a few hundred bytes, and a
    future per exchange is all the machinery it needs. Requests are small,
    so writes are not paced (no drain).
    """

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.waiter: asyncio.Future[tuple[HttpResponse, bool]] | None = None
        self.closed = False
        self.timed_out = False

    # -- asyncio.Protocol --------------------------------------------------
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if len(self.buffer) > MAX_BUFFER_BYTES:
            self._fail(HttpError("response too large"))
            self.transport.abort()
            return
        self._settle(at_eof=False)

    def eof_received(self) -> bool:
        self._settle(at_eof=True)
        return False  # close our side too

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        self._settle(at_eof=True)

    # -- exchanges ---------------------------------------------------------
    def usable(self) -> bool:
        # An idle connection the server closed (or wrote to) is not reused.
        return not (self.closed or self.buffer or self.transport.is_closing())

    def exchange(self, request: bytes) -> asyncio.Future[tuple[HttpResponse, bool]]:
        """Send ``request``; the future gives ``(response, keep-alive)``."""
        self.waiter = asyncio.get_running_loop().create_future()
        self.transport.write(request)
        return self.waiter

    def _settle(self, *, at_eof: bool) -> None:
        if self.waiter is None or self.waiter.done():
            return
        try:
            parsed = parse_response(self.buffer, at_eof=at_eof)
        except HttpError as error:
            self._fail(error)
            return
        if parsed is None:
            if at_eof:
                self._fail(HttpError("connection closed before a whole response"))
            return
        response, keep, used = parsed
        del self.buffer[:used]
        # Bytes beyond the response: the connection cannot be trusted again.
        self.waiter.set_result((response, keep and not self.buffer and not at_eof))

    def _fail(self, error: HttpError) -> None:
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(error)

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()


class _Origin:
    """Keep-alive connections to one scheme://host:port, at most ``limit`` open."""

    def __init__(self, host: str, port: int, tls: ssl.SSLContext | None, limit: int) -> None:
        self.host, self.port, self.tls = host, port, tls
        self.slots = asyncio.Semaphore(limit)
        self.idle: list[_Connection] = []

    async def acquire(self, *, connect_timeout: float) -> _Connection:
        """An idle connection or a new one; holds a slot until ``release``."""
        await self.slots.acquire()
        try:
            while self.idle:
                connection = self.idle.pop()
                if connection.usable():
                    return connection
                connection.close()
            async with asyncio.timeout(connect_timeout):
                _transport, connection = await asyncio.get_running_loop().create_connection(
                    _Connection, self.host, self.port, ssl=self.tls
                )
        except BaseException:
            self.slots.release()
            raise
        return connection

    def release(self, connection: _Connection, *, keep: bool) -> None:
        if keep:
            self.idle.append(connection)
        else:
            connection.close()
        self.slots.release()

    def close(self) -> None:
        for connection in self.idle:
            connection.close()
        self.idle.clear()


def split_url(url: str) -> tuple[str, str, str]:
    """``(scheme, netloc, target)`` of an absolute URL, without the fragment.

    Cheaper than ``urlsplit`` for each of thousands of requests; the origin
    part is validated once per origin.
    """
    scheme, _, rest = url.partition("://")
    end = len(rest)
    for mark in "/?#":
        found = rest.find(mark, 0, end)
        if found >= 0:
            end = found
    target = rest[end:].partition("#")[0]
    if not target.startswith("/"):
        target = "/" + target
    return scheme.lower(), rest[:end], target


class HttpClient:
    """POSTs over pooled HTTP/1.1 connections; ``await close()`` when done."""

    def __init__(self, *, max_connections: int, timeout: float) -> None:
        if max_connections < 1 or timeout <= 0:
            raise ValueError("max_connections and timeout must be positive")
        self.max_connections = max_connections
        self.timeout = timeout
        self._origins: dict[tuple[str, str], _Origin] = {}
        self._tls: ssl.SSLContext | None = None
        # Connections in an exchange, with the loop time it must end by.
        self._deadlines: dict[_Connection, float] = {}
        self._sweeper: asyncio.Task | None = None

    def _origin(self, scheme: str, netloc: str) -> _Origin:
        origin = self._origins.get((scheme, netloc))
        if origin is None:
            parts = urlsplit(f"{scheme}://{netloc}")
            if scheme not in ("http", "https") or not parts.hostname or "@" in netloc:
                raise ValueError("only http(s) URLs with a host and no user")
            tls = None
            if scheme == "https":
                self._tls = self._tls or ssl.create_default_context()
                tls = self._tls
            port = parts.port or (443 if tls else 80)
            origin = _Origin(parts.hostname, port, tls, self.max_connections)
            self._origins[(scheme, netloc)] = origin
        return origin

    async def post(
        self, url: str, *, headers: Iterable[tuple[str, str]], body: bytes
    ) -> HttpResponse:
        """POST ``body`` to ``url``; raises ``HttpError`` or ``TimeoutError`` on failure."""
        scheme, netloc, target = split_url(url)
        origin = self._origin(scheme, netloc)
        head = [f"POST {target} HTTP/1.1", f"Host: {netloc}"]
        head.extend(f"{name}: {value}" for name, value in headers)
        text = "\r\n".join(head)
        # Only the line breaks put there by the join: no header can add one.
        breaks = len(head) - 1
        if not text.count("\r") == text.count("\n") == text.count("\r\n") == breaks:
            raise ValueError("line break in a request line or header")
        request = f"{text}\r\nContent-Length: {len(body)}\r\n\r\n".encode("latin-1") + body
        try:
            connection = await origin.acquire(connect_timeout=self.timeout)
        except TimeoutError:
            raise
        except OSError as error:
            raise HttpError(type(error).__name__) from error
        keep = False
        self._watch(connection)
        try:
            response, keep = await connection.exchange(request)
        except HttpError:
            if connection.timed_out:
                raise TimeoutError from None
            raise
        finally:
            del self._deadlines[connection]
            origin.release(connection, keep=keep and not connection.timed_out)
        return response

    def _watch(self, connection: _Connection) -> None:
        loop = asyncio.get_running_loop()
        self._deadlines[connection] = loop.time() + self.timeout
        if self._sweeper is None or self._sweeper.done():
            self._sweeper = loop.create_task(self._sweep())

    async def _sweep(self) -> None:
        """Abort exchanges past their deadline; ends when none is left."""
        loop = asyncio.get_running_loop()
        interval = min(1.0, self.timeout / 4)
        while self._deadlines:
            await asyncio.sleep(interval)
            now = loop.time()
            for connection, deadline in list(self._deadlines.items()):
                if deadline <= now and not connection.timed_out:
                    connection.timed_out = True
                    connection.transport.abort()

    async def close(self) -> None:
        """Close every idle connection (connections in use close on release)."""
        if self._sweeper is not None:
            self._sweeper.cancel()
        for origin in self._origins.values():
            origin.close()
        self._origins.clear()


def _number(text: str, *, base: int) -> int:
    try:
        value = int(text.strip(), base)
    except ValueError as error:
        raise HttpError("bad length") from error
    if not 0 <= value <= MAX_BODY_BYTES:
        raise HttpError("body too large")
    return value


def _parse_head(head: bytes) -> tuple[int, dict[str, str], str]:
    lines = head.decode("latin-1").split("\r\n")
    version, _, rest = lines[0].partition(" ")
    code = rest[:3]
    if not version.startswith("HTTP/1.") or len(code) != 3 or not code.isdigit():
        raise HttpError("bad status line")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    return int(code), headers, version


def parse_response(
    data: bytes | bytearray, *, at_eof: bool
) -> tuple[HttpResponse, bool, int] | None:
    """``(response, keep-alive, bytes used)`` once ``data`` holds a whole response.

    None while more is needed; a body that runs until the server closes is
    whole only ``at_eof``. Raises ``HttpError`` for what is not HTTP/1.x or
    exceeds the limits.
    """
    start = 0
    for _ in range(MAX_INFORMATIONAL + 1):
        end = data.find(b"\r\n\r\n", start)
        if end < 0 or end - start > MAX_HEAD_BYTES:
            if len(data) - start > MAX_HEAD_BYTES:
                raise HttpError("response head too large")
            return None
        status, headers, version = _parse_head(bytes(data[start:end]))
        start = end + 4
        if status >= 200:
            break
    else:
        raise HttpError("too many informational responses")
    connection_header = headers.get("connection", "").lower()
    keep = "close" not in connection_header and (
        version == "HTTP/1.1" or "keep-alive" in connection_header
    )
    if status in (204, 304):
        return HttpResponse(status, headers, b""), keep, start
    if "chunked" in headers.get("transfer-encoding", "").lower():
        chunked = _chunked_body(data, start)
        if chunked is None:
            return None
        body, used = chunked
        return HttpResponse(status, headers, body), keep, used
    if "content-length" in headers:
        used = start + _number(headers["content-length"], base=10)
        if len(data) < used:
            return None
        return HttpResponse(status, headers, bytes(data[start:used])), keep, used
    # The body runs until the server closes the connection.
    if len(data) - start > MAX_BODY_BYTES:
        raise HttpError("body too large")
    if not at_eof:
        return None
    return HttpResponse(status, headers, bytes(data[start:])), False, len(data)


def _chunked_body(data: bytes | bytearray, at: int) -> tuple[bytes, int] | None:
    body = bytearray()
    for _ in range(MAX_CHUNKS):
        line_end = data.find(b"\r\n", at)
        if line_end < 0:
            return None
        size = _number(bytes(data[at:line_end]).split(b";", 1)[0].decode("latin-1"), base=16)
        at = line_end + 2
        if size == 0:
            # Trailers, if any, end with an empty line.
            for _ in range(MAX_CHUNKS):
                line_end = data.find(b"\r\n", at)
                if line_end < 0:
                    return None
                if line_end == at:
                    return bytes(body), at + 2
                at = line_end + 2
            raise HttpError("too many trailers")
        if len(data) < at + size + 2:
            return None
        if data[at + size : at + size + 2] != b"\r\n":
            raise HttpError("bad chunk")
        body += data[at : at + size]
        at += size + 2
        if len(body) > MAX_BODY_BYTES:
            raise HttpError("body too large")
    raise HttpError("too many chunks")


class LegacyTransport:
    """``PushTransport`` on the hand-made client, for side-by-side figures."""

    def __init__(self, *, connections_per_service: int, timeout: float) -> None:
        self._client = HttpClient(max_connections=connections_per_service, timeout=timeout)

    async def post(self, endpoint: str, *, headers: Mapping[str, str], body: bytes) -> PushAnswer:
        try:
            response = await self._client.post(endpoint, headers=headers.items(), body=body)
        except (HttpError, TimeoutError) as error:
            raise TransportError(type(error).__name__) from error
        return PushAnswer(response.status, response.headers.get("retry-after"))

    async def close(self) -> None:
        await self._client.close()
