"""What to do with a push service's answer: done, retry later, or give up.

RFC 8030 push services answer 201 when they took the message, 404/410 when
the subscription is gone for good, 429 or 5xx when they cannot take it now.
Retries back off exponentially, or wait exactly as long as ``Retry-After``
asks, and stop after ``push_max_attempts`` or when the message's TTL would
be over before the next try.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

from uglymugs_app.services.push.outbox import ClaimedEntry
from uglymugs_app.services.push.results import DeliveryResult, Outcome
from uglymugs_app.settings import Settings


def retry_after_seconds(value: str | None, *, now: datetime) -> float | None:
    """Parse a ``Retry-After`` header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - now).total_seconds()) if when.tzinfo else None


def classify(
    entry: ClaimedEntry,
    *,
    status: int | None,
    retry_after: str | None,
    settings: Settings,
    now: datetime,
) -> DeliveryResult:
    """Turn a push service's answer (None: no answer) into an outcome."""

    def result(outcome: str, retry_at: datetime | None = None) -> DeliveryResult:
        return DeliveryResult(
            entry_id=entry.id,
            token=entry.token,
            subscription_id=entry.subscription_id,
            outcome=outcome,
            status_code=status,
            retry_at=retry_at,
        )

    if status in (200, 201, 202):
        return result(Outcome.DELIVERED)
    if status in (404, 410):
        return result(Outcome.GONE)
    if status is not None and status != 429 and status < 500:
        return result(Outcome.FAILED)
    if entry.attempts >= settings.push_max_attempts:
        return result(Outcome.FAILED)
    delay = retry_after_seconds(retry_after, now=now)
    if delay is None:
        backoff = settings.push_retry_base_seconds * 2 ** (entry.attempts - 1)
        # Jitter spreads retries of a whole batch; not a security matter.
        delay = min(backoff, settings.push_retry_max_seconds) * random.uniform(0.8, 1.2)  # noqa: S311
    if delay >= entry.ttl_seconds:
        return result(Outcome.FAILED)
    return result(Outcome.RETRY, retry_at=now + timedelta(seconds=delay))
