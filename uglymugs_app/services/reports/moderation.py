"""The moderator's side of a report: the queue, the detail, declining, closing.

Every function takes the acting ``Actor``, refuses non-moderators with
``PermissionDenied`` and writes an audit event with the change. Opening a
report is audited as a view only when she asks to see it, not when the
dashboard shows it afresh after one of her own (already audited) actions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, or_, select

from uglymugs_app.models import Report, ReportStatus, UrgentContact, Warning
from uglymugs_app.models.common import stored_id, utcnow
from uglymugs_app.services.actors import STAFF, Actor, require
from uglymugs_app.services.errors import InvalidInput, NotFound
from uglymugs_app.services.notifications import MemberEvent, notify_member
from uglymugs_app.services.push.sender import wake_push_senders
from uglymugs_app.services.reports.cases import staff_names
from uglymugs_app.services.reports.content import ReportContent, decline_reason, report_content
from uglymugs_app.services.reports.repeat_offenders import (
    LinkedReport,
    independent_reporters,
    linked_reports,
)
from uglymugs_app.services.reports.repeat_offenders import refresh as refresh_repeats
from uglymugs_app.services.reports.submission import reporter_member_id
from uglymugs_app.services.reports.threads import unread_for_moderators
from uglymugs_app.services.security import audit, field_crypto
from uglymugs_app.services.security.instance_secrets import InstanceSecrets

OPEN_STATUSES = (ReportStatus.RECEIVED, ReportStatus.IN_CONVERSATION)


@dataclass(frozen=True)
class QueueItem:
    id: int
    status: str
    urgent: bool
    repeat: bool
    region: str
    incident_date: date
    created_at: datetime
    unread: int
    # She asked to be contacted now, and no moderator has written to her yet.
    contact_now: bool = False
    handler: str = ""  # the working name of the colleague handling it, if any
    # Her warning awaits review because she withdrew ("" if not).
    review: str = ""


@dataclass(frozen=True)
class ReportDetail:
    """Everything the moderator needs to talk with her and compose a warning."""

    item: QueueItem
    on_behalf: bool
    content: ReportContent
    linked: list[LinkedReport]
    reported_count: int
    decline_reason: str
    first_moderator_reply_at: datetime | None
    published_at: datetime | None
    warning_id: int | None


def moderator_queue(
    session: Session,
    *,
    actor: Actor,
    statuses: list[str] | None = None,
    region: str | None = None,
    limit: int = 100,
) -> list[QueueItem]:
    """Reports to handle: urgent (unanswered before answered) first, then oldest first.

    Without ``statuses`` the open ones (received, in conversation) and those
    whose warning awaits review because she withdrew, those first.
    """
    require(actor, *STAFF)
    wanted = list(statuses) if statuses else list(OPEN_STATUSES)
    reviews = dict(
        session.exec(
            select(Warning.report_id, Warning.review_reason).where(
                col(Warning.review_requested_at).is_not(None)
            )
        ).all()
    )
    shown: ColumnElement[bool] = col(Report.status).in_(wanted)
    if not statuses and reviews:
        shown = or_(shown, col(Report.id).in_(list(reviews)))
    query = select(Report).where(shown)
    if region:
        query = query.where(Report.region == region)
    query = query.order_by(
        col(Report.urgent).desc(),
        col(Report.first_moderator_reply_at).is_not(None),
        col(Report.created_at),
        col(Report.id),
    )
    items = [_item(session, report, reviews) for report in session.exec(query.limit(limit))]
    return sorted(items, key=lambda item: item.review == "")


def report_detail(
    session: Session,
    *,
    secrets: InstanceSecrets,
    actor: Actor,
    report_id: int,
    viewing: bool = True,
) -> ReportDetail:
    """A report opened for a moderator.

    ``viewing`` (she opened it) writes a ``report.view`` audit event; the
    dashboard passes False when it only shows the report again after her
    action, which has its own audit event.
    """
    require(actor, *STAFF)
    report = _get(session, report_id)
    warning_id = session.exec(select(Warning.id).where(Warning.report_id == report.id)).first()
    detail = ReportDetail(
        item=_item(session, report),
        on_behalf=report.reporter_ref is None,
        content=report_content(session, secrets=secrets, report=report),
        linked=linked_reports(session, secrets=secrets, report_id=report_id),
        reported_count=independent_reporters(session, secrets=secrets, report_id=report_id),
        decline_reason=decline_reason(secrets, report),
        first_moderator_reply_at=report.first_moderator_reply_at,
        published_at=report.published_at,
        warning_id=warning_id,
    )
    if viewing:
        audit.record(
            session,
            actor_id=actor.member_id,
            action="report.view",
            subject_type="report",
            subject_id=report.id,
        )
        session.commit()
    return detail


def decline_report(
    session: Session, *, secrets: InstanceSecrets, actor: Actor, report_id: int, reason: str
) -> None:
    """Do not publish; she sees ``reason`` in "my reports"."""
    require(actor, *STAFF)
    report = _get(session, report_id)
    text = reason.strip()
    if not text or len(text) > 1000:
        raise InvalidInput("moderation.reason.invalid")
    if report.status == ReportStatus.PUBLISHED:
        raise InvalidInput("moderation.decline.published")
    _set_status(session, actor, report, ReportStatus.NOT_PUBLISHED, "report.decline")
    report.closed_at = report.updated_at  # its retention runs from here
    report.decline_reason_sealed = field_crypto.encrypt(
        secrets=secrets, field="report.decline_reason", plaintext=text
    )
    session.add(report)
    session.flush()
    # A declined report no longer counts as a reporter of the reports it matched.
    refresh_repeats(session, secrets=secrets, report_id=report_id)
    reporter = reporter_member_id(secrets=secrets, report=report)
    if reporter is not None:
        notify_member(
            session, member_id=reporter, event=MemberEvent.REPORT_DECLINED, subject_id=report_id
        )
    session.commit()
    wake_push_senders()


def close_report(session: Session, *, actor: Actor, report_id: int) -> None:
    """Close a handled report (its warning, if any, stays as it is)."""
    require(actor, *STAFF)
    report = _get(session, report_id)
    _set_status(session, actor, report, ReportStatus.CLOSED, "report.close")
    report.closed_at = report.updated_at
    session.commit()


def _set_status(
    session: Session, actor: Actor, report: Report, status: ReportStatus, action: str
) -> None:
    audit.record(
        session,
        actor_id=actor.member_id,
        action=action,
        subject_type="report",
        subject_id=report.id,
        before={"status": report.status},
        after={"status": status.value},
    )
    report.status = status
    report.updated_at = utcnow()
    session.add(report)


def _get(session: Session, report_id: int) -> Report:
    report = session.get(Report, report_id)
    if report is None or report.status == ReportStatus.ERASED:
        raise NotFound()
    return report


def _item(session: Session, report: Report, reviews: dict[int, str] | None = None) -> QueueItem:
    return QueueItem(
        id=stored_id(report),
        status=report.status,
        urgent=report.urgent,
        repeat=report.repeat,
        region=report.region,
        incident_date=report.incident_date,
        created_at=report.created_at,
        unread=unread_for_moderators(session, report_id=stored_id(report)),
        contact_now=report.first_moderator_reply_at is None
        and session.get(UrgentContact, stored_id(report)) is not None,
        handler=staff_names(session, [report.handler_id]).get(report.handler_id or 0, ""),
        review=(reviews or {}).get(stored_id(report), ""),
    )
