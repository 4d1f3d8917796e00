"""A push service stand-in on 127.0.0.1, run in a thread for the tests.

It checks what a real push service checks (the VAPID JWT: ES256 signature
against the installation's public key, ``aud`` and ``exp``) and what the
phone would do (decrypt the aes128gcm body with the device's private key),
and records every message. Answers can be scripted per device.
"""

from __future__ import annotations

import asyncio
import base64
import json
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

import http_ece
from aiohttp import web
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Device:
    """A browser's push subscription: key pair and auth secret made by the test."""

    name: str
    endpoint: str
    private_key: ec.EllipticCurvePrivateKey
    auth_secret: bytes

    @property
    def p256dh(self) -> str:
        point = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return b64url(point)

    @property
    def auth(self) -> str:
        return b64url(self.auth_secret)


@dataclass
class Received:
    device: str
    at: float
    headers: dict[str, str]
    payload: dict
    claims: dict


@dataclass
class PushServiceStandIn:
    vapid_public_pem: bytes
    vapid_public_b64: str
    delay: float = 0.0
    devices: dict[str, Device] = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)
    attempts: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    # device name -> answers to give first, as (status, headers); then 201.
    script: dict[str, list[tuple[int, dict[str, str]]]] = field(default_factory=dict)
    port: int = 0

    # -- devices -----------------------------------------------------------
    def new_device(self, name: str) -> Device:
        device = Device(
            name=name,
            endpoint=f"http://127.0.0.1:{self.port}/push/{name}",
            private_key=ec.generate_private_key(ec.SECP256R1()),
            auth_secret=time.time_ns().to_bytes(8, "big") + name.encode()[:8].ljust(8, b"."),
        )
        self.devices[name] = device
        return device

    def delivered_to(self, name: str) -> list[Received]:
        return [item for item in self.received if item.device == name]

    # -- checks ------------------------------------------------------------
    def _verify_vapid(self, authorization: str) -> dict:
        scheme, _, params = authorization.partition(" ")
        if scheme != "vapid":
            raise ValueError("not a vapid authorization")
        parts = dict(item.strip().split("=", 1) for item in params.split(","))
        if parts["k"] != self.vapid_public_b64:
            raise ValueError("k is not the installation's public key")
        head, body, signature = parts["t"].split(".")
        header = json.loads(unb64url(head))
        if header.get("alg") != "ES256":
            raise ValueError("alg is not ES256")
        raw = unb64url(signature)
        der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
        public = serialization.load_pem_public_key(self.vapid_public_pem)
        try:
            public.verify(der, f"{head}.{body}".encode(), ec.ECDSA(hashes.SHA256()))
        except InvalidSignature as error:
            raise ValueError("bad JWT signature") from error
        claims = json.loads(unb64url(body))
        if claims.get("aud") != f"http://127.0.0.1:{self.port}":
            raise ValueError("aud is not this push service's origin")
        now = time.time()
        if not now < claims.get("exp", 0) <= now + 24 * 3600:
            raise ValueError("exp not within 24 hours")
        if not str(claims.get("sub", "")).startswith(("mailto:", "https:")):
            raise ValueError("sub missing")
        return claims

    async def _handle(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        self.attempts[name].append(time.monotonic())
        body = await request.read()
        if self.delay:
            await asyncio.sleep(self.delay)
        scripted = self.script.get(name)
        if scripted:
            status, headers = scripted.pop(0)
            return web.Response(status=status, headers=headers)
        device = self.devices.get(name)
        if device is None:
            return web.Response(status=404)
        try:
            claims = self._verify_vapid(request.headers.get("Authorization", ""))
            if request.headers.get("Content-Encoding") != "aes128gcm":
                raise ValueError("not aes128gcm")
            plain = http_ece.decrypt(
                body,
                private_key=device.private_key,
                auth_secret=device.auth_secret,
                version="aes128gcm",
            )
            payload = json.loads(plain)
        except Exception as error:
            self.errors.append(f"{name}: {error}")
            return web.Response(status=400)
        self.received.append(
            Received(name, time.monotonic(), dict(request.headers), payload, claims)
        )
        return web.Response(status=201)

    # -- lifecycle ---------------------------------------------------------
    def start(self) -> None:
        ready = threading.Event()
        self._loop = asyncio.new_event_loop()

        async def serve() -> None:
            app = web.Application()
            app.router.add_post("/push/{name}", self._handle)
            self._runner = web.AppRunner(app, access_log=None)
            await self._runner.setup()
            site = web.TCPSite(self._runner, "127.0.0.1", 0)
            await site.start()
            self.port = site._server.sockets[0].getsockname()[1]
            ready.set()

        def run() -> None:
            asyncio.set_event_loop(self._loop)
            self._loop.run_until_complete(serve())
            self._loop.run_forever()

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("push receiver did not start")

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
