"""Turning claimed outbox entries into encrypted requests, a chunk at a time.

Opening the sealed address and encrypting the message (a fresh ECDH key pair
per message, RFC 8291) are the costliest steps of a delivery; with a process
pool both run on another core while the sender's event loop keeps posting
the previous chunk.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ProcessPoolExecutor

from uglymugs_app.models.push import Channel
from uglymugs_app.services.push.encryption import encrypt_message
from uglymugs_app.services.push.outbox import ClaimedEntry
from uglymugs_app.services.push.results import DeliveryResult, Outcome
from uglymugs_app.services.security.field_crypto import (
    PUSH_AUTH,
    PUSH_ENDPOINT,
    PUSH_P256DH,
    decrypt_with_key,
)

# (message as JSON text, sealed endpoint, sealed p256dh, sealed auth)
SealedItem = tuple[str, str, str, str]


def open_and_encrypt(field_key: bytes, items: list[SealedItem]) -> list[tuple[str, bytes] | None]:
    """``(endpoint, body)`` for each item, or None where its keys are unusable.

    Module-level so a process pool can run it; the field key alone travels
    with the call (over the pool's pipe, to our own child process) so the
    pool needs no set-up and never reads the instance folder.
    """
    prepared: list[tuple[str, bytes] | None] = []
    for payload_json, endpoint_sealed, p256dh_sealed, auth_sealed in items:
        try:
            body = encrypt_message(
                payload_json.encode(),
                p256dh=decrypt_with_key(field_key, field=PUSH_P256DH, token=p256dh_sealed),
                auth=decrypt_with_key(field_key, field=PUSH_AUTH, token=auth_sealed),
            )
            endpoint = decrypt_with_key(field_key, field=PUSH_ENDPOINT, token=endpoint_sealed)
            prepared.append((endpoint, body))
        except Exception:
            prepared.append(None)
    return prepared


def _settle(entry: ClaimedEntry, outcome: str) -> DeliveryResult:
    return DeliveryResult(entry.id, entry.token, entry.subscription_id, outcome)


async def prepare_chunk(
    chunk: list[ClaimedEntry],
    *,
    field_key: bytes,
    pool: ProcessPoolExecutor | None,
) -> tuple[list[tuple[ClaimedEntry, str, bytes]], list[DeliveryResult]]:
    """Open the sealed addresses and encrypt the messages of a chunk.

    Returns ``(entry, endpoint, body)`` for what can be sent, and results for
    what cannot: a removed subscription, an expired TTL, unusable keys. An
    entry of another channel (e-mail) passes through unopened, with an empty
    endpoint and body: its ``ChannelSender`` opens it.
    """
    ready: list[ClaimedEntry] = []
    items: list[SealedItem] = []
    settled: list[DeliveryResult] = []
    sendable: list[tuple[ClaimedEntry, str, bytes]] = []
    for entry in chunk:
        if entry.endpoint_sealed is None or entry.p256dh_sealed is None:
            settled.append(_settle(entry, Outcome.ORPHAN))
        elif entry.channel != Channel.WEBPUSH:
            sendable.append((entry, "", b""))
        elif entry.ttl_seconds <= 0:
            settled.append(_settle(entry, Outcome.FAILED))
        else:
            ready.append(entry)
            items.append(
                (
                    entry.payload_json,
                    entry.endpoint_sealed,
                    entry.p256dh_sealed,
                    entry.auth_sealed or "",
                )
            )
    if pool is None or not items:
        prepared = open_and_encrypt(field_key, items)
    else:
        prepared = await asyncio.get_running_loop().run_in_executor(
            pool, open_and_encrypt, field_key, items
        )
    for entry, request in zip(ready, prepared, strict=True):
        if request is None:  # unusable keys: retrying cannot help
            settled.append(_settle(entry, Outcome.FAILED))
        else:
            sendable.append((entry, *request))
    return sendable, settled
