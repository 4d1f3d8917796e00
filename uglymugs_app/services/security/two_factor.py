"""TOTP two-factor authentication for moderators and admins, with recovery codes.

The secret is sealed with the field key. A code is accepted once: the time
step of the last accepted code is kept, so a code seen over a shoulder cannot
be replayed within its 30 seconds.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import pyotp
from sqlalchemy import update
from sqlmodel import Session, col, select

from uglymugs_app.models import CodePurpose, Member, OneTimeCode
from uglymugs_app.services.errors import InvalidInput
from uglymugs_app.services.security import field_crypto
from uglymugs_app.services.security.instance_secrets import InstanceSecrets
from uglymugs_app.services.security.one_time_codes import (
    issue_code,
    normalise_code,
    redeem_code,
    revoke_codes,
)
from uglymugs_app.settings import get_settings

TOTP_FIELD = "member.totp"
RECOVERY_CODES = 8


@dataclass(frozen=True)
class Enrolment:
    """What her authenticator app needs: the secret and the otpauth:// link."""

    secret: str
    uri: str


def start_enrolment(session: Session, *, secrets: InstanceSecrets, member_id: int) -> Enrolment:
    """A fresh, not yet active secret for her to add to her authenticator app."""
    member = session.get(Member, member_id)
    if member is None or member.totp_enabled:
        raise InvalidInput("totp.already_enrolled")
    secret = pyotp.random_base32()
    member.totp_sealed = field_crypto.encrypt(secrets=secrets, field=TOTP_FIELD, plaintext=secret)
    session.add(member)
    session.commit()
    uri = pyotp.TOTP(secret).provisioning_uri(
        name=member.working_name, issuer_name=get_settings().app_name
    )
    return Enrolment(secret=secret, uri=uri)


def confirm_enrolment(
    session: Session, *, secrets: InstanceSecrets, member_id: int, code: str
) -> list[str]:
    """Activate two-factor with a first code; returns the recovery codes (shown once)."""
    member = session.get(Member, member_id)
    if member is None or member.totp_enabled or not member.totp_sealed:
        raise InvalidInput("totp.not_started")
    if not _totp_matches(session, secrets, member, code):
        raise InvalidInput("totp.wrong")
    member.totp_enabled = True
    session.add(member)
    codes = new_recovery_codes(session, secrets=secrets, member_id=member_id)
    session.commit()
    return codes


def new_recovery_codes(session: Session, *, secrets: InstanceSecrets, member_id: int) -> list[str]:
    """Replace her recovery codes (not committed)."""
    revoke_codes(session, purpose=CodePurpose.RECOVERY, member_id=member_id)
    return [
        issue_code(
            session,
            secrets=secrets,
            purpose=CodePurpose.RECOVERY,
            lifetime=None,
            member_id=member_id,
        )
        for _ in range(RECOVERY_CODES)
    ]


def second_factor_ok(
    session: Session, *, secrets: InstanceSecrets, member: Member, code: str
) -> bool:
    """A current TOTP code, or one of her unused recovery codes (then used up)."""
    if not member.totp_enabled or not code:
        return False
    cleaned = normalise_code(code)
    if cleaned.isdigit():
        return _totp_matches(session, secrets, member, cleaned)
    try:
        row = redeem_code(
            session,
            secrets=secrets,
            purpose=CodePurpose.RECOVERY,
            code=cleaned,
            used_by_id=member.id,
        )
    except InvalidInput:
        return False
    if row.member_id != member.id:
        session.rollback()
        return False
    session.commit()
    return True


def recovery_codes_left(session: Session, *, member_id: int) -> int:
    rows = session.exec(
        select(OneTimeCode).where(
            OneTimeCode.purpose == CodePurpose.RECOVERY,
            OneTimeCode.member_id == member_id,
            col(OneTimeCode.used_at).is_(None),
        )
    )
    return len(list(rows))


def _totp_matches(session: Session, secrets: InstanceSecrets, member: Member, code: str) -> bool:
    secret = field_crypto.decrypt(secrets=secrets, field=TOTP_FIELD, token=member.totp_sealed)
    totp = pyotp.TOTP(secret)
    now = time.time()
    for drift in (-1, 0, 1):  # one step either side for phone clocks
        moment = now + drift * totp.interval
        step = int(moment // totp.interval)
        if step > member.totp_last_step and totp.verify(code, for_time=moment):
            return _spend_step(session, member, step)
    return False


def _spend_step(session: Session, member: Member, step: int) -> bool:
    """Take the time step in one conditional UPDATE, so that one code sent to
    two logins at once opens only one of them. Not committed: the caller's
    transaction holds the row until the login is decided."""
    taken = session.exec(
        update(Member)
        .where(col(Member.id) == member.id, col(Member.totp_last_step) < step)
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    if taken.rowcount != 1:
        return False
    member.totp_last_step = step
    return True
