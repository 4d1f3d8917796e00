"""Retention: reports are erased a set time after their story ended.

A report is due when nothing of it is shown any more and its retention has
run (``Settings.report_retention_days``, or ``withdrawn_report_retention_days``
for one she withdrew), counted from the later of

- the end of its warning (expired: ``expires_at``; retracted: ``retracted_at``),
- the end of its handling (declined, closed or withdrawn: ``closed_at``).

A report whose warning still shows, or that is still being handled, is never
due. Erasing deletes its identifier indexes, its thread, her consent and
its warning's identifiers, and empties the report and the warning: what
stays is a numbered row with the handling times (so no later report or
warning is given its number, and the append-only police log still points at
a row), and one more in the anonymous tallies the figures read
(``ReportTally``). Reports it was linked to are counted again without it.
"""

from __future__ import annotations

import json
import logging
from datetime import date, datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, delete, select

from uglymugs_app.models import (
    PoliceConsent,
    Report,
    ReportIdentifier,
    ReportMessage,
    ReportStatus,
    ReportTally,
    Warning,
    WarningIdentifier,
    WarningStatus,
)
from uglymugs_app.models.common import as_utc, stored_id, utcnow
from uglymugs_app.models.reads import WarningRead
from uglymugs_app.services.database import upsert_insert
from uglymugs_app.services.reports.repeat_offenders import linked_reports
from uglymugs_app.services.reports.repeat_offenders import refresh as refresh_repeats
from uglymugs_app.services.security import audit
from uglymugs_app.services.security.instance_secrets import InstanceSecrets
from uglymugs_app.settings import Settings

log = logging.getLogger("uglymugs.maintenance")

# Reports whose handling has ended (or may end with their warning).
_SETTLED = (
    ReportStatus.PUBLISHED,
    ReportStatus.NOT_PUBLISHED,
    ReportStatus.CLOSED,
    ReportStatus.WITHDRAWN,
)
# The figures ``services/stats`` reads from the tallies of erased reports.
TALLY_BY_TYPE = "reports_by_type"
TALLY_BY_REGION = "reports_by_region"
# A round erases at most this many (oldest first) and leaves the rest to the
# next: the first round of an installation with years of reports stays short.
MAX_ERASED_PER_ROUND = 500


def retention_clock(
    *,
    status: str,
    closed_at: datetime | None,
    warning_status: str | None,
    warning_end: datetime | None,
) -> datetime | None:
    """The moment a report's retention starts, or None while it must be kept."""
    if warning_status == WarningStatus.ACTIVE or status not in _SETTLED:
        return None
    ends = [as_utc(moment) for moment in (closed_at, warning_end) if moment is not None]
    return max(ends) if ends else None


def due_reports(session: Session, *, settings: Settings, now: datetime) -> list[int]:
    """Ids of reports whose retention has run at ``now``, oldest first."""
    # Dates and codes only: a round must not read every narrative it keeps.
    reports = session.exec(
        select(Report.id, Report.status, Report.closed_at)
        .where(col(Report.status).in_(_SETTLED))
        .order_by(col(Report.id))
    ).all()
    warnings: dict[int, tuple[str | None, datetime | None, datetime | None]] = {
        report_id: (status, expires_at, retracted_at)
        for report_id, status, expires_at, retracted_at in session.exec(
            select(Warning.report_id, Warning.status, Warning.expires_at, Warning.retracted_at)
        ).all()
    }
    due = []
    for report_id, status, closed_at in reports:
        if report_id is None:  # a loaded row always has one; the column type says otherwise
            continue
        warning_status, expires_at, retracted_at = warnings.get(report_id, (None, None, None))
        end = retracted_at if warning_status == WarningStatus.RETRACTED else expires_at
        clock = retention_clock(
            status=status, closed_at=closed_at, warning_status=warning_status, warning_end=end
        )
        days = (
            settings.withdrawn_report_retention_days
            if status == ReportStatus.WITHDRAWN
            else settings.report_retention_days
        )
        if clock is not None and clock <= now - timedelta(days=days):
            due.append(report_id)
    return due


def erase_due_reports(
    session: Session, *, secrets: InstanceSecrets, settings: Settings, now: datetime | None = None
) -> int:
    """Erase the reports whose retention has run (at most ``MAX_ERASED_PER_ROUND``);
    one commit per report."""
    moment = now or utcnow()
    erased = 0
    for report_id in due_reports(session, settings=settings, now=moment)[:MAX_ERASED_PER_ROUND]:
        if erase_report(session, secrets=secrets, report_id=report_id, now=moment):
            erased += 1
    return erased


def erase_report(
    session: Session, *, secrets: InstanceSecrets, report_id: int, now: datetime | None = None
) -> bool:
    """Erase one report as described above; commits. False if it was erased already.

    The status changes first, in one conditional UPDATE: two rounds at once
    erase and tally it once.
    """
    moment = now or utcnow()
    report = session.get(Report, report_id)
    if report is None or report.status == ReportStatus.ERASED:
        return False
    linked = [
        link.report_id for link in linked_reports(session, secrets=secrets, report_id=report_id)
    ]
    region, types, week = report.region, json.loads(report.incident_types), _week(report.created_at)
    claimed = session.exec(
        update(Report)
        .where(col(Report.id) == report_id, col(Report.status) != ReportStatus.ERASED)
        .values(status=ReportStatus.ERASED, updated_at=moment)
    )
    if claimed.rowcount != 1:
        session.rollback()
        return False
    _tally(session, TALLY_BY_REGION, week, [region])
    _tally(session, TALLY_BY_TYPE, week, types)
    for table in (ReportIdentifier, ReportMessage, PoliceConsent):
        session.exec(delete(table).where(col(table.report_id) == report_id))
    warning = session.exec(select(Warning).where(Warning.report_id == report_id)).first()
    if warning is not None:
        _empty_warning(session, warning, moment)
    session.refresh(report)
    _empty_report(report, moment)
    session.add(report)
    session.flush()
    for other in linked:
        refresh_repeats(session, secrets=secrets, report_id=other)
    audit.record(
        session,
        actor_id=None,
        action="report.erase",
        subject_type="report",
        subject_id=report_id,
        after={"warning": warning is not None, "linked": len(linked)},
    )
    session.commit()
    return True


def _empty_warning(session: Session, warning: Warning, moment: datetime) -> None:
    from uglymugs_app.services.push import outbox as push_outbox  # push imports warnings

    warning_id = stored_id(warning)
    session.exec(delete(WarningIdentifier).where(col(WarningIdentifier.warning_id) == warning_id))
    session.exec(delete(WarningRead).where(col(WarningRead.warning_id) == warning_id))
    push_outbox.cancel_unsent(session, warning_id=warning_id)
    warning.status = WarningStatus.ERASED
    warning.summary = warning.change_reason = warning.review_reason = ""
    warning.severity = warning.place_kind = warning.incident_month = ""
    warning.regions = warning.incident_types = "[]"
    warning.appearance = "{}"
    warning.review_requested_at = None
    warning.updated_at = moment
    session.add(warning)


def _empty_report(report: Report, moment: datetime) -> None:
    """Keep the number and the handling times (anonymous); empty the rest."""
    report.reporter_ref = report.submitter_ref = None
    report.reporter_sealed = report.area_sealed = report.narrative_sealed = ""
    report.appearance_sealed = report.wishes_sealed = report.decline_reason_sealed = ""
    report.region = report.place_kind = report.part_of_day = ""
    report.incident_types = "[]"
    report.incident_date = as_utc(report.created_at).date()
    report.urgent = report.repeat = False
    report.status = ReportStatus.ERASED
    report.updated_at = moment


def _tally(session: Session, figure: str, week: date, codes: list[str]) -> None:
    # __table__ is set by SQLModel at class creation; its stubs do not declare it.
    table = ReportTally.__table__  # type: ignore[attr-defined]
    for code in codes:
        if not code:
            continue
        statement = upsert_insert(session)(table).values(
            figure=figure, week=week, code=code[:32], count=1
        )
        session.connection().execute(
            statement.on_conflict_do_update(
                index_elements=["figure", "week", "code"],
                set_={"count": table.c["count"] + 1},
            )
        )


def _week(moment: datetime) -> date:
    day = as_utc(moment).date()
    return day - timedelta(days=day.weekday())


def tallies(session: Session, *, figure: str, start: date, end: date) -> list[ReportTally]:
    """The tallies of erased reports for ``figure`` in the weeks ``start``..``end``."""
    return list(
        session.exec(
            select(ReportTally).where(
                ReportTally.figure == figure,
                col(ReportTally.week) >= start - timedelta(days=start.weekday()),
                col(ReportTally.week) <= end,
            )
        )
    )
