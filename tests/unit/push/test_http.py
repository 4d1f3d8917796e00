"""The sender's HTTP/1.1 client against a scripted server on 127.0.0.1."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest

from tests.fixtures.app import run_async
from uglymugs_app.services.push.http_client import HttpClient, HttpError, parse_response, split_url

# Reads one request (head and Content-Length body), writes an answer.
Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter, bytes], Awaitable[bool]]


async def _read_request(reader: asyncio.StreamReader) -> bytes | None:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        return None
    length = 0
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.lower() == b"content-length":
            length = int(value)
    return head + await reader.readexactly(length)


class Server:
    """Counts connections and requests; ``handler`` answers, returns False to hang up."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.connections = 0
        self.requests: list[bytes] = []

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            for _ in range(100):
                request = await _read_request(reader)
                if request is None:
                    break
                self.requests.append(request)
                if not await self.handler(reader, writer, request):
                    break
        finally:
            writer.close()

    async def __aenter__(self) -> str:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        port = self.server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    async def __aexit__(self, *exc) -> None:
        self.server.close()


def _answer(raw: bytes, *, keep: bool = True) -> Handler:
    async def handler(_reader, writer, _request) -> bool:
        writer.write(raw)
        await writer.drain()
        return keep

    return handler


CREATED = b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"
HEADERS = (("TTL", "60"), ("Topic", "warning-1"))


def test_requests_reuse_one_keep_alive_connection_and_are_framed():
    async def scenario() -> Server:
        server = Server(_answer(CREATED))
        async with server as base:
            client = HttpClient(max_connections=4, timeout=5)
            for number in range(5):
                response = await client.post(
                    f"{base}/push/d{number}?x=1#frag", headers=HEADERS, body=b"sealed"
                )
                assert response.status == 201
            await client.close()
        return server

    server = run_async(scenario())
    assert server.connections == 1
    first = server.requests[0]
    assert first.startswith(b"POST /push/d0?x=1 HTTP/1.1\r\nHost: 127.0.0.1:")
    assert b"\r\nTTL: 60\r\nTopic: warning-1\r\nContent-Length: 6\r\n\r\nsealed" in first


def test_chunked_body_and_headers_are_read():
    raw = (
        b"HTTP/1.1 429 Too Many Requests\r\nRetry-After: 7\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"5;ext=1\r\nslow \r\n5\r\ndown!\r\n0\r\nX-Trailer: t\r\n\r\n"
    )

    async def scenario() -> tuple[list, Server]:
        server = Server(_answer(raw))
        async with server as base:
            client = HttpClient(max_connections=2, timeout=5)
            answers = [await client.post(f"{base}/p", headers=(), body=b"") for _ in range(2)]
            await client.close()
        return answers, server

    answers, server = run_async(scenario())
    for response in answers:
        assert (response.status, response.body) == (429, b"slow down!")
        assert response.headers["retry-after"] == "7"
    assert server.connections == 1, "a fully read chunked body leaves the connection usable"


def test_connection_close_and_server_hanging_up_open_a_new_connection():
    closing = b"HTTP/1.1 201 Created\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok"

    async def scenario() -> tuple[Server, Server]:
        told = Server(_answer(closing))
        silent = Server(_answer(CREATED, keep=False))  # closes without saying so
        async with told as told_base, silent as silent_base:
            client = HttpClient(max_connections=2, timeout=5)
            for _ in range(3):
                assert (await client.post(f"{told_base}/p", headers=(), body=b"")).body == b"ok"
                assert (await client.post(f"{silent_base}/p", headers=(), body=b"")).status == 201
                await asyncio.sleep(0.05)  # let the hang-up arrive before the next request
            await client.close()
        return told, silent

    told, silent = run_async(scenario())
    assert (told.connections, silent.connections) == (3, 3)


def test_server_closing_mid_response_is_an_http_error():
    async def scenario() -> None:
        async with Server(_answer(b"HTTP/1.1 201 Created\r\nContent-Le", keep=False)) as base:
            client = HttpClient(max_connections=1, timeout=5)
            with pytest.raises(HttpError):
                await client.post(f"{base}/p", headers=(), body=b"")
            # The slot was given back: the next request is not blocked.
            with pytest.raises(HttpError):
                await client.post(f"{base}/p", headers=(), body=b"")
            await client.close()

    run_async(scenario())


def test_refused_connection_is_an_http_error():
    async def scenario() -> None:
        server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        server.close()
        await server.wait_closed()
        client = HttpClient(max_connections=1, timeout=5)
        with pytest.raises(HttpError):
            await client.post(f"http://127.0.0.1:{port}/p", headers=(), body=b"")

    run_async(scenario())


def test_slow_server_times_out_and_its_connection_is_not_reused():
    async def slow(_reader, writer, _request) -> bool:
        await asyncio.sleep(1)
        writer.write(CREATED)
        return True

    async def scenario() -> Server:
        server = Server(slow)
        async with server as base:
            client = HttpClient(max_connections=1, timeout=0.2)
            loop = asyncio.get_running_loop()
            started = loop.time()
            with pytest.raises(TimeoutError):
                await client.post(f"{base}/p", headers=(), body=b"")
            assert loop.time() - started < 0.9
            server.handler = _answer(CREATED)
            assert (await client.post(f"{base}/p", headers=(), body=b"")).status == 201
            await client.close()
        return server

    assert run_async(scenario()).connections == 2


def test_header_injection_and_other_schemes_are_refused():
    async def scenario() -> None:
        client = HttpClient(max_connections=1, timeout=1)
        with pytest.raises(ValueError):
            await client.post("http://127.0.0.1:9/p", headers=(("Topic", "a\r\nX: y"),), body=b"")
        with pytest.raises(ValueError):
            await client.post("ftp://127.0.0.1/p", headers=(), body=b"")
        with pytest.raises(ValueError):
            await client.post("http://user@127.0.0.1/p", headers=(), body=b"")

    run_async(scenario())
    assert split_url("HTTPS://push.example:8443?a=b#c") == ("https", "push.example:8443", "/?a=b")


def test_a_response_arriving_in_pieces_is_read_whole():
    raw = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 4\r\n\r\ndone"

    async def trickle(_reader, writer, _request) -> bool:
        for at in range(0, len(raw), 7):
            writer.write(raw[at : at + 7])
            await writer.drain()
            await asyncio.sleep(0.005)
        return True

    async def scenario() -> tuple[list, Server]:
        server = Server(trickle)
        async with server as base:
            client = HttpClient(max_connections=1, timeout=5)
            answers = [await client.post(f"{base}/p", headers=(), body=b"") for _ in range(2)]
            await client.close()
        return answers, server

    answers, server = run_async(scenario())
    assert [(answer.status, answer.body) for answer in answers] == [(201, b"done")] * 2
    assert server.connections == 1


def test_parse_response_waits_for_the_whole_answer_and_refuses_garbage():
    whole = b"HTTP/1.1 410 Gone\r\nContent-Length: 3\r\n\r\nbye"
    for cut in range(len(whole)):
        assert parse_response(whole[:cut], at_eof=False) is None
    response, keep, used = parse_response(whole + b"extra", at_eof=False)
    assert (response.status, response.body, keep, used) == (410, b"bye", True, len(whole))
    until_close = b"HTTP/1.0 201 Created\r\n\r\nbody"
    assert parse_response(until_close, at_eof=False) is None
    response, keep, _ = parse_response(until_close, at_eof=True)
    assert (response.body, keep) == (b"body", False)
    with pytest.raises(HttpError):
        parse_response(b"SMTP 220 hello\r\n\r\n", at_eof=False)
    with pytest.raises(HttpError):
        parse_response(b"HTTP/1.1 200 OK\r\n" + b"X: y\r\n" * 20_000, at_eof=False)
