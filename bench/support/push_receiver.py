"""A lean push service stand-in for the fan-out benchmark, on asyncio protocols.

It models only the remote service's latency: each request is answered
``201 Created`` after ``delay`` seconds, nothing is checked or decrypted (the
tests' receiver does that). It stays cheap so the benchmark measures the
sender and not the stand-in, which shares the machine's cores with it.

    python -m bench.support.push_receiver --delay 0.05  # prints its port; serves until stdin ends
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time

CREATED = b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"
REFUSED = b"HTTP/1.1 411 Length Required\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
MAX_HEAD = 64 * 1024


class PushServiceProtocol(asyncio.Protocol):
    """Reads requests with a ``Content-Length`` body; answers each after the delay."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.buffer = bytearray()
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        # Bounded: each pass consumes one whole request or stops.
        for _ in range(len(self.buffer)):
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                if len(self.buffer) > MAX_HEAD:
                    self._refuse()
                return
            head = bytes(self.buffer[:end]).lower()
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name == b"content-length" and value.strip().isdigit():
                    length = int(value)
                elif name == b"transfer-encoding":
                    return self._refuse()
            if len(self.buffer) < end + 4 + length:
                return
            del self.buffer[: end + 4 + length]
            asyncio.get_running_loop().call_later(self.delay, self._answer)

    def _answer(self) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(CREATED)

    def _refuse(self) -> None:
        if self.transport is not None:
            self.transport.write(REFUSED)
            self.transport.close()


async def _lean(delay: float) -> tuple[int, asyncio.AbstractServer]:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: PushServiceProtocol(delay), "127.0.0.1", 0, backlog=4096
    )
    return server.sockets[0].getsockname()[1], server


async def _aiohttp(delay: float):
    """The earlier stand-in, kept to compare: an aiohttp web application."""
    from aiohttp import web

    async def accept(request: web.Request) -> web.Response:
        await request.read()
        await asyncio.sleep(delay)
        return web.Response(status=201)

    app = web.Application()
    app.router.add_post("/push/{name}", accept)
    runner = web.AppRunner(app, access_log=None, handler_cancellation=True)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, backlog=4096)
    await site.start()
    return site._server.sockets[0].getsockname()[1], runner


def serve(delay: float, kind: str = "lean") -> None:
    """Print the port, serve until stdin reaches EOF, then print the CPU time used."""

    async def main() -> None:
        port, _server = await (_lean(delay) if kind == "lean" else _aiohttp(delay))
        print(port, flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
        print(f"{time.process_time():.2f}", flush=True)

    asyncio.run(main())


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=0.05)
    parser.add_argument("--kind", choices=("lean", "aiohttp"), default="lean")
    arguments = parser.parse_args()
    serve(arguments.delay, arguments.kind)
