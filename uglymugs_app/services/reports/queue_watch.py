"""A cheap fingerprint of the moderators' queue, so an open dashboard reloads
its list only when something in it changed (like ``warnings.feed.feed_version``).

It says nothing about any report (counts, the newest id and time), so the page
may compare it without asking the database who is watching.
"""

from __future__ import annotations

from sqlalchemy import case
from sqlmodel import Session, col, func, select

from uglymugs_app.models import AuthorRole, Report, ReportMessage, ReportStatus

OPEN = (ReportStatus.RECEIVED, ReportStatus.IN_CONVERSATION)


def queue_version(session: Session) -> str:
    """Changes when a report arrives, becomes urgent, changes status or gets a
    reply, and when replies are read."""
    open_count, newest, changed, urgent = session.exec(
        select(
            func.count(case((col(Report.status).in_(OPEN), 1))),
            func.max(Report.id),
            func.max(Report.updated_at),
            func.count(case((col(Report.urgent).is_(True), 1))),
        )
    ).one()
    unread = session.exec(
        select(func.count())
        .select_from(ReportMessage)
        .where(
            ReportMessage.author_role == AuthorRole.REPORTER,
            col(ReportMessage.read_by_moderator).is_(False),
        )
    ).one()
    return f"{open_count}:{newest}:{changed}:{urgent}:{unread}"
