"""Applications nobody moved for too long expire (housekeeping).

An application waiting for her answer expires ``application_expiry_days``
after the last thing either side did; one waiting for a moderator only when
``pending_application_expiry_days`` is set, because a backlog is the
organisation's delay, not hers. The evidence and the exchange are deleted,
the claim and the site key go; her status page tells her, and she may apply
again with a new link from there.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from uglymugs_app.models import Member, MemberStatus, Role
from uglymugs_app.models.common import stored_id, utcnow
from uglymugs_app.services.members import claims, exchange
from uglymugs_app.services.security import audit
from uglymugs_app.settings import Settings


def expire_applications(
    session: Session, *, settings: Settings, now: datetime | None = None
) -> int:
    """Expire idle applications; returns how many."""
    moment = now or utcnow()
    expired = 0
    for status, days in (
        (MemberStatus.MORE_INFO, settings.application_expiry_days),
        (MemberStatus.PENDING, settings.pending_application_expiry_days),
    ):
        if days <= 0:
            continue
        idle = session.exec(
            select(Member).where(
                col(Member.role) == Role.APPLICANT,
                col(Member.status) == status,
                col(Member.application_active_at) < moment - timedelta(days=days),
            )
        )
        for member in list(idle):
            _expire(session, member)
            expired += 1
    session.commit()
    return expired


def _expire(session: Session, member: Member) -> None:
    member.status = MemberStatus.EXPIRED
    member.evidence_sealed = ""
    member.evidence_key = member.evidence_site_key = ""
    member.moderator_message = ""
    claims.release(member)
    exchange.delete_exchange(session, member_id=stored_id(member))
    session.add(member)
    audit.record(
        session,
        actor_id=None,
        action="applicant.expired",
        subject_type="member",
        subject_id=member.id,
    )
