"""Growing delays after failed logins (per account and per address) and after
many applications or objections from one address.

Kept in the database so every worker and every restart sees the same count.
Keys are keyed hashes (HMAC under the session key): the table names neither
an address nor, for names that do not exist, a guessed working name. The
account key exists for unknown names too, so throttling reveals nothing.

An attempt is counted *before* anything is verified, in one conditional
statement per key that also sets the next wait: twenty wrong passwords sent at
once each take their own number, and those past the free tries wait instead of
being checked. A right password takes its count back; a wrong one starts its
wait when it is known to be wrong.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, literal, update
from sqlmodel import Session, col, delete, or_

from uglymugs_app.models import LoginThrottle
from uglymugs_app.models.common import as_utc, utcnow
from uglymugs_app.services.database import upsert_insert
from uglymugs_app.services.errors import ServiceError
from uglymugs_app.settings import Settings

BASE_DELAY_SECONDS = 2
# A day without failures starts the count afresh.
FORGET_AFTER = timedelta(days=1)
_LONGEST_DOUBLING = 20


class LoginThrottled(ServiceError):
    """Too many failed logins; ``seconds`` until the next try."""

    def __init__(self, seconds: int) -> None:
        super().__init__("auth.login.throttled")
        self.seconds = seconds


@dataclass(frozen=True)
class Attempt:
    """An attempt counted under its keys: what to take back if it succeeds."""

    keys: list[str]
    moment: datetime
    # The wait each key's count set for the next attempt (None: none yet).
    waits_set: dict[str, datetime | None]


def _keyed(session_key: bytes, kind: str, value: str) -> str:
    digest = hmac.new(session_key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()
    return f"{kind}:{digest[:64]}"


def throttle_keys(*, session_key: bytes, name_key: str, address: str | None) -> list[str]:
    """The account key and, when known, the address key."""
    keys = [_keyed(session_key, "account", name_key)]
    if address:
        keys.append(_keyed(session_key, "address", address))
    return keys


def registration_keys(*, session_key: bytes, address: str | None) -> list[str]:
    """The key that counts applications from this address (none if unknown)."""
    return [_keyed(session_key, "register", address)] if address else []


def address_keys(*, session_key: bytes, kind: str, address: str | None) -> list[str]:
    """The key that counts ``kind`` requests (e.g. objections) from this address."""
    return [_keyed(session_key, kind, address)] if address else []


def begin_attempt(
    session: Session, *, keys: list[str], settings: Settings, now: datetime | None = None
) -> Attempt:
    """Count an attempt under every key before it is verified; commits.

    Raises ``LoginThrottled`` while a key waits. Counted, the attempt is a
    failure unless ``attempt_succeeded`` or ``withdraw_attempt`` says otherwise.
    """
    moment = now or utcnow()
    waits_set: dict[str, datetime | None] = {}
    for key in keys:
        counted = _count(session, key=key, settings=settings, moment=moment, unless_waiting=True)
        if counted is None:
            session.commit()
            _forget_loaded_rows(session)
            ensure_allowed(session, keys=[key], now=moment)
            # The wait ran out between the two statements: count again.
            counted = _count(
                session, key=key, settings=settings, moment=moment, unless_waiting=True
            )
            if counted is None:
                session.commit()
                raise LoginThrottled(1)
        waits_set[key] = counted[0]
    session.commit()
    _forget_loaded_rows(session)
    return Attempt(keys=list(keys), moment=moment, waits_set=waits_set)


def attempt_failed(session: Session, attempt: Attempt) -> None:
    """The attempt was wrong: the waits it set run from now, not from its start
    (checking a password takes time). A later attempt's wait is left alone."""
    # __table__ is set by SQLModel at class creation; its stubs do not declare it.
    table = LoginThrottle.__table__  # type: ignore[attr-defined]
    stamp = table.c.blocked_until.type
    moment = utcnow()
    for key, wait in attempt.waits_set.items():
        if wait is None:
            continue
        session.connection().execute(
            update(table)
            .where(table.c.key == key, table.c.blocked_until == literal(wait, stamp))
            .values(blocked_until=moment + (as_utc(wait) - attempt.moment))
        )
    session.commit()
    _forget_loaded_rows(session)


def attempt_succeeded(session: Session, attempt: Attempt) -> None:
    """A right password clears the account's count and takes back the address's."""
    for key in attempt.keys:
        if key.startswith("account:"):
            session.exec(delete(LoginThrottle).where(col(LoginThrottle.key) == key))
    withdraw_attempt(
        session, attempt, keys=[k for k in attempt.keys if not k.startswith("account:")]
    )


def withdraw_attempt(session: Session, attempt: Attempt, *, keys: list[str] | None = None) -> None:
    """Take the attempt's count back (it was neither right nor wrong); commits.

    The wait it set goes only if no later attempt has set another since.
    """
    # __table__ is set by SQLModel at class creation; its stubs do not declare it.
    table = LoginThrottle.__table__  # type: ignore[attr-defined]
    for key in attempt.keys if keys is None else keys:
        wait = attempt.waits_set.get(key)
        ours = (
            table.c.blocked_until.is_(None)
            if wait is None
            else table.c.blocked_until == literal(wait, table.c.blocked_until.type)
        )
        session.connection().execute(
            update(table)
            .where(table.c.key == key)
            .values(
                failures=case((table.c.failures > 0, table.c.failures - 1), else_=0),
                blocked_until=case((ours, None), else_=table.c.blocked_until),
            )
        )
    session.commit()
    _forget_loaded_rows(session)


def record_failure(
    session: Session, *, keys: list[str], settings: Settings, now: datetime | None = None
) -> None:
    """Count a failure under every key, waiting or not; commits."""
    moment = now or utcnow()
    for key in keys:
        _count(session, key=key, settings=settings, moment=moment, unless_waiting=False)
    session.commit()
    _forget_loaded_rows(session)


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


def _forget_loaded_rows(session: Session) -> None:
    """The counts change in Core statements: rows the session holds are stale."""
    for row in list(session.identity_map.values()):
        if isinstance(row, LoginThrottle):
            session.expire(row)


def _free_tries(key: str, settings: Settings) -> int:
    if key.startswith("address:"):
        return settings.login_free_failures_per_address
    if key.startswith("register:"):
        return settings.registration_free_attempts_per_address
    if key.startswith("objection:"):
        return settings.objection_free_attempts_per_address
    return settings.login_free_failures_per_account


def _delay(over: int, settings: Settings) -> int:
    return min(
        BASE_DELAY_SECONDS * 2 ** min(over - 1, _LONGEST_DOUBLING), settings.login_max_delay_seconds
    )


def _count(
    session: Session, *, key: str, settings: Settings, moment: datetime, unless_waiting: bool
) -> tuple[datetime | None] | None:
    """Add one to the key's count in one statement; the wait it sets, or None
    when ``unless_waiting`` and the key is still waiting (nothing counted)."""
    # __table__ is set by SQLModel at class creation; its stubs do not declare it.
    table = LoginThrottle.__table__  # type: ignore[attr-defined]
    stamp = table.c.blocked_until.type
    session.connection().execute(
        upsert_insert(session)(table)
        .values(key=key, failures=0, last_failure_at=moment, blocked_until=None)
        .on_conflict_do_nothing(index_elements=["key"])
    )
    count = case(
        (table.c.last_failure_at < literal(moment - FORGET_AFTER, stamp), 1),
        else_=table.c.failures + 1,
    )
    over = count - _free_tries(key, settings)
    # The doubling written out as a CASE: the database computes the wait from
    # the count it just made, so no second statement can slip in between.
    steps, waits = 1, []
    while True:
        seconds = _delay(steps, settings)
        waits.append((over == steps, literal(moment + timedelta(seconds=seconds), stamp)))
        if seconds >= settings.login_max_delay_seconds or steps > _LONGEST_DOUBLING:
            break
        steps += 1
    longest = literal(moment + timedelta(seconds=_delay(steps, settings)), stamp)
    wait = case(*waits, (over > steps, longest), else_=None)
    statement = update(table).where(table.c.key == key)
    if unless_waiting:
        statement = statement.where(
            or_(table.c.blocked_until.is_(None), table.c.blocked_until <= literal(moment, stamp))
        )
    row = (
        session.connection()
        .execute(
            statement.values(failures=count, last_failure_at=moment, blocked_until=wait).returning(
                table.c.blocked_until
            )
        )
        .first()
    )
    return None if row is None else (row[0],)


def prune_login_throttle(session: Session, *, now: datetime | None = None) -> int:
    """Delete counts that no longer matter: no failure for a day and no wait left.

    The next failure under such a key would start the count afresh anyway.
    """
    moment = now or utcnow()
    result = session.exec(
        delete(LoginThrottle).where(
            col(LoginThrottle.last_failure_at) < moment - FORGET_AFTER,
            or_(
                col(LoginThrottle.blocked_until).is_(None),
                col(LoginThrottle.blocked_until) <= moment,
            ),
        )
    )
    session.commit()
    return result.rowcount or 0
