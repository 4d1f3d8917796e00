"""The verification queue: is this applicant really a sex worker?

Moderators approve, reject or ask for more. The evidence (an ad link) is
deleted once decided, and the time from application to decision is kept for
the statistics. Invite codes (outreach) and vouch codes (members, where
enabled) are issued here too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from uglymugs_app.models import CodePurpose, Member, MemberStatus, Role
from uglymugs_app.models.common import as_utc, stored_id, utcnow
from uglymugs_app.services.actors import STAFF, Actor, require
from uglymugs_app.services.errors import InvalidInput, NotFound
from uglymugs_app.services.members.accounts import EVIDENCE_FIELD, seal_ad_link
from uglymugs_app.services.notifications import MemberEvent, StaffEvent, notify_member, notify_staff
from uglymugs_app.services.security import audit, field_crypto
from uglymugs_app.services.security.instance_secrets import InstanceSecrets
from uglymugs_app.services.security.one_time_codes import find_code, issue_code, redeem_code
from uglymugs_app.settings import Settings

MESSAGE_MAX = 1000
DECISIONS: dict[str, MemberEvent] = {
    MemberStatus.ACTIVE: MemberEvent.APPLICATION_APPROVED,
    MemberStatus.REJECTED: MemberEvent.APPLICATION_REJECTED,
}


@dataclass(frozen=True)
class Application:
    member_id: int
    working_name: str
    status: str
    applied_at: datetime
    evidence_kind: str
    evidence: str  # the ad link, opened for the moderator only
    vouched_by: str
    regions: list[str]
    message: str


@dataclass(frozen=True)
class ApplicationStatus:
    status: str
    message: str


def verification_queue(
    session: Session, *, secrets: InstanceSecrets, actor: Actor
) -> list[Application]:
    """Applicants waiting for a decision or for more from her, oldest first."""
    require(actor, *STAFF)
    rows = session.exec(
        select(Member)
        .where(
            Member.role == Role.APPLICANT,
            col(Member.status).in_([MemberStatus.PENDING, MemberStatus.MORE_INFO]),
        )
        .order_by(col(Member.applied_at))
    )
    return [_application(session, secrets, member) for member in rows]


def approve(session: Session, *, actor: Actor, member_id: int) -> None:
    """She is a member from now on."""
    _decide(session, actor, member_id, MemberStatus.ACTIVE, "")


def reject(session: Session, *, actor: Actor, member_id: int, message: str = "") -> None:
    """Not accepted; the message (optional) is shown to her."""
    _decide(session, actor, member_id, MemberStatus.REJECTED, message)


def ask_for_more(session: Session, *, actor: Actor, member_id: int, message: str) -> None:
    """Ask her for more proof; she sees the message on her status page."""
    require(actor, *STAFF)
    text = _message(message, required=True)
    member = _applicant(session, member_id)
    member.status, member.moderator_message = MemberStatus.MORE_INFO, text
    session.add(member)
    notify_member(
        session,
        member_id=stored_id(member),
        event=MemberEvent.APPLICATION_MORE_ASKED,
        subject_id=int(utcnow().timestamp()),  # each question is news
    )
    audit.record(
        session,
        actor_id=actor.member_id,
        action="applicant.ask_more",
        subject_type="member",
        subject_id=member.id,
    )
    session.commit()


def add_evidence(
    session: Session, *, secrets: InstanceSecrets, actor: Actor, kind: str, evidence: str
) -> None:
    """The applicant answers: a (new) ad link or an invite code."""
    require(actor, Role.APPLICANT)
    member = session.get(Member, actor.member_id)
    if member is None or member.status not in (MemberStatus.PENDING, MemberStatus.MORE_INFO):
        raise InvalidInput("verification.not_waiting")
    if kind == "invite":
        code = redeem_code(
            session,
            secrets=secrets,
            purpose=CodePurpose.INVITE,
            code=evidence,
            used_by_id=member.id,
        )
        _finish(member, MemberStatus.ACTIVE, code.issued_by_id, utcnow())
        member.evidence_kind = "invite"
    else:
        answered = member.status == MemberStatus.MORE_INFO
        seal_ad_link(secrets, member, evidence)
        member.status = MemberStatus.PENDING
        _tell_staff_of_evidence(session, member, answered=answered)
    session.add(member)
    session.commit()


def _tell_staff_of_evidence(session: Session, member: Member, *, answered: bool) -> None:
    """The verification queue has new evidence to look at.

    Her answer to a moderator's question is told each time (it is recorded,
    and its record's number, negated so it never equals a member id, makes it
    a new notification); changing her link while still waiting is told once
    (by her member id), so an applicant cannot ring the staff's phones by
    repeating it.
    """
    subject = stored_id(member)
    if answered:
        event = audit.record(
            session,
            actor_id=subject,
            action="application.answer",
            subject_type="member",
            subject_id=subject,
        )
        session.flush()
        subject = -stored_id(event)
    notify_staff(session, event=StaffEvent.APPLICANT_EVIDENCE, subject_id=subject)


def application_status(session: Session, *, actor: Actor) -> ApplicationStatus:
    member = session.get(Member, actor.member_id)
    if member is None:
        raise NotFound()
    return ApplicationStatus(status=member.status, message=member.moderator_message)


def issue_invite_code(
    session: Session, *, secrets: InstanceSecrets, settings: Settings, actor: Actor
) -> str:
    """Outreach workers (and staff) give a newcomer a code that verifies her."""
    require(actor, Role.OUTREACH, *STAFF)
    return _issue(
        session, secrets, actor, CodePurpose.INVITE, timedelta(days=settings.invite_code_days)
    )


def issue_vouch_code(
    session: Session, *, secrets: InstanceSecrets, settings: Settings, actor: Actor
) -> str:
    """Where enabled, a member vouches for a newcomer; a moderator still decides."""
    require(actor, Role.MEMBER)
    if not settings.vouching_enabled:
        raise InvalidInput("verification.vouch.disabled")
    return _issue(
        session, secrets, actor, CodePurpose.VOUCH, timedelta(days=settings.invite_code_days)
    )


def check_code(session: Session, *, secrets: InstanceSecrets, purpose: str, code: str) -> None:
    """Raise ``InvalidInput`` if the code cannot be used (for early form feedback)."""
    find_code(session, secrets=secrets, purpose=purpose, code=code)


def _issue(
    session: Session, secrets: InstanceSecrets, actor: Actor, purpose: str, lifetime: timedelta
) -> str:
    code = issue_code(
        session, secrets=secrets, purpose=purpose, issued_by_id=actor.member_id, lifetime=lifetime
    )
    audit.record(
        session,
        actor_id=actor.member_id,
        action=f"code.{purpose}",
        subject_type="member",
        subject_id=actor.member_id,
    )
    session.commit()
    return code


def _decide(session: Session, actor: Actor, member_id: int, status: str, message: str) -> None:
    require(actor, *STAFF)
    member = _applicant(session, member_id)
    _finish(member, status, actor.member_id, utcnow())
    member.moderator_message = _message(message, required=False)
    session.add(member)
    # Her devices hear the decision; a rejected applicant's are removed once it
    # is sent (housekeeping: push.subscriptions.prune_rejected_devices).
    notify_member(session, member_id=stored_id(member), event=DECISIONS[status], subject_id=0)
    audit.record(
        session,
        actor_id=actor.member_id,
        action=f"applicant.{status}",
        subject_type="member",
        subject_id=member.id,
        after={"status": status, "seconds": member.decision_seconds},
    )
    session.commit()


def _finish(member: Member, status: str, decided_by: int | None, moment: datetime) -> None:
    # The evidence has done its work: delete it with the decision.
    member.status = status
    if status == MemberStatus.ACTIVE:
        member.role = Role.MEMBER
    member.evidence_sealed = ""
    member.decided_at, member.decided_by_id = moment, decided_by
    member.decision_seconds = int((moment - as_utc(member.applied_at)).total_seconds())


def _applicant(session: Session, member_id: int) -> Member:
    member = session.get(Member, member_id)
    if (
        member is None
        or member.role != Role.APPLICANT
        or member.status not in (MemberStatus.PENDING, MemberStatus.MORE_INFO)
    ):
        raise NotFound()
    return member


def _message(text: str, *, required: bool) -> str:
    text = (text or "").strip()
    if required and not text:
        raise InvalidInput("verification.message.missing")
    if len(text) > MESSAGE_MAX:
        raise InvalidInput("verification.message.too_long")
    return text


def _application(session: Session, secrets: InstanceSecrets, member: Member) -> Application:
    evidence = ""
    if member.evidence_sealed:
        evidence = field_crypto.decrypt(
            secrets=secrets, field=EVIDENCE_FIELD, token=member.evidence_sealed
        )
    voucher = session.get(Member, member.vouched_by_id) if member.vouched_by_id else None
    return Application(
        member_id=stored_id(member),
        working_name=member.working_name,
        status=member.status,
        applied_at=member.applied_at,
        evidence_kind=member.evidence_kind,
        evidence=evidence,
        vouched_by=voucher.working_name if voucher else "",
        regions=json.loads(member.regions),
        message=member.moderator_message,
    )
