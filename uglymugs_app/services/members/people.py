"""Admins manage people: the list, staff accounts, roles, two-factor resets,
suspension and reinstatement. An admin never acts on her own account here,
and the last active admin can be neither demoted nor suspended."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case
from sqlmodel import Session, col, func, select

from uglymugs_app.models import CodePurpose, Member, MemberStatus, Role
from uglymugs_app.models.common import stored_id
from uglymugs_app.services.actors import Actor, require
from uglymugs_app.services.errors import InvalidInput, NotFound, PermissionDenied
from uglymugs_app.services.members.accounts import create_account, name_key
from uglymugs_app.services.push.subscriptions import delete_member_devices
from uglymugs_app.services.security import audit
from uglymugs_app.services.security.one_time_codes import revoke_codes
from uglymugs_app.services.security.sessions import close_all_sessions

STAFF_ROLES_ADMINS_CREATE = (Role.OUTREACH, Role.MODERATOR, Role.ADMIN)
# What an admin may make a verified person.
ASSIGNABLE_ROLES = (Role.MEMBER, *STAFF_ROLES_ADMINS_CREATE)


@dataclass(frozen=True)
class Person:
    member_id: int
    working_name: str
    role: str
    status: str
    reason: str
    created_at: datetime
    last_login_at: datetime | None
    two_factor: bool


@dataclass(frozen=True)
class PeopleQuery:
    """Which people, in which order, which page (1 is the first)."""

    show: str = "all"
    sort: str = "role"
    search: str = ""
    page: int = 1


@dataclass(frozen=True)
class PeoplePage:
    people: list[Person]
    page: int
    pages: int
    total: int


PAGE_SIZE = 50
# Staff first, most powerful first: the people an admin looks for most.
_ROLE_RANK = case(
    {Role.ADMIN: 0, Role.MODERATOR: 1, Role.OUTREACH: 2, Role.MEMBER: 3},
    value=col(Member.role),
    else_=4,
)
SORTS = {
    "role": (_ROLE_RANK, col(Member.name_key)),
    "name": (col(Member.name_key),),
    "newest": (col(Member.created_at).desc(), col(Member.id).desc()),
    "last_login": (col(Member.last_login_at).desc().nulls_last(), col(Member.name_key)),
}
SHOWS = {
    "all": None,
    "staff": col(Member.role).in_(STAFF_ROLES_ADMINS_CREATE),
    "members": col(Member.role) == Role.MEMBER,
    "applicants": col(Member.role) == Role.APPLICANT,
    "suspended": col(Member.status) == MemberStatus.SUSPENDED,
}


def people_page(session: Session, *, actor: Actor, query: PeopleQuery) -> PeoplePage:
    """One page of people for the admin's list: filtered, searched by working
    name, sorted; every person reachable whatever their number."""
    require(actor, Role.ADMIN)
    if query.show not in SHOWS or query.sort not in SORTS:
        raise InvalidInput("people.query.invalid")
    conditions = []
    if (shown := SHOWS[query.show]) is not None:
        conditions.append(shown)
    if search := name_key(query.search)[:40]:
        conditions.append(col(Member.name_key).contains(search, autoescape=True))
    total = session.exec(select(func.count()).select_from(Member).where(*conditions)).one()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, query.page), pages)
    rows = session.exec(
        select(Member)
        .where(*conditions)
        .order_by(*SORTS[query.sort], col(Member.id))
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    )
    return PeoplePage([_person(m) for m in rows], page, pages, total)


def _person(m: Member) -> Person:
    return Person(
        stored_id(m),
        m.working_name,
        m.role,
        m.status,
        m.status_reason,
        m.created_at,
        m.last_login_at,
        m.totp_enabled,
    )


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
    if member.role == Role.ADMIN:
        _keep_an_admin(session, member)
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


def change_role(session: Session, *, actor: Actor, member_id: int, role: str) -> None:
    """Make a verified person a member, outreach worker, moderator or admin.

    Her devices are logged out: a new moderator or admin enrols two-factor at
    her next log-in, a former one keeps nothing her old role opened. Applicants
    are decided in the verification queue, not here.
    """
    require(actor, Role.ADMIN)
    if role not in ASSIGNABLE_ROLES:
        raise InvalidInput("account.role.invalid")
    member = _other(session, actor, member_id)
    if member.role == Role.APPLICANT:
        raise InvalidInput("people.role.applicant")
    if member.role == role:
        return
    if member.role == Role.ADMIN:
        _keep_an_admin(session, member)
    before = member.role
    member.role = role
    session.add(member)
    audit.record(
        session,
        actor_id=actor.member_id,
        action="member.role_changed",
        subject_type="member",
        subject_id=member.id,
        before={"role": before},
        after={"role": role},
    )
    close_all_sessions(session, member_id=stored_id(member))  # commits the change too


def reset_two_factor(session: Session, *, actor: Actor, member_id: int, reason: str) -> None:
    """Turn her two-factor off (a lost phone): her secret and recovery codes are
    deleted, her devices logged out, and her next log-in enrols a new one
    before anything opens (``login.log_in``)."""
    require(actor, Role.ADMIN)
    why = _reason(reason)
    member = _other(session, actor, member_id)
    if not member.totp_enabled and not member.totp_sealed:
        raise InvalidInput("people.no_two_factor")
    member.totp_enabled, member.totp_sealed, member.totp_last_step = False, "", 0
    session.add(member)
    revoke_codes(session, purpose=CodePurpose.RECOVERY, member_id=stored_id(member))
    audit.record(
        session,
        actor_id=actor.member_id,
        action="member.two_factor_reset",
        subject_type="member",
        subject_id=member.id,
        detail=why,
    )
    close_all_sessions(session, member_id=stored_id(member))  # commits the change too


def _keep_an_admin(session: Session, leaving: Member) -> None:
    """Refuse to demote or suspend the last active admin (nobody could undo it)."""
    others = session.exec(
        select(func.count())
        .select_from(Member)
        .where(
            col(Member.role) == Role.ADMIN,
            col(Member.status) == MemberStatus.ACTIVE,
            col(Member.id) != leaving.id,
        )
    ).one()
    if others == 0:
        raise PermissionDenied("people.last_admin")


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
