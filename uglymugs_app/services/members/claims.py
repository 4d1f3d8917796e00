""" "I'm handling this": one moderator at a time on an application.

A claim is taken with one conditional UPDATE, so two moderators pressing the
button at once cannot both get it. It lasts until she decides, asks for more
or hands it back, or until ``verification_claim_hours`` pass without that (a
tablet left at the office must not lock an application away). Nobody acts on
an application someone else holds: an admin may hand another's claim back,
audited, and then take it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, update
from sqlmodel import Session, col

from uglymugs_app.models import Member, MemberStatus, Role
from uglymugs_app.models.common import as_utc, utcnow
from uglymugs_app.services.actors import STAFF, Actor, require
from uglymugs_app.services.errors import InvalidInput, NotFound, PermissionDenied
from uglymugs_app.services.security import audit
from uglymugs_app.settings import Settings

OPEN_STATUSES = (MemberStatus.PENDING, MemberStatus.MORE_INFO)


def claim_cutoff(settings: Settings, now: datetime) -> datetime:
    """Claims taken before this moment have lapsed."""
    return now - timedelta(hours=settings.verification_claim_hours)


def holder(member: Member, settings: Settings, now: datetime) -> int | None:
    """Who holds the application now (``None``: nobody, or the claim lapsed)."""
    if member.claimed_by_id is None or member.claimed_at is None:
        return None
    if as_utc(member.claimed_at) <= claim_cutoff(settings, now):
        return None
    return member.claimed_by_id


def ensure_free_for(member: Member, actor: Actor, settings: Settings, now: datetime) -> None:
    """Refuse to act on an application another moderator is handling."""
    held_by = holder(member, settings, now)
    if held_by is not None and held_by != actor.member_id:
        raise InvalidInput("verification.claim.other")


def claim(
    session: Session,
    *,
    settings: Settings,
    actor: Actor,
    member_id: int,
    now: datetime | None = None,
) -> None:
    """She takes the application; refused while another moderator holds it."""
    require(actor, *STAFF)
    moment = now or utcnow()
    result = session.exec(  # type: ignore[call-overload]
        update(Member)
        .where(
            col(Member.id) == member_id,
            col(Member.role) == Role.APPLICANT,
            col(Member.status).in_(OPEN_STATUSES),
            or_(
                col(Member.claimed_by_id).is_(None),
                col(Member.claimed_by_id) == actor.member_id,
                col(Member.claimed_at) <= claim_cutoff(settings, moment),
            ),
        )
        .values(claimed_by_id=actor.member_id, claimed_at=moment)
    )
    if result.rowcount != 1:
        session.rollback()
        member = session.get(Member, member_id)
        if member is None or member.role != Role.APPLICANT or member.status not in OPEN_STATUSES:
            raise NotFound()
        raise InvalidInput("verification.claim.other")
    audit.record(
        session,
        actor_id=actor.member_id,
        action="applicant.claim",
        subject_type="member",
        subject_id=member_id,
    )
    session.commit()


def hand_back(
    session: Session,
    *,
    settings: Settings,
    actor: Actor,
    member_id: int,
    now: datetime | None = None,
) -> None:
    """Back to the queue: her own claim, or (an admin) anyone's."""
    require(actor, *STAFF)
    member = session.get(Member, member_id)
    if member is None or member.role != Role.APPLICANT or member.status not in OPEN_STATUSES:
        raise NotFound()
    held_by = holder(member, settings, now or utcnow())
    if held_by is None:
        return
    if held_by != actor.member_id and actor.role != Role.ADMIN:
        raise PermissionDenied("verification.claim.other")
    release(member)
    session.add(member)
    audit.record(
        session,
        actor_id=actor.member_id,
        action="applicant.hand_back",
        subject_type="member",
        subject_id=member_id,
        after={"held_by": held_by} if held_by != actor.member_id else None,
    )
    session.commit()


def release(member: Member) -> None:
    member.claimed_by_id, member.claimed_at = None, None
