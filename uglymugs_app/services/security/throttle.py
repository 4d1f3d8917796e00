"""Growing delays after failed logins, per account and per address.

Kept in the database so every worker and every restart sees the same count.
Keys are keyed hashes (HMAC under the session key): the table names neither
an address nor, for names that do not exist, a guessed working name. The
account key exists for unknown names too, so throttling reveals nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, or_

from uglymugs_app.models import LoginThrottle
from uglymugs_app.models.common import as_utc, utcnow
from uglymugs_app.services.errors import ServiceError
from uglymugs_app.settings import Settings

BASE_DELAY_SECONDS = 2
# A day without failures starts the count afresh.
FORGET_AFTER = timedelta(days=1)


class LoginThrottled(ServiceError):
    """Too many failed logins; ``seconds`` until the next try."""

    def __init__(self, seconds: int) -> None:
        super().__init__("auth.login.throttled")
        self.seconds = seconds


def throttle_keys(*, session_key: bytes, name_key: str, address: str | None) -> list[str]:
    """The account key and, when known, the address key."""
    def keyed(kind: str, value: str) -> str:
        digest = hmac.new(session_key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()
        return f"{kind}:{digest[:64]}"

    keys = [keyed("account", name_key)]
    if address:
        keys.append(keyed("address", address))
    return keys


def ensure_allowed(session: Session, *, keys: list[str], now: datetime | None = None) -> None:
    """Raise ``LoginThrottled`` while any key is blocked."""
    moment = now or utcnow()
    waits = []
    for key in keys:
        row = session.get(LoginThrottle, key)
        if row is not None and row.blocked_until is not None:
            left = (as_utc(row.blocked_until) - moment).total_seconds()
            if left > 0:
                waits.append(left)
    if waits:
        raise LoginThrottled(math.ceil(max(waits)))


def record_failure(session: Session, *, keys: list[str], settings: Settings,
                   now: datetime | None = None) -> None:
    """Count a failure under every key; past the free tries each doubles the wait."""
    moment = now or utcnow()
    for key in keys:
        free = (settings.login_free_failures_per_address if key.startswith("address:")
                else settings.login_free_failures_per_account)
        row = session.get(LoginThrottle, key) or LoginThrottle(key=key)
        if moment - as_utc(row.last_failure_at) > FORGET_AFTER:
            row.failures = 0
        row.failures += 1
        row.last_failure_at = moment
        over = row.failures - free
        if over > 0:
            delay = min(BASE_DELAY_SECONDS * 2 ** min(over - 1, 20),
                        settings.login_max_delay_seconds)
            row.blocked_until = moment + timedelta(seconds=delay)
        session.add(row)
    session.commit()


def record_success(session: Session, *, keys: list[str]) -> None:
    """A right password clears the account's count (not the address's)."""
    for key in keys:
        if key.startswith("account:"):
            row = session.get(LoginThrottle, key)
            if row is not None:
                session.delete(row)
    session.commit()


def prune_login_throttle(session: Session, *, now: datetime | None = None) -> int:
    """Delete counts that no longer matter: no failure for a day and no wait left.

    The next failure under such a key would start the count afresh anyway.
    """
    moment = now or utcnow()
    result = session.exec(delete(LoginThrottle).where(
        col(LoginThrottle.last_failure_at) < moment - FORGET_AFTER,
        or_(col(LoginThrottle.blocked_until).is_(None),
            col(LoginThrottle.blocked_until) <= moment)))
    session.commit()
    return result.rowcount or 0
