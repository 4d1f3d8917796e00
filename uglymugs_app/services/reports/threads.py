"""The conversation between a reporter and the moderators about one report.

The moderator's first message moves a new report to "in conversation"; that
is also how a moderator asks her for more. Reading a thread marks the other
side's messages read, which clears the unread badges.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, func, or_, select

from uglymugs_app.models import AuthorRole, Report, ReportMessage, ReportStatus
from uglymugs_app.models.common import stored_id, utcnow
from uglymugs_app.services.actors import STAFF, Actor, require
from uglymugs_app.services.errors import InvalidInput, NotFound
from uglymugs_app.services.notifications import MemberEvent, StaffEvent, notify_member, notify_staff
from uglymugs_app.services.push.sender import wake_push_senders
from uglymugs_app.services.reports.submission import owned_report, reporter_member_id
from uglymugs_app.services.security import audit, field_crypto
from uglymugs_app.services.security.instance_secrets import InstanceSecrets

MAX_MESSAGE = 4000
FIELD = "report_message.body"


@dataclass(frozen=True)
class MessageView:
    id: int
    author_role: str
    body: str
    created_at: datetime
    mine: bool


def send_reporter_message(
    session: Session, *, secrets: InstanceSecrets, member_id: int, report_id: int, body: str
) -> MessageView:
    """She writes to the moderators about her own report."""
    report = owned_report(session, secrets=secrets, member_id=member_id, report_id=report_id)
    # Her own messages carry no member id: the report's pseudonym is enough.
    message = _add(session, secrets, report, AuthorRole.REPORTER, None, body)
    if unread_for_moderators(session, report_id=stored_id(report)) == 1:
        # The first reply the moderators have not read: one alert per batch,
        # so a long exchange (or a flood) does not ring every staff phone.
        notify_staff(session, event=StaffEvent.REPORTER_REPLY, subject_id=stored_id(message))
    session.commit()
    return _view(secrets, message, AuthorRole.REPORTER)


def send_moderator_message(
    session: Session, *, secrets: InstanceSecrets, actor: Actor, report_id: int, body: str
) -> MessageView:
    """A moderator writes to the reporter (also "ask for more"); audited, and her
    devices are notified."""
    require(actor, *STAFF)
    report = session.get(Report, report_id)
    if report is None:
        raise NotFound()
    before = {"status": report.status}
    message = _add(session, secrets, report, AuthorRole.MODERATOR, actor.member_id, body)
    if report.first_moderator_reply_at is None:
        report.first_moderator_reply_at = message.created_at
    if report.status == ReportStatus.RECEIVED:
        report.status = ReportStatus.IN_CONVERSATION
    session.add(report)
    audit.record(
        session,
        actor_id=actor.member_id,
        action="report.message",
        subject_type="report",
        subject_id=report.id,
        before=before,
        after={"status": report.status},
    )
    # Her phone is told there is a message (never its words); in this
    # transaction, so she is told if and only if it is stored.
    reporter = reporter_member_id(secrets=secrets, report=report)
    if reporter is not None:
        notify_member(
            session,
            member_id=reporter,
            event=MemberEvent.MODERATOR_MESSAGE,
            subject_id=stored_id(message),
        )
    session.commit()
    wake_push_senders()
    return _view(secrets, message, AuthorRole.MODERATOR)


def reporter_thread(
    session: Session, *, secrets: InstanceSecrets, member_id: int, report_id: int
) -> list[MessageView]:
    """Her thread, oldest first; marks the moderators' messages read."""
    owned_report(session, secrets=secrets, member_id=member_id, report_id=report_id)
    return _read(session, secrets, report_id, AuthorRole.REPORTER)


def moderator_thread(
    session: Session, *, secrets: InstanceSecrets, actor: Actor, report_id: int
) -> list[MessageView]:
    """The thread for a moderator, oldest first; marks her messages read."""
    require(actor, *STAFF)
    if session.get(Report, report_id) is None:
        raise NotFound()
    return _read(session, secrets, report_id, AuthorRole.MODERATOR)


def unread_for_member(session: Session, *, secrets: InstanceSecrets, member_id: int) -> int:
    """Moderator messages she has not read, over all her reports (the badge)."""
    ref = field_crypto.member_ref(secrets=secrets, member_id=member_id)
    return session.exec(
        select(func.count())
        .select_from(ReportMessage)
        .join(Report)
        .where(
            or_(Report.reporter_ref == ref, Report.submitter_ref == ref),
            ReportMessage.author_role == AuthorRole.MODERATOR,
            col(ReportMessage.read_by_reporter).is_(False),
        )
    ).one()


def unread_for_moderators(session: Session, *, report_id: int) -> int:
    """Messages from the reporter no moderator has read yet."""
    return session.exec(
        select(func.count())
        .select_from(ReportMessage)
        .where(
            ReportMessage.report_id == report_id,
            ReportMessage.author_role == AuthorRole.REPORTER,
            col(ReportMessage.read_by_moderator).is_(False),
        )
    ).one()


def _add(
    session: Session,
    secrets: InstanceSecrets,
    report: Report,
    role: AuthorRole,
    author_id: int | None,
    body: str,
) -> ReportMessage:
    text = body.strip()
    if not text or len(text) > MAX_MESSAGE:
        raise InvalidInput("message.body.invalid")
    message = ReportMessage(
        report_id=stored_id(report),
        author_role=role,
        author_id=author_id,
        body_sealed=field_crypto.encrypt(secrets=secrets, field=FIELD, plaintext=text),
        read_by_reporter=role == AuthorRole.REPORTER,
        read_by_moderator=role == AuthorRole.MODERATOR,
    )
    report.updated_at = utcnow()
    session.add(message)
    session.flush()
    return message


def _read(
    session: Session, secrets: InstanceSecrets, report_id: int, reader: AuthorRole
) -> list[MessageView]:
    messages = session.exec(
        select(ReportMessage)
        .where(ReportMessage.report_id == report_id)
        .order_by(col(ReportMessage.created_at), col(ReportMessage.id))
    ).all()
    views = [_view(secrets, message, reader) for message in messages]
    flag = "read_by_reporter" if reader == AuthorRole.REPORTER else "read_by_moderator"
    for message in messages:
        if not getattr(message, flag):
            setattr(message, flag, True)
            session.add(message)
    session.commit()
    return views


def _view(secrets: InstanceSecrets, message: ReportMessage, reader: AuthorRole) -> MessageView:
    return MessageView(
        id=stored_id(message),
        author_role=message.author_role,
        body=field_crypto.decrypt(secrets=secrets, field=FIELD, token=message.body_sealed),
        created_at=message.created_at,
        mine=message.author_role == reader,
    )
