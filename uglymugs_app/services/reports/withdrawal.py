"""She takes back her report, or her consent to publish a warning from it.

Both are hers alone, at any time, from "My reports". A warning already
published from the report is not pulled by itself (other women may rely on
it, and a client must not be able to pressure her into making it vanish):
it is flagged for a moderator's review, who retracts, corrects or keeps it.
A withdrawn report no longer counts as a reporter of the man, and is erased
sooner than others (``Settings.withdrawn_report_retention_days``). Audited
without her member id, like her police consent.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from uglymugs_app.models import Report, ReportStatus, Warning, WarningStatus
from uglymugs_app.models.common import stored_id, utcnow
from uglymugs_app.services.errors import InvalidInput
from uglymugs_app.services.reports.repeat_offenders import refresh as refresh_repeats
from uglymugs_app.services.reports.submission import owned_report
from uglymugs_app.services.security import audit, field_crypto
from uglymugs_app.services.security.instance_secrets import InstanceSecrets

REPORT_WITHDRAWN = "report_withdrawn"
CONSENT_WITHDRAWN = "publish_consent_withdrawn"
_GONE = (ReportStatus.WITHDRAWN, ReportStatus.ERASED)


def withdraw_report(
    session: Session,
    *,
    secrets: InstanceSecrets,
    member_id: int,
    report_id: int,
    now: datetime | None = None,
) -> None:
    """Withdraw one of her reports; someone else's is ``NotFound``. Commits."""
    moment = now or utcnow()
    report = _hers(session, secrets, member_id, report_id)
    before = report.status
    _no_publishing(secrets, report)
    report.status = ReportStatus.WITHDRAWN
    report.closed_at = report.updated_at = moment
    session.add(report)
    flagged = _flag_warning(session, report, REPORT_WITHDRAWN, moment)
    session.flush()
    refresh_repeats(session, secrets=secrets, report_id=stored_id(report))
    audit.record(
        session,
        actor_id=None,
        action="report.withdraw",
        subject_type="report",
        subject_id=report.id,
        before={"status": before},
        after={"status": report.status, "warning_review": flagged},
    )
    session.commit()


def withdraw_publish_consent(
    session: Session,
    *,
    secrets: InstanceSecrets,
    member_id: int,
    report_id: int,
    now: datetime | None = None,
) -> None:
    """She no longer allows a warning from this report. Commits."""
    moment = now or utcnow()
    report = _hers(session, secrets, member_id, report_id)
    if not _wishes(secrets, report).get("may_publish", False):
        raise InvalidInput("withdraw.consent.already")
    _no_publishing(secrets, report)
    report.updated_at = moment
    session.add(report)
    flagged = _flag_warning(session, report, CONSENT_WITHDRAWN, moment)
    audit.record(
        session,
        actor_id=None,
        action="report.publish_consent_withdrawn",
        subject_type="report",
        subject_id=report.id,
        after={"warning_review": flagged},
    )
    session.commit()


def may_publish(secrets: InstanceSecrets, report: Report) -> bool:
    """Whether her consent to publish still stands."""
    return bool(_wishes(secrets, report).get("may_publish", False))


def _hers(session: Session, secrets: InstanceSecrets, member_id: int, report_id: int) -> Report:
    report = owned_report(session, secrets=secrets, member_id=member_id, report_id=report_id)
    if report.status in _GONE:
        raise InvalidInput("withdraw.already")
    return report


def _wishes(secrets: InstanceSecrets, report: Report) -> dict:
    if not report.wishes_sealed:
        return {}
    return field_crypto.decrypt_json(
        secrets=secrets, field="report.wishes", token=report.wishes_sealed
    )


def _no_publishing(secrets: InstanceSecrets, report: Report) -> None:
    wishes = {**_wishes(secrets, report), "may_publish": False}
    report.wishes_sealed = field_crypto.encrypt_json(
        secrets=secrets, field="report.wishes", data=wishes
    )


def _flag_warning(session: Session, report: Report, reason: str, moment: datetime) -> bool:
    """Ask a moderator to review a warning still showing from this report."""
    warning = session.exec(select(Warning).where(Warning.report_id == report.id)).first()
    if warning is None or warning.status != WarningStatus.ACTIVE:
        return False
    warning.review_reason, warning.review_requested_at = reason, moment
    session.add(warning)
    return True
