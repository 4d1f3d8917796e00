"""Blind indexes and field encryption: what makes a leaked database useless.

- A blind index is HMAC-SHA256 under the installation's index key over
  ``kind:normalised value``. Equal identifiers give equal indexes, so reports
  link and checks match, but without the key nobody can test a guess. Each
  index is stored beside the id of its key; after a rotation lookups compute
  the index under every key id still present.
- Values and narratives are sealed with AES-GCM under the field key: a random
  96-bit nonce, and associated data naming the field, so a ciphertext copied
  into another column fails to open. Output: ``v1:<key id>:<base64>``. Push
  subscriptions (endpoint and keys) use the same scheme; rows sealed before
  they joined it still open (see ``_open_legacy_push``).
- A push endpoint is found by a keyed hash (``endpoint_index``), so a
  subscription is unique and found without opening every row.

The keys come from ``InstanceSecrets`` (the instance folder), never the database.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from functools import lru_cache
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from uglymugs_app.services.identifiers.kinds import Identifier
from uglymugs_app.services.security.instance_secrets import InstanceSecrets

VERSION = "v1"
NONCE_BYTES = 12
# The columns of a push subscription, sealed as ``field_crypto`` seals any field.
PUSH_ENDPOINT = "push_subscription.endpoint"
PUSH_P256DH = "push_subscription.p256dh"
PUSH_AUTH = "push_subscription.auth"
# A member's address for notifications by e-mail (an e-mail subscription).
NOTIFY_EMAIL = "push_subscription.email"


class FieldCryptoError(Exception):
    """A sealed value is malformed, was tampered with, or needs a key we lack."""


def blind_index(
    *, secrets: InstanceSecrets, identifier: Identifier, key_id: str | None = None
) -> tuple[str, str]:
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
    return [
        blind_index(secrets=secrets, identifier=identifier, key_id=kid)
        for kid in sorted(secrets.index_keys)
    ]


def member_ref(*, secrets: InstanceSecrets, member_id: int) -> str:
    """A keyed pseudonym of a member, so her reports link to her without naming her.

    Derived from the field key (not the index key), so rotating the index key
    never orphans a worker from her own reports. A leaked database alone
    cannot tell which member made which report.
    """
    key = hmac.new(secrets.field_key, b"uglymugs member reference v1", hashlib.sha256).digest()
    return hmac.new(key, f"member:{member_id}".encode(), hashlib.sha256).hexdigest()


def endpoint_index(*, secrets: InstanceSecrets, endpoint: str) -> str:
    """Keyed hash (hex) of a push endpoint URL, stable across restarts."""
    return hmac.new(
        _derived(secrets.field_key, b"uglymugs push endpoint index v1"),
        endpoint.encode(),
        hashlib.sha256,
    ).hexdigest()


def email_index(*, secrets: InstanceSecrets, member_id: int, address: str) -> str:
    """Keyed hash (hex) of one member's notification address.

    The member is part of it: two members may give the same address, and
    adding an address reveals nothing about whether someone else has it.
    """
    return hmac.new(
        _derived(secrets.field_key, b"uglymugs notification email index v1"),
        f"{member_id}:{address}".encode(),
        hashlib.sha256,
    ).hexdigest()


def purpose_index(*, secrets: InstanceSecrets, purpose: str, value: str) -> str:
    """Keyed hash (hex) of a value for one purpose (e.g. an applicant's ad link),
    derived from the field key: equal values match, the value is not stored."""
    return hmac.new(
        _derived(secrets.field_key, f"uglymugs {purpose} index v1".encode()),
        value.encode(),
        hashlib.sha256,
    ).hexdigest()


def field_key_id(secrets: InstanceSecrets) -> str:
    """A short fingerprint of the field key: a wrong or rotated key is detected."""
    return _key_id(secrets.field_key)


def encrypt(*, secrets: InstanceSecrets, field: str, plaintext: str) -> str:
    """Seal ``plaintext`` for the column named ``field`` (e.g. ``report.narrative``)."""
    nonce = os.urandom(NONCE_BYTES)
    sealed = _cipher(secrets.field_key).encrypt(nonce, plaintext.encode(), field.encode())
    payload = base64.urlsafe_b64encode(nonce + sealed).decode()
    return f"{VERSION}:{field_key_id(secrets)}:{payload}"


def decrypt(*, secrets: InstanceSecrets, field: str, token: str) -> str:
    """Open a value sealed by ``encrypt`` for the same ``field``."""
    return decrypt_with_key(secrets.field_key, field=field, token=token)


def decrypt_with_key(field_key: bytes, *, field: str, token: str) -> str:
    """``decrypt`` given the field key alone: what a worker process is handed
    (the push sender's pool opens addresses without the other instance keys)."""
    version, _, rest = token.partition(":")
    kid, _, payload = rest.partition(":")
    if version != VERSION and field in _LEGACY_PUSH_FIELDS:
        return _open_legacy_push(field_key, field, token)
    if version != VERSION or not payload:
        raise FieldCryptoError("malformed sealed value")
    if kid != _key_id(field_key):
        raise FieldCryptoError("sealed under another field key")
    try:
        raw = base64.urlsafe_b64decode(payload.encode())
        plain = _cipher(field_key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], field.encode())
    except (InvalidTag, ValueError):
        raise FieldCryptoError("sealed value does not open") from None
    return plain.decode()


def encrypt_json(*, secrets: InstanceSecrets, field: str, data: object) -> str:
    """Seal a JSON-serialisable value (appearance, wishes)."""
    return encrypt(secrets=secrets, field=field, plaintext=json.dumps(data, sort_keys=True))


def decrypt_json(*, secrets: InstanceSecrets, field: str, token: str) -> dict[str, Any]:
    """Open a JSON object sealed by ``encrypt_json`` (appearance, wishes)."""
    return json.loads(decrypt(secrets=secrets, field=field, token=token))


# Push subscriptions stored before they joined this scheme: plain base64 of
# nonce + ciphertext (no version or key id), under a key derived from the
# field key, with the bare column name as associated data. Read, never
# written: a device that subscribes again is stored in the current format.
_LEGACY_PUSH_FIELDS = {PUSH_ENDPOINT: "endpoint", PUSH_P256DH: "p256dh", PUSH_AUTH: "auth"}


def _open_legacy_push(field_key: bytes, field: str, token: str) -> str:
    try:
        raw = base64.b64decode(token, validate=True)
        key = _derived(field_key, b"uglymugs push subscription seal v1")
        plain = _cipher(key).decrypt(
            raw[:NONCE_BYTES], raw[NONCE_BYTES:], _LEGACY_PUSH_FIELDS[field].encode()
        )
    except (InvalidTag, ValueError):
        raise FieldCryptoError("sealed value does not open") from None
    return plain.decode()


# Keys and ciphers are built once per key: the push sender opens three
# fields for each of thousands of deliveries.
@lru_cache(maxsize=8)
def _cipher(key: bytes) -> AESGCM:
    return AESGCM(key)


@lru_cache(maxsize=8)
def _key_id(field_key: bytes) -> str:
    return hmac.new(field_key, b"field-key-id", hashlib.sha256).hexdigest()[:8]


@lru_cache(maxsize=8)
def _derived(field_key: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(field_key)
