"""The sender's transport (aiohttp) against scripted servers on 127.0.0.1."""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
import ssl
from collections.abc import Awaitable, Callable

import aiohttp
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.fixtures.app import run_async
from uglymugs_app.services.push.encryption import audience
from uglymugs_app.services.push.transport import AiohttpTransport, TransportError

# Reads one request (head and Content-Length body), writes an answer.
Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter, bytes], Awaitable[bool]]


async def _read_request(reader: asyncio.StreamReader) -> bytes | None:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except (asyncio.IncompleteReadError, ConnectionError):
        return None
    length = 0
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.lower() == b"content-length":
            length = int(value)
    return head + await reader.readexactly(length)


class Server:
    """Counts connections (and the most open at once) and requests.

    ``handler`` answers; it returns False to hang up.
    """

    def __init__(self, handler: Handler, *, tls: ssl.SSLContext | None = None) -> None:
        self.handler = handler
        self.tls = tls
        self.connections = 0
        self.open = 0
        self.most_open = 0
        self.requests: list[bytes] = []

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        self.open += 1
        self.most_open = max(self.most_open, self.open)
        try:
            for _ in range(100):
                request = await _read_request(reader)
                if request is None:
                    break
                self.requests.append(request)
                if not await self.handler(reader, writer, request):
                    break
        finally:
            self.open -= 1
            writer.close()

    async def __aenter__(self) -> str:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0, ssl=self.tls)
        port = self.server.sockets[0].getsockname()[1]
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{port}"

    async def __aexit__(self, *exc) -> None:
        self.server.close()


def _answer(raw: bytes, *, keep: bool = True, delay: float = 0.0) -> Handler:
    async def handler(_reader, writer, _request) -> bool:
        await asyncio.sleep(delay)
        writer.write(raw)
        await writer.drain()
        return keep

    return handler


CREATED = b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"
HEADERS = {"TTL": "60", "Topic": "warning-1"}


def test_requests_reuse_one_keep_alive_connection_and_carry_only_what_a_push_service_reads():
    answer = b"HTTP/1.1 201 Created\r\nSet-Cookie: track=me\r\nContent-Length: 0\r\n\r\n"

    async def scenario() -> Server:
        server = Server(_answer(answer))
        async with server as base:
            transport = AiohttpTransport(connections_per_service=4, timeout=5)
            # By name: a cookie jar would keep no cookie for an IP address anyway.
            by_name = base.replace("127.0.0.1", "localhost")
            for number in range(5):
                sent = await transport.post(
                    f"{by_name}/push/d{number}?x=1#frag",
                    headers={**HEADERS, "Content-Type": "application/octet-stream"},
                    body=b"sealed",
                )
                assert (sent.status, sent.retry_after) == (201, None)
            await transport.close()
        return server

    server = run_async(scenario())
    assert server.connections == 1
    first = server.requests[0]
    assert first.startswith(b"POST /push/d0?x=1 HTTP/1.1\r\n")
    head, _, body = first.partition(b"\r\n\r\n")
    names = {line.split(b":")[0].lower() for line in head.split(b"\r\n")[1:]}
    assert names == {b"host", b"ttl", b"topic", b"content-type", b"content-length"}
    assert b"\r\nTTL: 60\r\nTopic: warning-1\r\n" in head
    assert body == b"sealed"
    assert all(b"track=me" not in request for request in server.requests), "cookie sent back"


def test_chunked_answer_gives_status_and_retry_after_and_keeps_the_connection():
    raw = (
        b"HTTP/1.1 429 Too Many Requests\r\nRetry-After: 7\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"5;ext=1\r\nslow \r\n5\r\ndown!\r\n0\r\nX-Trailer: t\r\n\r\n"
    )

    async def scenario() -> tuple[list, Server]:
        server = Server(_answer(raw))
        async with server as base:
            transport = AiohttpTransport(connections_per_service=2, timeout=5)
            answers = [await transport.post(f"{base}/p", headers={}, body=b"") for _ in range(2)]
            await transport.close()
        return answers, server

    answers, server = run_async(scenario())
    assert [(answer.status, answer.retry_after) for answer in answers] == [(429, "7")] * 2
    assert server.connections == 1, "a fully read chunked body leaves the connection usable"


def test_connection_close_and_server_hanging_up_open_a_new_connection():
    closing = b"HTTP/1.1 201 Created\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok"
    until_close = b"HTTP/1.0 201 Created\r\n\r\nbody runs until the server closes"

    async def scenario() -> tuple[Server, Server, Server]:
        told = Server(_answer(closing))
        silent = Server(_answer(CREATED, keep=False))  # closes without saying so
        old = Server(_answer(until_close, keep=False))
        async with told as told_base, silent as silent_base, old as old_base:
            transport = AiohttpTransport(connections_per_service=2, timeout=5)
            for _ in range(3):
                for base in (told_base, silent_base, old_base):
                    assert (await transport.post(f"{base}/p", headers={}, body=b"")).status == 201
                await asyncio.sleep(0.05)  # let the hang-up arrive before the next request
            await transport.close()
        return told, silent, old

    told, silent, old = run_async(scenario())
    assert (told.connections, silent.connections, old.connections) == (3, 3, 3)


def test_connections_to_one_push_service_are_bounded():
    async def scenario() -> tuple[list, Server]:
        server = Server(_answer(CREATED, delay=0.1))
        async with server as base:
            transport = AiohttpTransport(connections_per_service=2, timeout=5)
            answers = await asyncio.gather(
                *(transport.post(f"{base}/p{n}", headers={}, body=b"") for n in range(6))
            )
            await transport.close()
        return answers, server

    answers, server = run_async(scenario())
    assert [answer.status for answer in answers] == [201] * 6
    assert (server.most_open, server.connections) == (2, 2)


def test_redirects_are_not_followed():
    async def scenario() -> tuple[int, Server]:
        elsewhere = Server(_answer(CREATED))
        async with elsewhere as other_base:
            moved = f"HTTP/1.1 307 Temporary Redirect\r\nLocation: {other_base}/p\r\n"
            redirecting = Server(_answer(f"{moved}Content-Length: 0\r\n\r\n".encode()))
            async with redirecting as base:
                transport = AiohttpTransport(connections_per_service=1, timeout=5)
                status = (await transport.post(f"{base}/p", headers={}, body=b"x")).status
                await transport.close()
        return status, elsewhere

    status, elsewhere = run_async(scenario())
    assert status == 307
    assert elsewhere.requests == []


def test_server_closing_mid_answer_is_a_transport_error_and_frees_the_connection():
    async def scenario() -> None:
        async with Server(_answer(b"HTTP/1.1 201 Created\r\nContent-Le", keep=False)) as base:
            transport = AiohttpTransport(connections_per_service=1, timeout=5)
            async with asyncio.timeout(3):  # the second post is not stuck behind the first
                for _ in range(2):
                    with pytest.raises(TransportError):
                        await transport.post(f"{base}/p", headers={}, body=b"")
            await transport.close()

    run_async(scenario())


def test_refused_connection_is_a_transport_error():
    async def scenario() -> None:
        server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        server.close()
        await server.wait_closed()
        transport = AiohttpTransport(connections_per_service=1, timeout=5)
        with pytest.raises(TransportError):
            await transport.post(f"http://127.0.0.1:{port}/p", headers={}, body=b"")
        await transport.close()

    run_async(scenario())


def test_slow_server_times_out_and_its_connection_is_not_reused():
    async def scenario() -> Server:
        server = Server(_answer(CREATED, delay=1))
        async with server as base:
            transport = AiohttpTransport(connections_per_service=1, timeout=0.2)
            loop = asyncio.get_running_loop()
            started = loop.time()
            with pytest.raises(TransportError):
                await transport.post(f"{base}/p", headers={}, body=b"")
            assert loop.time() - started < 0.9
            server.handler = _answer(CREATED)
            assert (await transport.post(f"{base}/p", headers={}, body=b"")).status == 201
            await transport.close()
        return server

    assert run_async(scenario()).connections == 2


def _self_signed(tmp_path) -> ssl.SSLContext:
    """A server context with a certificate for 127.0.0.1 that nobody trusts."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    (tmp_path / "cert.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    return context


def test_a_push_service_with_an_untrusted_certificate_gets_nothing(tmp_path):
    async def scenario() -> tuple[TransportError, Server]:
        server = Server(_answer(CREATED), tls=_self_signed(tmp_path))
        async with server as base:
            transport = AiohttpTransport(connections_per_service=1, timeout=5)
            with pytest.raises(TransportError) as refused:
                await transport.post(f"{base}/p", headers={}, body=b"sealed")
            await transport.close()
        return refused.value, server

    error, server = run_async(scenario())
    assert isinstance(error.__cause__, aiohttp.ClientConnectorCertificateError)
    assert server.requests == []


def test_header_injection_other_schemes_and_users_are_refused():
    async def scenario() -> Server:
        server = Server(_answer(CREATED))
        async with server as base:
            transport = AiohttpTransport(connections_per_service=1, timeout=1)
            with pytest.raises(ValueError):
                await transport.post(f"{base}/p", headers={"Topic": "a\r\nX: y"}, body=b"")
            for url in ("ftp://127.0.0.1/p", "http://user@127.0.0.1/p", "http:///p"):
                with pytest.raises(ValueError):
                    await transport.post(url, headers={}, body=b"")
            # A line break in the URL cannot add a header either.
            await transport.post(f"{base}/p\r\nX: y", headers={}, body=b"")
            await transport.close()
        return server

    server = run_async(scenario())
    (request,) = server.requests
    assert b"\r\nX: y\r\n" not in request and b"\r\nx: y\r\n" not in request.lower()
    assert audience("HTTPS://push.example:8443?a=b#c") == "https://push.example:8443"


def test_an_answer_arriving_in_pieces_after_100_continue_is_read_whole():
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
            transport = AiohttpTransport(connections_per_service=1, timeout=5)
            answers = [await transport.post(f"{base}/p", headers={}, body=b"") for _ in range(2)]
            await transport.close()
        return answers, server

    answers, server = run_async(scenario())
    assert [answer.status for answer in answers] == [201, 201]
    assert server.connections == 1


@pytest.mark.parametrize(
    "raw",
    [
        b"SMTP 220 hello\r\n\r\n",
        b"HTTP/1.1 201 Created\r\n" + b"X: y\r\n" * 20_000 + b"\r\n",
        b"HTTP/1.1 201 Created\r\nContent-Length: 2000000\r\n\r\n" + b"x" * 2_000_000,
    ],
    ids=["not-http", "endless-head", "huge-body"],
)
def test_what_is_not_a_push_service_answer_is_a_transport_error(raw):
    async def scenario() -> None:
        async with Server(_answer(raw, keep=False)) as base:
            transport = AiohttpTransport(connections_per_service=1, timeout=5)
            with pytest.raises(TransportError):
                await transport.post(f"{base}/p", headers={}, body=b"")
            await transport.close()

    run_async(scenario())
