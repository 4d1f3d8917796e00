"""The installation's secrets: generated once, kept in the instance folder.

The keys never live in the database: a leaked database without the instance
folder reveals no identifier. Losing the index key means no check can ever
match an earlier report again, so the folder must be in every backup.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

SECRETS_FILE = "secrets.json"
REQUIRED = ("session_key", "index_keys", "index_key_id", "field_key", "vapid_private_pem")
# Made whenever missing, in production too: a new OPRF key orphans nothing,
# the check table is rebuilt from the sealed identifiers (services/private_check).
REGENERABLE = ("oprf_keys", "oprf_key_id")


class MissingSecretsError(RuntimeError):
    """Raised in production when the instance folder lacks a secret."""


@dataclass(frozen=True)
class InstanceSecrets:
    session_key: bytes
    index_keys: dict[str, bytes]
    index_key_id: str
    field_key: bytes
    vapid_private_pem: str
    # The private check's OPRF key seeds (RFC 9497 DeriveKeyPair), by key id.
    oprf_keys: dict[str, bytes] = field(default_factory=lambda: {"1": secrets.token_bytes(32)})
    oprf_key_id: str = "1"

    @property
    def index_key(self) -> bytes:
        return self.index_keys[self.index_key_id]

    @property
    def oprf_seed(self) -> bytes:
        return self.oprf_keys[self.oprf_key_id]

    @property
    def vapid_public_key(self) -> str:
        """The application server key a browser needs to subscribe (base64url)."""
        private = serialization.load_pem_private_key(self.vapid_private_pem.encode(), password=None)
        point = private.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return base64.urlsafe_b64encode(point).rstrip(b"=").decode()


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def _new_vapid_pem() -> str:
    key = ec.generate_private_key(ec.SECP256R1())
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def _generators() -> dict[str, Callable[[], object]]:
    return {
        "session_key": lambda: _b64(secrets.token_bytes(32)),
        "index_keys": lambda: {"1": _b64(secrets.token_bytes(32))},
        "index_key_id": lambda: "1",
        "field_key": lambda: _b64(secrets.token_bytes(32)),
        "vapid_private_pem": _new_vapid_pem,
        "oprf_keys": lambda: {"1": _b64(secrets.token_bytes(32))},
        "oprf_key_id": lambda: "1",
    }


def _write_private(path: Path, text: str) -> None:
    """Write a file readable by its owner only, atomically."""
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def ensure_secrets(instance_dir: Path, *, allow_generate: bool) -> InstanceSecrets:
    """Load the secrets, generating any that are missing when allowed.

    Existing secrets are never replaced. In production ``allow_generate`` is
    False and a missing secret stops the start-up instead of silently
    creating a key that would orphan every stored identifier.
    """
    path = instance_dir / SECRETS_FILE
    stored: dict = json.loads(path.read_text()) if path.exists() else {}
    missing = [name for name in REQUIRED if name not in stored]
    if missing and not allow_generate:
        raise MissingSecretsError(f"instance secrets missing in {path}: {', '.join(missing)}")
    missing += [name for name in REGENERABLE if name not in stored]
    if missing:
        instance_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(instance_dir, 0o700)
        generators = _generators()
        for name in missing:
            stored[name] = generators[name]()
        _write_private(path, json.dumps(stored, indent=2))
    return InstanceSecrets(
        session_key=base64.b64decode(stored["session_key"]),
        index_keys={kid: base64.b64decode(v) for kid, v in stored["index_keys"].items()},
        index_key_id=stored["index_key_id"],
        field_key=base64.b64decode(stored["field_key"]),
        vapid_private_pem=stored["vapid_private_pem"],
        oprf_keys={kid: base64.b64decode(v) for kid, v in stored["oprf_keys"].items()},
        oprf_key_id=stored["oprf_key_id"],
    )


def rotate_oprf_key(instance_dir: Path) -> str:
    """Add a new OPRF key and make it current; returns its id.

    The old seed is kept (an id is never reused) but no longer used: the
    check table must be rebuilt under the new key (``private_check.table``),
    and browsers fetch the new public key with the table.
    """
    path = instance_dir / SECRETS_FILE
    stored: dict = json.loads(path.read_text())
    keys = stored.get("oprf_keys", {})
    new_id = str(max((int(kid) for kid in keys if kid.isdigit()), default=0) + 1)
    keys[new_id] = _b64(secrets.token_bytes(32))
    stored["oprf_keys"], stored["oprf_key_id"] = keys, new_id
    _write_private(path, json.dumps(stored, indent=2))
    current_secrets.cache_clear()
    return new_id


@lru_cache(maxsize=1)
def current_secrets() -> InstanceSecrets:
    """This installation's secrets, loaded once per process (by the running app)."""
    from uglymugs_app.settings import get_settings

    settings = get_settings()
    return ensure_secrets(settings.instance_dir, allow_generate=not settings.is_production)
