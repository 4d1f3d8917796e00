"""Logging in, resetting a forgotten password, and the first admin.

Every failure looks the same from outside: an unknown name and a wrong
password get one message, after the same work (a dummy hash is verified),
and both count towards the throttle under the name's key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from secrets import token_urlsafe

from sqlmodel import Session, select

from uglymugs_app.models import CodePurpose, Member, MemberStatus, Role
from uglymugs_app.models.common import stored_id, utcnow
from uglymugs_app.services.actors import STAFF, TWO_FACTOR_ROLES, Actor, require
from uglymugs_app.services.errors import InvalidInput, PermissionDenied, ServiceError
from uglymugs_app.services.members.accounts import create_account, find_member, name_key
from uglymugs_app.services.push.subscriptions import delete_member_devices
from uglymugs_app.services.security import audit, throttle
from uglymugs_app.services.security.instance_secrets import InstanceSecrets
from uglymugs_app.services.security.one_time_codes import issue_code, redeem_code
from uglymugs_app.services.security.passwords import (
    check_password_rules,
    hash_password,
    verify_password,
)
from uglymugs_app.services.security.sessions import close_all_sessions, open_session
from uglymugs_app.services.security.two_factor import second_factor_ok
from uglymugs_app.settings import Settings


class TwoFactorRequired(ServiceError):
    """The password was right; now her authenticator code is needed."""

    def __init__(self) -> None:
        super().__init__("auth.totp.required")


@dataclass(frozen=True)
class LoginResult:
    token: str
    actor: Actor
    # Staff without two-factor yet: the session opens only the enrolment page.
    must_enrol_two_factor: bool


def log_in(
    session: Session,
    *,
    secrets: InstanceSecrets,
    settings: Settings,
    working_name: str,
    password: str,
    totp: str = "",
    address: str | None = None,
) -> LoginResult:
    """Check name, password and (for staff) second factor; open a session.

    Raises ``LoginThrottled``, ``InvalidInput("auth.login.failed")``,
    ``TwoFactorRequired``, ``InvalidInput("auth.totp.wrong")`` or
    ``PermissionDenied("auth.login.suspended")``.
    """
    keys = throttle.throttle_keys(
        session_key=secrets.session_key, name_key=name_key(working_name)[:40], address=address
    )
    # Counted as a failure before anything is verified: parallel tries cannot
    # all slip in under the limit.
    attempt = throttle.begin_attempt(session, keys=keys, settings=settings)
    member = find_member(session, working_name) if working_name else None
    matches, new_hash = verify_password(password, member.password_hash if member else None)
    if member is None or not matches:
        throttle.attempt_failed(session, attempt)
        raise InvalidInput("auth.login.failed")
    if member.role in TWO_FACTOR_ROLES and member.totp_enabled:
        if not totp:
            throttle.withdraw_attempt(session, attempt)
            raise TwoFactorRequired()
        if not second_factor_ok(session, secrets=secrets, member=member, code=totp):
            throttle.attempt_failed(session, attempt)
            raise InvalidInput("auth.totp.wrong")
    throttle.attempt_succeeded(session, attempt)
    if member.status == MemberStatus.SUSPENDED:
        raise PermissionDenied("auth.login.suspended")
    if new_hash:
        member.password_hash = new_hash
    member.last_login_at = utcnow()
    session.add(member)
    session.commit()
    enrol = member.role in TWO_FACTOR_ROLES and not member.totp_enabled
    token = open_session(session, member_id=stored_id(member), complete=not enrol)
    actor = Actor(
        member_id=stored_id(member),
        role=Role(member.role),
        working_name=member.working_name,
        language=member.language,
    )
    return LoginResult(token=token, actor=actor, must_enrol_two_factor=enrol)


def issue_reset_code(
    session: Session,
    *,
    secrets: InstanceSecrets,
    settings: Settings,
    actor: Actor,
    working_name: str,
) -> str:
    """A one-time reset code for a member, issued by a moderator after talking
    with her; returns the code to tell her. Only admins reset staff passwords."""
    require(actor, *STAFF)
    member = find_member(session, working_name)
    if member is None:
        raise InvalidInput("reset.member.unknown")
    if member.role in TWO_FACTOR_ROLES:
        require(actor, Role.ADMIN)
    code = issue_code(
        session,
        secrets=secrets,
        purpose=CodePurpose.RESET,
        issued_by_id=actor.member_id,
        member_id=member.id,
        lifetime=timedelta(hours=settings.reset_code_hours),
    )
    audit.record(
        session,
        actor_id=actor.member_id,
        action="member.reset_code",
        subject_type="member",
        subject_id=member.id,
    )
    session.commit()
    return code


def reset_password(
    session: Session,
    *,
    secrets: InstanceSecrets,
    settings: Settings,
    working_name: str,
    code: str,
    new_password: str,
    address: str | None = None,
) -> None:
    """Set a new password with a reset code; every device is logged out and
    unsubscribed (whoever held her phone keeps neither session nor alerts)."""
    keys = throttle.throttle_keys(
        session_key=secrets.session_key, name_key=name_key(working_name)[:40], address=address
    )
    check_password_rules(new_password)
    attempt = throttle.begin_attempt(session, keys=keys, settings=settings)
    member = find_member(session, working_name)
    try:
        row = redeem_code(
            session,
            secrets=secrets,
            purpose=CodePurpose.RESET,
            code=code,
            used_by_id=member.id if member else None,
        )
        if member is None or row.member_id != member.id:
            raise InvalidInput("code.wrong")
    except InvalidInput:
        session.rollback()
        throttle.attempt_failed(session, attempt)
        raise
    member.password_hash = hash_password(new_password)
    session.add(member)
    delete_member_devices(session, member_id=stored_id(member))
    session.commit()
    throttle.attempt_succeeded(session, attempt)
    close_all_sessions(session, member_id=stored_id(member))


def admin_exists(session: Session) -> bool:
    return session.exec(select(Member.id).where(Member.role == Role.ADMIN)).first() is not None


def issue_setup_token(
    session: Session, *, secrets: InstanceSecrets, settings: Settings
) -> str | None:
    """A one-time token for the first admin's setup page, or None once one exists."""
    if admin_exists(session):
        return None
    token = token_urlsafe(24)
    issue_code(
        session,
        secrets=secrets,
        purpose=CodePurpose.SETUP,
        code=token,
        lifetime=timedelta(hours=settings.setup_link_hours),
    )
    session.commit()
    return token


def create_first_admin(
    session: Session, *, secrets: InstanceSecrets, token: str, working_name: str, password: str
) -> Member:
    """Spend the setup token on the first admin account (who then enrols 2FA)."""
    if admin_exists(session):
        raise InvalidInput("code.used")
    redeem_code(session, secrets=secrets, purpose=CodePurpose.SETUP, code=token)
    return create_account(session, working_name=working_name, password=password, role=Role.ADMIN)
