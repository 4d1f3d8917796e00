"""What an open thread compares every few seconds to know whether to reload.

Two levels, so thousands of open pages cost little: ``threads_fingerprint``
is one reading for the whole installation (each worker shares it between its
open pages, see ``state/live.py``); only when it moves does a page ask for
its own case (``cases.case_version``) or her own reports
(``reporter_version``), and only when that moved does it resolve who she is
and reload.
"""

from __future__ import annotations

from sqlmodel import Session, col, func, select

from uglymugs_app.models import AuditEvent, Report, ReportMessage, ReportNote


def threads_fingerprint(session: Session) -> str:
    """Moves with every message, note and audited change of a report (taken,
    handed over, declined, published, closed): three primary-key maxima."""
    message = session.exec(select(func.max(ReportMessage.id))).one()
    note = session.exec(select(func.max(ReportNote.id))).one()
    audited = session.exec(select(func.max(AuditEvent.id))).one()
    return f"{message}|{note}|{audited}"


def reporter_version(session: Session, *, report_ids: list[int]) -> str:
    """What her "my reports" shows moving: a status, a message, a message read
    (on another of her devices). Reads only the reports given, which her page
    got from the server after checking who she is."""
    if not report_ids:
        return ""
    statuses = session.exec(
        select(Report.id, Report.status)
        .where(col(Report.id).in_(report_ids))
        .order_by(col(Report.id))
    ).all()
    last, unread = session.exec(
        select(
            func.max(ReportMessage.id),
            func.count().filter(col(ReportMessage.read_by_reporter).is_(False)),
        ).where(col(ReportMessage.report_id).in_(report_ids))
    ).one()
    return f"{statuses}|{last}|{unread}"
