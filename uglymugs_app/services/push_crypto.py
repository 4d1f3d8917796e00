"""Message encryption (RFC 8291, aes128gcm) and VAPID authorisation (RFC 8292).

Encryption is pywebpush's; a VAPID token is signed once per push service
origin and reused until shortly before it expires, since signing for each of
thousands of messages to the same origin would be wasted work.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from py_vapid import Vapid02
from pywebpush import WebPusher

# Push services reject tokens valid for more than 24 hours.
TOKEN_LIFETIME_SECONDS = 12 * 60 * 60
# Re-sign this long before expiry, so no request carries an almost-dead token.
TOKEN_RENEW_MARGIN_SECONDS = 60 * 60


def encrypt_message(data: bytes, *, p256dh: str, auth: str) -> bytes:
    """Encrypt one message body for one browser's key pair (aes128gcm)."""
    pusher = WebPusher({"endpoint": "", "keys": {"p256dh": p256dh, "auth": auth}})
    return pusher.encode(data, content_encoding="aes128gcm")["body"]


def encrypt_many(items: list[tuple[bytes, str, str]]) -> list[bytes | None]:
    """Encrypt ``(data, p256dh, auth)`` items; None for one whose keys are unusable.

    Module-level so a process pool can run it: encryption is the costliest
    step of a delivery, and another core can do it while this one sends.
    """
    bodies: list[bytes | None] = []
    for data, p256dh, auth in items:
        try:
            bodies.append(encrypt_message(data, p256dh=p256dh, auth=auth))
        except Exception:
            bodies.append(None)
    return bodies


def audience(endpoint: str) -> str:
    """The VAPID ``aud`` claim: the push service's origin."""
    parts = urlsplit(endpoint)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass
class VapidSigner:
    """Signs and caches the ``Authorization: vapid t=...,k=...`` header per origin."""

    private_pem: str
    subject: str
    lifetime_seconds: int = TOKEN_LIFETIME_SECONDS
    _vapid: Vapid02 = field(init=False, repr=False)
    _cache: dict[str, tuple[str, float]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        key = serialization.load_pem_private_key(self.private_pem.encode(), password=None)
        self._vapid = Vapid02(private_key=key)

    def authorization(self, endpoint: str, *, now: float | None = None) -> str:
        """The Authorization header value for a request to ``endpoint``."""
        now = time.time() if now is None else now
        origin = audience(endpoint)
        cached = self._cache.get(origin)
        if cached and cached[1] - now > TOKEN_RENEW_MARGIN_SECONDS:
            return cached[0]
        expires = int(now) + self.lifetime_seconds
        header = self._vapid.sign({"aud": origin, "exp": expires, "sub": self.subject})
        self._cache[origin] = (header["Authorization"], expires)
        return header["Authorization"]
