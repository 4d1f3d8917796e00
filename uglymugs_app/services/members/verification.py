"""The verification queue: is this applicant really a sex worker?

Moderators take an application ("I'm handling this", ``claims``), then
approve, reject or ask for more (the question starts an ``exchange`` she
answers on her status page). The evidence (an ad link) and the exchange are
deleted once decided, and the time from application to decision is kept for
the statistics. The queue's pages and counts are in ``queue``; invite codes
(outreach) and vouch codes (members, where enabled) are issued here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlmodel import Session

from uglymugs_app.models import CodePurpose, Member, MemberStatus, Role
from uglymugs_app.models.common import as_utc, stored_id, utcnow
from uglymugs_app.services.actors import STAFF, Actor, require
from uglymugs_app.services.errors import InvalidInput, NotFound
from uglymugs_app.services.members import claims, exchange, queue
from uglymugs_app.services.members import evidence as evidence_keys
from uglymugs_app.services.members.accounts import usable_code
from uglymugs_app.services.members.exchange import ExchangeEntry
from uglymugs_app.services.members.queue import QueueEntry
from uglymugs_app.services.notifications import MemberEvent, StaffEvent, notify_member, notify_staff
from uglymugs_app.services.security import audit
from uglymugs_app.services.security.instance_secrets import InstanceSecrets
from uglymugs_app.services.security.one_time_codes import find_code, issue_code, redeem_code
from uglymugs_app.settings import Settings, get_settings


@dataclass(frozen=True)
class Application:
    """The application a moderator has taken: the queue entry, the opened ad
    link and the exchange with her."""

    entry: QueueEntry
    evidence: str  # the ad link, opened for the moderator who holds it
    exchange: list[ExchangeEntry]


@dataclass(frozen=True)
class ApplicationStatus:
    status: str
    message: str  # the moderator's words with a rejection
    exchange: list[ExchangeEntry] = field(default_factory=list)


def open_application(
    session: Session,
    *,
    secrets: InstanceSecrets,
    settings: Settings,
    actor: Actor,
    member_id: int,
    now: datetime | None = None,
) -> Application:
    """ "I'm handling this": she claims the application and sees all of it."""
    moment = now or utcnow()
    claims.claim(session, settings=settings, actor=actor, member_id=member_id, now=moment)
    member = _applicant(session, member_id)
    [entry] = queue.entries_for(session, secrets, settings, actor, [member], moment)
    return Application(
        entry=entry,
        evidence=queue.opened_link(secrets, member),
        exchange=exchange.exchanges(session, secrets=secrets, member_ids=[member_id]).get(
            member_id, []
        ),
    )


def approve(
    session: Session, *, actor: Actor, member_id: int, settings: Settings | None = None
) -> None:
    """She is a member from now on."""
    _decide(session, actor, member_id, MemberStatus.ACTIVE, "", settings)


def reject(
    session: Session,
    *,
    actor: Actor,
    member_id: int,
    message: str = "",
    settings: Settings | None = None,
) -> None:
    """Not accepted; the message (optional) is shown to her."""
    _decide(session, actor, member_id, MemberStatus.REJECTED, message, settings)


def ask_for_more(
    session: Session,
    *,
    secrets: InstanceSecrets,
    actor: Actor,
    member_id: int,
    message: str,
    settings: Settings | None = None,
    now: datetime | None = None,
) -> None:
    """Ask her for more proof; she sees the question on her status page and
    answers there. The application goes back to the queue meanwhile."""
    require(actor, *STAFF)
    moment = now or utcnow()
    text = exchange.message_text(message, required=True)
    member = _applicant(session, member_id)
    claims.ensure_free_for(member, actor, settings or get_settings(), moment)
    exchange.add_question(session, secrets=secrets, actor=actor, member=member, text=text)
    member.status, member.moderator_message = MemberStatus.MORE_INFO, ""
    member.application_active_at = moment
    claims.release(member)
    session.add(member)
    audit.record(
        session,
        actor_id=actor.member_id,
        action="applicant.ask_more",
        subject_type="member",
        subject_id=member.id,
    )
    notify_member(
        session,
        member_id=stored_id(member),
        event=MemberEvent.APPLICATION_MORE_ASKED,
        subject_id=int(moment.timestamp()),  # each question is news
    )
    session.commit()


def add_evidence(
    session: Session, *, secrets: InstanceSecrets, actor: Actor, kind: str, evidence: str
) -> None:
    """The applicant answers with an invite code (a link goes through
    ``exchange.answer``). A code another account used puts her in the queue,
    flagged, instead of verifying her."""
    require(actor, Role.APPLICANT)
    member = session.get(Member, actor.member_id)
    if member is None or member.status not in exchange.ANSWERABLE:
        raise InvalidInput("verification.not_waiting")
    _tell_staff_of_evidence(session, member, answered=member.status == MemberStatus.MORE_INFO)
    if kind != "invite":
        exchange.answer(session, secrets=secrets, actor=actor, text="", link=evidence)
        return
    evidence_keys.mark_code(secrets, member, evidence)
    if usable_code(session, secrets, CodePurpose.INVITE, evidence):
        code = redeem_code(
            session,
            secrets=secrets,
            purpose=CodePurpose.INVITE,
            code=evidence,
            used_by_id=member.id,
        )
        _finish(session, member, MemberStatus.ACTIVE, code.issued_by_id, utcnow())
    else:
        member.status = MemberStatus.PENDING
        member.evidence_sealed = ""
        member.application_active_at = utcnow()
    member.evidence_kind = "invite"
    session.add(member)
    session.commit()


def application_status(
    session: Session, *, actor: Actor, secrets: InstanceSecrets | None = None
) -> ApplicationStatus:
    """Where her application stands, and (with ``secrets``) her exchange with us."""
    member = session.get(Member, actor.member_id)
    if member is None:
        raise NotFound()
    found = (
        exchange.exchanges(session, secrets=secrets, member_ids=[actor.member_id])
        if secrets is not None
        else {}
    )
    return ApplicationStatus(
        status=member.status,
        message=member.moderator_message,
        exchange=found.get(actor.member_id, []),
    )


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


DECISIONS: dict[str, MemberEvent] = {
    MemberStatus.ACTIVE: MemberEvent.APPLICATION_APPROVED,
    MemberStatus.REJECTED: MemberEvent.APPLICATION_REJECTED,
}


def _tell_staff_of_evidence(session: Session, member: Member, *, answered: bool) -> None:
    """The verification queue has new evidence to look at.

    Her answer to a moderator's question is told each time (its audit record's
    number, negated so it never equals a member id, makes it a new
    notification); changing her link while still waiting is told once.
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


def _decide(
    session: Session,
    actor: Actor,
    member_id: int,
    status: str,
    message: str,
    settings: Settings | None,
) -> None:
    require(actor, *STAFF)
    member = _applicant(session, member_id)
    claims.ensure_free_for(member, actor, settings or get_settings(), utcnow())
    text = exchange.message_text(message, required=False)
    _finish(session, member, status, actor.member_id, utcnow())
    member.moderator_message = text
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


def _finish(
    session: Session, member: Member, status: str, decided_by: int | None, moment: datetime
) -> None:
    # The evidence has done its work: delete it, and the exchange, with the
    # decision. The keyed hash of the link stays with the account (duplicates).
    member.status = status
    if status == MemberStatus.ACTIVE:
        member.role = Role.MEMBER
    member.evidence_sealed, member.evidence_site_key = "", ""
    claims.release(member)
    exchange.delete_exchange(session, member_id=stored_id(member))
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
