"""Blind indexes and field encryption: what makes a leaked database useless.

- A blind index is HMAC-SHA256 under the installation's index key over
  ``kind:normalised value``. Equal identifiers give equal indexes, so reports
  link and checks match, but without the key nobody can test a guess. Each
  index is stored beside the id of its key; after a rotation lookups compute
  the index under every key id still present.
- Values and narratives are sealed with AES-GCM under the field key: a random
  96-bit nonce, and associated data naming the field, so a ciphertext copied
  into another column fails to open. Output: ``v1:<key id>:<base64>``.

The keys come from ``InstanceSecrets`` (the instance folder), never the database.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from uglymugs_app.services.identifiers.kinds import Identifier
from uglymugs_app.services.security.instance_secrets import InstanceSecrets

VERSION = "v1"
NONCE_BYTES = 12


class FieldCryptoError(Exception):
    """A sealed value is malformed, was tampered with, or needs a key we lack."""


def blind_index(*, secrets: InstanceSecrets, identifier: Identifier,
                key_id: str | None = None) -> tuple[str, str]:
    """``(key_id, hex index)`` of an identifier; the current key unless ``key_id``."""
    kid = key_id or secrets.index_key_id
    try:
        key = secrets.index_keys[kid]
    except KeyError:
        raise FieldCryptoError("unknown index key id") from None
    message = f"{identifier.kind.value}:{identifier.value}".encode()
    return kid, hmac.new(key, message, hashlib.sha256).hexdigest()


def blind_indexes(*, secrets: InstanceSecrets, identifier: Identifier) -> list[tuple[str, str]]:
    """The index under every key id present, for lookups across a key rotation."""
    return [blind_index(secrets=secrets, identifier=identifier, key_id=kid)
            for kid in sorted(secrets.index_keys)]


def member_ref(*, secrets: InstanceSecrets, member_id: int) -> str:
    """A keyed pseudonym of a member, so her reports link to her without naming her.

    Derived from the field key (not the index key), so rotating the index key
    never orphans a worker from her own reports. A leaked database alone
    cannot tell which member made which report.
    """
    key = hmac.new(secrets.field_key, b"uglymugs member reference v1", hashlib.sha256).digest()
    return hmac.new(key, f"member:{member_id}".encode(), hashlib.sha256).hexdigest()


def field_key_id(secrets: InstanceSecrets) -> str:
    """A short fingerprint of the field key: a wrong or rotated key is detected."""
    return hmac.new(secrets.field_key, b"field-key-id", hashlib.sha256).hexdigest()[:8]


def encrypt(*, secrets: InstanceSecrets, field: str, plaintext: str) -> str:
    """Seal ``plaintext`` for the column named ``field`` (e.g. ``report.narrative``)."""
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(secrets.field_key).encrypt(nonce, plaintext.encode(), field.encode())
    payload = base64.urlsafe_b64encode(nonce + sealed).decode()
    return f"{VERSION}:{field_key_id(secrets)}:{payload}"


def decrypt(*, secrets: InstanceSecrets, field: str, token: str) -> str:
    """Open a value sealed by ``encrypt`` for the same ``field``."""
    version, _, rest = token.partition(":")
    kid, _, payload = rest.partition(":")
    if version != VERSION or not payload:
        raise FieldCryptoError("malformed sealed value")
    if kid != field_key_id(secrets):
        raise FieldCryptoError("sealed under another field key")
    try:
        raw = base64.urlsafe_b64decode(payload.encode())
        plain = AESGCM(secrets.field_key).decrypt(
            raw[:NONCE_BYTES], raw[NONCE_BYTES:], field.encode())
    except (InvalidTag, ValueError):
        raise FieldCryptoError("sealed value does not open") from None
    return plain.decode()


def encrypt_json(*, secrets: InstanceSecrets, field: str, data: object) -> str:
    """Seal a JSON-serialisable value (appearance, wishes)."""
    return encrypt(secrets=secrets, field=field, plaintext=json.dumps(data, sort_keys=True))


def decrypt_json(*, secrets: InstanceSecrets, field: str, token: str) -> dict[str, Any]:
    """Open a JSON object sealed by ``encrypt_json`` (appearance, wishes)."""
    return json.loads(decrypt(secrets=secrets, field=field, token=token))
