"""Admins manage people: staff accounts, suspension and reinstatement."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from uglymugs_app.models import Member, MemberStatus, Role
from uglymugs_app.models.common import stored_id
from uglymugs_app.services.actors import Actor, require
from uglymugs_app.services.errors import InvalidInput, NotFound, PermissionDenied
from uglymugs_app.services.members.accounts import create_account
from uglymugs_app.services.push.subscriptions import delete_member_devices
from uglymugs_app.services.security import audit
from uglymugs_app.services.security.sessions import close_all_sessions

STAFF_ROLES_ADMINS_CREATE = (Role.OUTREACH, Role.MODERATOR, Role.ADMIN)


@dataclass(frozen=True)
class Person:
    member_id: int
    working_name: str
    role: str
    status: str
    reason: str
    created_at: datetime
    last_login_at: datetime | None


def list_people(session: Session, *, actor: Actor, limit: int = 500) -> list[Person]:
    """Everyone, staff first, for the admin's people page."""
    require(actor, Role.ADMIN)
    rows = session.exec(
        select(Member).order_by(col(Member.role), col(Member.name_key)).limit(limit)
    )
    return [
        Person(
            stored_id(m),
            m.working_name,
            m.role,
            m.status,
            m.status_reason,
            m.created_at,
            m.last_login_at,
        )
        for m in rows
    ]


def create_staff(
    session: Session, *, actor: Actor, working_name: str, password: str, role: str
) -> Member:
    """An outreach, moderator or admin account; staff enrol two-factor at first login."""
    require(actor, Role.ADMIN)
    if role not in STAFF_ROLES_ADMINS_CREATE:
        raise InvalidInput("account.role.invalid")
    return create_account(
        session, working_name=working_name, password=password, role=role, actor_id=actor.member_id
    )


def suspend(session: Session, *, actor: Actor, member_id: int, reason: str) -> None:
    """Suspend anyone but herself, with a reason; every device is logged out and
    stops receiving warnings (reinstated, she subscribes her phone again)."""
    require(actor, Role.ADMIN)
    member = _other(session, actor, member_id)
    member.status, member.status_reason = MemberStatus.SUSPENDED, _reason(reason)
    session.add(member)
    delete_member_devices(session, member_id=stored_id(member))
    audit.record(
        session,
        actor_id=actor.member_id,
        action="member.suspended",
        subject_type="member",
        subject_id=member.id,
        detail=member.status_reason,
    )
    session.commit()
    close_all_sessions(session, member_id=member_id)


def reinstate(session: Session, *, actor: Actor, member_id: int, reason: str) -> None:
    require(actor, Role.ADMIN)
    member = _other(session, actor, member_id)
    if member.status != MemberStatus.SUSPENDED:
        raise InvalidInput("people.not_suspended")
    verified = member.role != Role.APPLICANT
    member.status = MemberStatus.ACTIVE if verified else MemberStatus.PENDING
    member.status_reason = _reason(reason)
    session.add(member)
    audit.record(
        session,
        actor_id=actor.member_id,
        action="member.reinstated",
        subject_type="member",
        subject_id=member.id,
        detail=member.status_reason,
    )
    session.commit()


def _other(session: Session, actor: Actor, member_id: int) -> Member:
    if member_id == actor.member_id:
        raise PermissionDenied("people.not_yourself")
    member = session.get(Member, member_id)
    if member is None:
        raise NotFound()
    return member


def _reason(reason: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise InvalidInput("people.reason.missing")
    return text[:500]
