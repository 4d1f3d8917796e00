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
from uglymugs_app.models.common import stored_id
from uglymugs_app.services.identifiers.kinds import MATCHABLE_KINDS
from uglymugs_app.services.reports.content import OpenedIdentifier, report_identifiers
from uglymugs_app.services.security import field_crypto
from uglymugs_app.services.security.instance_secrets import InstanceSecrets

# Declined (found not to stand), withdrawn by her, or erased: not a reporter.
NOT_COUNTED = (ReportStatus.NOT_PUBLISHED, ReportStatus.WITHDRAWN, ReportStatus.ERASED)


@dataclass(frozen=True)
class LinkedReport:
    """Another report sharing an identifier; ``kinds`` says which kinds matched."""

    report_id: int
    status: str
    created_at: datetime
    kinds: list[str]
    warning_id: int | None


def linked_reports(
    session: Session, *, secrets: InstanceSecrets, report_id: int
) -> list[LinkedReport]:
    """Other reports sharing a blind index with this one, oldest first."""
    matches = _matches(session, secrets, report_id)
    if not matches:
        return []
    reports = session.exec(
        select(Report)
        .where(col(Report.id).in_(list(matches)))
        .order_by(col(Report.created_at), col(Report.id))
    )
    warnings = dict(
        session.exec(
            select(Warning.report_id, Warning.id).where(col(Warning.report_id).in_(list(matches)))
        ).all()
    )
    return [
        LinkedReport(
            report_id=stored_id(r),
            status=r.status,
            created_at=r.created_at,
            kinds=sorted(matches[stored_id(r)]),
            warning_id=warnings.get(stored_id(r)),
        )
        for r in reports
    ]


def independent_reporters(session: Session, *, secrets: InstanceSecrets, report_id: int) -> int:
    """How many different people reported the man of this report (at least 1).

    Declined reports do not count (a moderator found them not to stand), nor
    withdrawn or erased ones.
    """
    return _count_reporters(session, report_id, _matches(session, secrets, report_id))


def refresh(
    session: Session,
    *,
    secrets: InstanceSecrets,
    report_id: int,
    identifiers: list[OpenedIdentifier] | None = None,
) -> None:
    """Recompute the repeat flag and counts of a report and of every linked one.

    Called after a report is stored, declined or published; flushes, the
    caller commits. ``identifiers``: the report's rows already opened by the
    caller, so they are not decrypted again.
    """
    own = _matches(session, secrets, report_id, identifiers)
    for member_id in [report_id, *own]:
        matches = own if member_id == report_id else _matches(session, secrets, member_id)
        count = _count_reporters(session, member_id, matches)
        report = session.get_one(Report, member_id)
        report.repeat = count >= 2
        session.add(report)
        warning = session.exec(select(Warning).where(Warning.report_id == member_id)).first()
        if warning is not None:
            warning.reported_count = count
            warning.repeat = count >= 2
            session.add(warning)
    session.flush()


def _count_reporters(session: Session, report_id: int, matches: dict[int, set[str]]) -> int:
    ids = [report_id, *matches]
    reports = session.exec(
        select(Report).where(col(Report.id).in_(ids), col(Report.status).not_in(NOT_COUNTED))
    ).all()
    return max(1, len({_reporter_key(report) for report in reports}))


def _matches(
    session: Session,
    secrets: InstanceSecrets,
    report_id: int,
    opened: list[OpenedIdentifier] | None = None,
) -> dict[int, set[str]]:
    """report id → kinds shared, over every index key id (rotation-safe)."""
    if opened is None:
        opened = report_identifiers(session, secrets=secrets, report_id=report_id)
    wanted: dict[tuple[str, str], str] = {}
    for row, identifier in opened:
        if identifier.kind not in MATCHABLE_KINDS:
            continue
        for pair in field_crypto.blind_indexes(secrets=secrets, identifier=identifier):
            wanted[pair] = row.kind
    if not wanted:
        return {}
    rows = session.exec(
        select(ReportIdentifier).where(
            col(ReportIdentifier.blind_index).in_([index for _, index in wanted]),
            ReportIdentifier.report_id != report_id,
        )
    )
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
