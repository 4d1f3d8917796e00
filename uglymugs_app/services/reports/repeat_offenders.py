"""Repeat offenders: reports that name the same phone, e-mail, handle or plate.

Two reports are linked when they share a blind index. Independent reporters
are counted (a member reporting the same man twice counts once, before and
after she deletes her account; so do one outreach worker's on-behalf
reports; declined reports not at all); two or more
flag the reports "repeat" and their warnings say "reported N times". Names
never link: too many men call themselves Jan.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from uglymugs_app.models import Report, ReportIdentifier, ReportStatus, Warning
from uglymugs_app.services.identifiers.kinds import MATCHABLE_KINDS
from uglymugs_app.services.reports.content import report_identifiers
from uglymugs_app.services.security import field_crypto
from uglymugs_app.services.security.instance_secrets import InstanceSecrets


@dataclass(frozen=True)
class LinkedReport:
    """Another report sharing an identifier; ``kinds`` says which kinds matched."""

    report_id: int
    status: str
    created_at: datetime
    kinds: list[str]
    warning_id: int | None


def linked_reports(session: Session, *, secrets: InstanceSecrets,
                   report_id: int) -> list[LinkedReport]:
    """Other reports sharing a blind index with this one, oldest first."""
    matches = _matches(session, secrets, report_id)
    if not matches:
        return []
    reports = session.exec(select(Report).where(col(Report.id).in_(list(matches)))
                           .order_by(col(Report.created_at), col(Report.id)))
    warnings = dict(session.exec(select(Warning.report_id, Warning.id)
                                 .where(col(Warning.report_id).in_(list(matches)))).all())
    return [LinkedReport(report_id=r.id, status=r.status, created_at=r.created_at,
                         kinds=sorted(matches[r.id]), warning_id=warnings.get(r.id))
            for r in reports]


def independent_reporters(session: Session, *, secrets: InstanceSecrets, report_id: int) -> int:
    """How many different people reported the man of this report (at least 1).

    Declined reports do not count: a moderator found them not to stand.
    """
    ids = [report_id, *_matches(session, secrets, report_id)]
    reports = session.exec(select(Report).where(
        col(Report.id).in_(ids), Report.status != ReportStatus.NOT_PUBLISHED)).all()
    return max(1, len({_reporter_key(report) for report in reports}))


def refresh(session: Session, *, secrets: InstanceSecrets, report_id: int) -> None:
    """Recompute the repeat flag and counts of a report and of every linked one.

    Called after a report is stored, declined or published; flushes, the
    caller commits.
    """
    group = [report_id, *_matches(session, secrets, report_id)]
    for member_id in group:
        count = independent_reporters(session, secrets=secrets, report_id=member_id)
        report = session.get(Report, member_id)
        report.repeat = count >= 2
        session.add(report)
        warning = session.exec(select(Warning).where(Warning.report_id == member_id)).first()
        if warning is not None:
            warning.reported_count = count
            warning.repeat = count >= 2
            session.add(warning)
    session.flush()


def _matches(session: Session, secrets: InstanceSecrets, report_id: int) -> dict[int, set[str]]:
    """report id → kinds shared, over every index key id (rotation-safe)."""
    wanted: dict[tuple[str, str], str] = {}
    for row, identifier in report_identifiers(session, secrets=secrets, report_id=report_id):
        if identifier.kind not in MATCHABLE_KINDS:
            continue
        for pair in field_crypto.blind_indexes(secrets=secrets, identifier=identifier):
            wanted[pair] = row.kind
    if not wanted:
        return {}
    rows = session.exec(select(ReportIdentifier).where(
        col(ReportIdentifier.blind_index).in_([index for _, index in wanted]),
        ReportIdentifier.report_id != report_id,
    ))
    found: dict[int, set[str]] = {}
    for row in rows:
        kind = wanted.get((row.key_id, row.blind_index))
        if kind is not None:
            found.setdefault(row.report_id, set()).add(kind)
    return found


def _reporter_key(report: Report) -> str:
    if report.reporter_ref is not None:
        return f"member:{report.reporter_ref}"
    # Filed on behalf of a worker without an account: the outreach worker's
    # reports count once, as we cannot tell whether she spoke for one woman
    # or several (a lone on-behalf report stands for its own reporter).
    if report.submitter_ref is not None:
        return f"submitter:{report.submitter_ref}"
    return f"report:{report.id}"
