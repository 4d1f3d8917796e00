"""A lean HTTP/1.1 client for posting to push services, on asyncio streams.

A push fan-out is thousands of small POSTs to a handful of origins; a
general client spends more CPU per request than the request is worth. This
one keeps a pool of keep-alive connections per origin (at most
``max_connections`` each), writes a request in one call, and reads the status
line, the headers and a ``Content-Length`` or chunked body. It never retries
by itself: a connection error or timeout is the caller's to classify.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

# Upper bounds that keep a misbehaving server from holding memory or the loop.
MAX_HEAD_BYTES = 64 * 1024
MAX_BODY_BYTES = 1024 * 1024
MAX_CHUNKS = 1024
MAX_INFORMATIONAL = 4


class HttpError(Exception):
    """The request failed before a complete response arrived."""


@dataclass(frozen=True)
class HttpResponse:
    """Status, headers (names in lower case) and body of one response."""

    status: int
    headers: dict[str, str]
    body: bytes


class _Connection:
    __slots__ = ("reader", "writer")

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer

    def usable(self) -> bool:
        # An idle connection the server closed (or wrote to) is not reused.
        # StreamReader has no public way to peek at unread bytes.
        unread = len(self.reader._buffer)
        return not unread and not self.reader.at_eof() and not self.writer.is_closing()

    def close(self) -> None:
        self.writer.close()


class _Origin:
    """Keep-alive connections to one scheme://host:port, at most ``limit`` open."""

    def __init__(self, host: str, port: int, tls: ssl.SSLContext | None, limit: int) -> None:
        self.host, self.port, self.tls = host, port, tls
        self.slots = asyncio.Semaphore(limit)
        self.idle: list[_Connection] = []

    async def acquire(self) -> _Connection:
        """An idle connection or a new one; holds a slot until ``release``."""
        await self.slots.acquire()
        try:
            while self.idle:
                connection = self.idle.pop()
                if connection.usable():
                    return connection
                connection.close()
            reader, writer = await asyncio.open_connection(
                self.host, self.port, ssl=self.tls, limit=MAX_HEAD_BYTES
            )
        except BaseException:
            self.slots.release()
            raise
        return _Connection(reader, writer)

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


def _check(text: str) -> str:
    if "\r" in text or "\n" in text:
        raise ValueError("line break in a request line or header")
    return text


class HttpClient:
    """POSTs over pooled HTTP/1.1 connections; ``await close()`` when done."""

    def __init__(self, *, max_connections: int, timeout: float) -> None:
        if max_connections < 1 or timeout <= 0:
            raise ValueError("max_connections and timeout must be positive")
        self.max_connections = max_connections
        self.timeout = timeout
        self._origins: dict[tuple[str, str], _Origin] = {}
        self._tls: ssl.SSLContext | None = None

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
        lines = [f"POST {_check(target)} HTTP/1.1", f"Host: {_check(netloc)}"]
        lines.extend(f"{_check(name)}: {_check(value)}" for name, value in headers)
        lines.append(f"Content-Length: {len(body)}\r\n\r\n")
        request = "\r\n".join(lines).encode("latin-1") + body
        try:
            async with asyncio.timeout(self.timeout):
                connection = await origin.acquire()
                keep = False
                try:
                    response, keep = await self._exchange(connection, request)
                finally:
                    origin.release(connection, keep=keep)
        except TimeoutError:  # an OSError too, but the caller may tell them apart
            raise
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as error:
            raise HttpError(type(error).__name__) from error
        return response

    @staticmethod
    async def _exchange(connection: _Connection, request: bytes) -> tuple[HttpResponse, bool]:
        connection.writer.write(request)
        await connection.writer.drain()
        reader = connection.reader
        for _ in range(MAX_INFORMATIONAL + 1):
            status, headers, version = _parse_head(await reader.readuntil(b"\r\n\r\n"))
            if status >= 200:
                break
        else:
            raise HttpError("too many informational responses")
        connection_header = headers.get("connection", "").lower()
        keep = "close" not in connection_header and (
            version == "HTTP/1.1" or "keep-alive" in connection_header
        )
        if status in (204, 304):
            body = b""
        elif "chunked" in headers.get("transfer-encoding", "").lower():
            body = await _read_chunked(reader)
        elif "content-length" in headers:
            length = _number(headers["content-length"], base=10)
            body = await reader.readexactly(length)
        else:  # the body runs until the server closes the connection
            body = await _read_to_end(reader)
            keep = False
        return HttpResponse(status, headers, body), keep

    async def close(self) -> None:
        """Close every idle connection (connections in use close on release)."""
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


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    body = bytearray()
    for _ in range(MAX_CHUNKS):
        size_line = await reader.readuntil(b"\r\n")
        size = _number(size_line.split(b";", 1)[0].decode("latin-1"), base=16)
        if size == 0:
            # Trailers, if any, end with an empty line.
            for _ in range(MAX_CHUNKS):
                if await reader.readuntil(b"\r\n") == b"\r\n":
                    return bytes(body)
            raise HttpError("too many trailers")
        chunk = await reader.readexactly(size + 2)
        if chunk[-2:] != b"\r\n":
            raise HttpError("bad chunk")
        body += chunk[:-2]
        if len(body) > MAX_BODY_BYTES:
            raise HttpError("body too large")
    raise HttpError("too many chunks")


async def _read_to_end(reader: asyncio.StreamReader) -> bytes:
    body = bytearray()
    for _ in range(MAX_CHUNKS):
        data = await reader.read(MAX_BODY_BYTES)
        if not data:
            return bytes(body)
        body += data
        if len(body) > MAX_BODY_BYTES:
            raise HttpError("body too large")
    raise HttpError("body in too many pieces")
