"""Single-use codes: invite, vouch, reset, setup and two-factor recovery.

A code is shown once to the person who issues it and stored only as a keyed
hash (HMAC-SHA-256 under the instance's session key, with a prefix of its own): a
copy of the database alone cannot test guesses against the stored codes,
which a plain SHA-256 of a short code would allow. Redeeming marks it used
in one conditional UPDATE, so two people racing with one code cannot both win.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, delete, or_, select

from uglymugs_app.models import OneTimeCode
from uglymugs_app.models.common import as_utc, utcnow
from uglymugs_app.services.errors import InvalidInput
from uglymugs_app.services.security.instance_secrets import InstanceSecrets

# No 0/O, 1/I/L: read aloud or copied from paper without mistakes.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12
# Spent codes stay this long, so a second try still hears "used" or "expired".
KEEP_SPENT_CODES = timedelta(days=30)


def normalise_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())[:64]


def code_hash(code: str, *, secrets: InstanceSecrets) -> str:
    """The code's keyed hash, as stored and looked up."""
    message = f"one-time-code:{normalise_code(code)}".encode()
    return hmac.new(secrets.session_key, message, hashlib.sha256).hexdigest()


def new_code_text() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def issue_code(
    session: Session,
    *,
    secrets: InstanceSecrets,
    purpose: str,
    lifetime: timedelta | None,
    issued_by_id: int | None = None,
    member_id: int | None = None,
    code: str | None = None,
    now: datetime | None = None,
) -> str:
    """Store a new code (not committed) and return its text, shown once."""
    moment = now or utcnow()
    text = code or new_code_text()
    session.add(
        OneTimeCode(
            purpose=purpose,
            code_hash=code_hash(text, secrets=secrets),
            issued_by_id=issued_by_id,
            member_id=member_id,
            created_at=moment,
            expires_at=moment + lifetime if lifetime is not None else None,
        )
    )
    return text


def find_code(
    session: Session,
    *,
    secrets: InstanceSecrets,
    purpose: str,
    code: str,
    now: datetime | None = None,
) -> OneTimeCode:
    """The unused, unexpired code, or ``InvalidInput`` saying what is wrong with it."""
    if not normalise_code(code):
        raise InvalidInput("code.missing")
    row = session.exec(
        select(OneTimeCode).where(
            OneTimeCode.code_hash == code_hash(code, secrets=secrets),
            OneTimeCode.purpose == purpose,
        )
    ).first()
    if row is None:
        raise InvalidInput("code.wrong")
    if row.used_at is not None:
        raise InvalidInput("code.used")
    if row.expires_at is not None and as_utc(row.expires_at) <= (now or utcnow()):
        raise InvalidInput("code.expired")
    return row


def redeem_code(
    session: Session,
    *,
    secrets: InstanceSecrets,
    purpose: str,
    code: str,
    used_by_id: int | None = None,
    now: datetime | None = None,
) -> OneTimeCode:
    """Mark the code used (not committed); ``InvalidInput`` if it cannot be."""
    moment = now or utcnow()
    row = find_code(session, secrets=secrets, purpose=purpose, code=code, now=moment)
    result = session.exec(
        update(OneTimeCode)
        .where(col(OneTimeCode.id) == row.id, col(OneTimeCode.used_at).is_(None))
        .values(used_at=moment, used_by_id=used_by_id)
    )
    if result.rowcount != 1:
        raise InvalidInput("code.used")
    session.refresh(row)
    return row


def revoke_codes(session: Session, *, purpose: str, member_id: int) -> None:
    """Delete a member's unused codes of one kind (e.g. old recovery codes)."""
    for row in session.exec(
        select(OneTimeCode).where(
            OneTimeCode.purpose == purpose, OneTimeCode.member_id == member_id
        )
    ):
        session.delete(row)


def prune_spent_codes(session: Session, *, now: datetime | None = None) -> int:
    """Delete codes used or expired more than ``KEEP_SPENT_CODES`` ago; commits.

    Unused codes without an expiry (two-factor recovery codes) stay.
    """
    cutoff = (now or utcnow()) - KEEP_SPENT_CODES
    result = session.exec(
        delete(OneTimeCode).where(
            or_(col(OneTimeCode.used_at) < cutoff, col(OneTimeCode.expires_at) < cutoff)
        )
    )
    session.commit()
    return result.rowcount or 0
