"""Sealing of push subscription data at rest.

A push endpoint addresses one phone at one push vendor: personal data. It is
stored AES-GCM sealed under a key derived from the instance field key, with a
keyed hash beside it so a subscription can be found and kept unique by
endpoint without decrypting every row. A leaked database alone reveals no
endpoint; the keys live in the instance folder.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass
from functools import cached_property

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from uglymugs_app.services.security.instance_secrets import InstanceSecrets

_NONCE_BYTES = 12


def _derive(field_key: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(field_key)


@dataclass(frozen=True)
class SubscriptionSealer:
    """Seals and opens subscription fields; one instance per process is enough."""

    cipher_key: bytes
    index_key: bytes

    @classmethod
    def from_secrets(cls, secrets: InstanceSecrets) -> SubscriptionSealer:
        """Derive this purpose's keys, so the field key itself is never used twice."""
        return cls(
            cipher_key=_derive(secrets.field_key, b"uglymugs push subscription seal v1"),
            index_key=_derive(secrets.field_key, b"uglymugs push endpoint index v1"),
        )

    @cached_property
    def _cipher(self) -> AESGCM:
        # Built once: the sender opens three fields for each of thousands of entries.
        return AESGCM(self.cipher_key)

    def endpoint_index(self, endpoint: str) -> str:
        """Keyed hash of an endpoint URL (hex), stable across restarts."""
        return hmac.new(self.index_key, endpoint.encode(), hashlib.sha256).hexdigest()

    def seal(self, value: str, *, field: str) -> str:
        """Encrypt a value; ``field`` binds it to its column so values cannot be swapped."""
        nonce = os.urandom(_NONCE_BYTES)
        sealed = self._cipher.encrypt(nonce, value.encode(), field.encode())
        return base64.b64encode(nonce + sealed).decode()

    def open(self, sealed: str, *, field: str) -> str:
        """Decrypt a sealed value; raises ``InvalidTag`` if it was tampered with."""
        raw = base64.b64decode(sealed)
        nonce, body = raw[:_NONCE_BYTES], raw[_NONCE_BYTES:]
        return self._cipher.decrypt(nonce, body, field.encode()).decode()
