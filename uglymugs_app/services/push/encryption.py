"""Message encryption (RFC 8291, aes128gcm) and VAPID authorisation (RFC 8292).

Encryption follows RFC 8291 directly on ``cryptography``: one ECDH per
message is the unavoidable cost, and doing only that (HKDF as three HMACs)
takes about half the CPU of pywebpush's general path. A VAPID token is signed
once per push service origin and reused until shortly before it expires,
since signing for each of thousands of messages to the same origin would be
wasted work.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import time
from dataclasses import dataclass, field

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from py_vapid import Vapid02

# Push services reject tokens valid for more than 24 hours.
TOKEN_LIFETIME_SECONDS = 12 * 60 * 60
# Re-sign this long before expiry, so no request carries an almost-dead token.
TOKEN_RENEW_MARGIN_SECONDS = 60 * 60


# One aes128gcm record holds the whole message: a push message is at most
# 4096 bytes, so this record size always suffices for what may be sent.
RECORD_SIZE = 4096
_CURVE = ec.SECP256R1()
_POINT = (serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)


def _unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _hmac(key: bytes, message: bytes) -> bytes:
    return hmac.digest(key, message, hashlib.sha256)


def encrypt_message(data: bytes, *, p256dh: str, auth: str) -> bytes:
    """Encrypt one message body for one browser's key pair (RFC 8291, aes128gcm).

    Raises ``ValueError`` for keys that are not a P-256 point and a 16-byte
    secret, or a message too long for one record.
    """
    browser_public = _unb64url(p256dh)
    auth_secret = _unb64url(auth)
    if len(auth_secret) != 16 or len(data) + 17 > RECORD_SIZE:
        raise ValueError("unusable auth secret or message too long")
    browser_key = ec.EllipticCurvePublicKey.from_encoded_point(_CURVE, browser_public)
    own_key = ec.generate_private_key(_CURVE)
    own_public = own_key.public_key().public_bytes(*_POINT)
    shared = own_key.exchange(ec.ECDH(), browser_key)
    # HKDF with SHA-256: extract is one HMAC, expand to <= 32 bytes is one more.
    key_info = b"WebPush: info\x00" + browser_public + own_public
    ikm = _hmac(_hmac(auth_secret, shared), key_info + b"\x01")
    salt = os.urandom(16)
    prk = _hmac(salt, ikm)
    content_key = _hmac(prk, b"Content-Encoding: aes128gcm\x00\x01")[:16]
    nonce = _hmac(prk, b"Content-Encoding: nonce\x00\x01")[:12]
    # \x02 marks the last (here the only) record; no padding.
    record = AESGCM(content_key).encrypt(nonce, data + b"\x02", None)
    header = salt + RECORD_SIZE.to_bytes(4, "big") + bytes([len(own_public)]) + own_public
    return header + record


def audience(endpoint: str) -> str:
    """The VAPID ``aud`` claim: the push service's origin (``scheme://host[:port]``).

    Split by hand rather than with ``urlsplit``: it runs for each of
    thousands of messages, and endpoints were validated when stored.
    """
    scheme, _, rest = endpoint.partition("://")
    for mark in "/?#":
        rest = rest.partition(mark)[0]
    return f"{scheme.lower()}://{rest}"


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
