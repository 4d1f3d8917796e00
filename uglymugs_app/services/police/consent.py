"""Her consent for police support, per report: given, changed and withdrawn by her.

Two separate choices: a police-ready report (a PDF a moderator makes for her
aangifte) and anonymous sharing of the incident with police. Which messages
of the thread go into the PDF is hers to pick too. Changes are audited
without her member id: the audit log must not tie her to the report.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlmodel import Session, select

from uglymugs_app.models import PoliceConsent, Report, ReportMessage
from uglymugs_app.models.common import stored_id, utcnow
from uglymugs_app.services.errors import InvalidInput
from uglymugs_app.services.notifications import StaffEvent, notify_staff
from uglymugs_app.services.reports.submission import owned_report
from uglymugs_app.services.security import audit, field_crypto
from uglymugs_app.services.security.instance_secrets import InstanceSecrets


@dataclass(frozen=True)
class Consent:
    report_id: int
    police_report: bool
    anonymous_sharing: bool
    thread_message_ids: list[int]
    # No choice recorded yet, but she asked for police help on the report form.
    requested: bool = False


def consent_of(session: Session, *, secrets: InstanceSecrets, report: Report) -> Consent:
    """The recorded consent; without a record, anonymous sharing follows her wish
    on the report form and a police-ready report is not allowed yet: "I want
    help with a police report" on the form starts it (``requested``), and her
    card offers it ticked, for her to confirm with the messages she chooses."""
    row = session.get(PoliceConsent, report.id)
    if row is not None:
        return Consent(
            stored_id(report),
            row.police_report,
            row.anonymous_sharing,
            json.loads(row.thread_message_ids),
        )
    wishes = (
        field_crypto.decrypt_json(
            secrets=secrets, field="report.wishes", token=report.wishes_sealed
        )
        if report.wishes_sealed
        else {}
    )
    return Consent(
        stored_id(report),
        False,
        bool(wishes.get("share_with_police_anonymously")),
        [],
        requested=bool(wishes.get("wants_police_help")),
    )


def my_consent(
    session: Session, *, secrets: InstanceSecrets, member_id: int, report_id: int
) -> Consent:
    """Her consent for one of her own reports (someone else's is ``NotFound``)."""
    report = owned_report(session, secrets=secrets, member_id=member_id, report_id=report_id)
    return consent_of(session, secrets=secrets, report=report)


def set_my_consent(
    session: Session,
    *,
    secrets: InstanceSecrets,
    member_id: int,
    report_id: int,
    police_report: bool,
    anonymous_sharing: bool,
    thread_message_ids: list[int],
) -> Consent:
    """Record her choices for her own report; message ids must be of its thread."""
    report = owned_report(session, secrets=secrets, member_id=member_id, report_id=report_id)
    chosen = sorted({int(message_id) for message_id in thread_message_ids})
    if chosen:
        known = set(
            session.exec(select(ReportMessage.id).where(ReportMessage.report_id == report.id)).all()
        )
        if not set(chosen) <= known:
            raise InvalidInput("police.consent.messages.invalid")
    before = consent_of(session, secrets=secrets, report=report)
    row = session.get(PoliceConsent, report.id) or PoliceConsent(report_id=report_id)
    row.police_report, row.anonymous_sharing = bool(police_report), bool(anonymous_sharing)
    row.thread_message_ids, row.updated_at = json.dumps(chosen), utcnow()
    session.add(row)
    audit.record(
        session,
        actor_id=None,
        action="police_consent.change",
        subject_type="report",
        subject_id=report.id,
        before=_summary(before),
        after={
            "police_report": row.police_report,
            "anonymous_sharing": row.anonymous_sharing,
            "messages": len(chosen),
        },
    )
    if row.police_report and not before.police_report:
        # She now wants help with a police report: someone must call her back.
        notify_staff(session, event=StaffEvent.POLICE_CONSENT, subject_id=stored_id(report))
    session.commit()
    return Consent(report_id, row.police_report, row.anonymous_sharing, chosen)


def _summary(consent: Consent) -> dict:
    return {
        "police_report": consent.police_report,
        "anonymous_sharing": consent.anonymous_sharing,
        "messages": len(consent.thread_message_ids),
    }
