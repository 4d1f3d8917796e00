"""Turning claimed outbox entries into encrypted requests, a chunk at a time.

Encryption (a fresh ECDH key pair per message, RFC 8291) is the costliest
step of a delivery; with a process pool it runs on another core while the
sender's event loop keeps posting the previous chunk.
"""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ProcessPoolExecutor

from uglymugs_app.services.push_crypto import encrypt_many
from uglymugs_app.services.push_outbox import ClaimedEntry
from uglymugs_app.services.push_results import DeliveryResult, Outcome
from uglymugs_app.services.push_sealing import SubscriptionSealer


def _settle(entry: ClaimedEntry, outcome: str) -> DeliveryResult:
    return DeliveryResult(entry.id, entry.token, entry.subscription_id, outcome)


async def prepare_chunk(
    chunk: list[ClaimedEntry],
    *,
    sealer: SubscriptionSealer,
    pool: ProcessPoolExecutor | None,
) -> tuple[list[tuple[ClaimedEntry, str, bytes]], list[DeliveryResult]]:
    """Open the sealed addresses and encrypt the messages of a chunk.

    Returns ``(entry, endpoint, body)`` for what can be sent, and results for
    what cannot: a removed subscription, an expired TTL, unusable keys.
    """
    ready: list[tuple[ClaimedEntry, str]] = []
    items: list[tuple[bytes, str, str]] = []
    settled: list[DeliveryResult] = []
    for entry in chunk:
        if entry.endpoint_sealed is None or entry.p256dh_sealed is None:
            settled.append(_settle(entry, Outcome.ORPHAN))
        elif entry.ttl_seconds <= 0:
            settled.append(_settle(entry, Outcome.FAILED))
        else:
            ready.append((entry, sealer.open(entry.endpoint_sealed, field="endpoint")))
            items.append(
                (
                    json.dumps(entry.payload, separators=(",", ":")).encode(),
                    sealer.open(entry.p256dh_sealed, field="p256dh"),
                    sealer.open(entry.auth_sealed or "", field="auth"),
                )
            )
    if pool is None:
        bodies = encrypt_many(items)
    else:
        bodies = await asyncio.get_running_loop().run_in_executor(pool, encrypt_many, items)
    sendable = []
    for (entry, endpoint), body in zip(ready, bodies, strict=True):
        if body is None:  # unusable keys: retrying cannot help
            settled.append(_settle(entry, Outcome.FAILED))
        else:
            sendable.append((entry, endpoint, body))
    return sendable, settled
