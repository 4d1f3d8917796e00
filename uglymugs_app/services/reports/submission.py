"""A worker's reports: submitting one, and seeing her own.

Everything she tells is sealed before it reaches the session; identifiers
are stored as blind index plus sealed normalised value. Functions that change
data commit, so a retry after a timeout sees what the first attempt did.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, or_, select

from uglymugs_app.models import (
    AuthorRole,
    Report,
    ReportIdentifier,
    ReportMessage,
    ReportStatus,
)
from uglymugs_app.models.common import stored_id, utcnow
from uglymugs_app.services.errors import InvalidInput, NotFound
from uglymugs_app.services.identifiers.normalisation import normalise
from uglymugs_app.services.regions import directory
from uglymugs_app.services.reports import repeat_offenders as repeat
from uglymugs_app.services.reports.content import (
    ReportContent,
    clean_appearance,
    decline_reason,
    report_content,
)
from uglymugs_app.services.security import field_crypto
from uglymugs_app.services.security.instance_secrets import InstanceSecrets
from uglymugs_app.services.urgent import requests as urgent_requests
from uglymugs_app.services.urgent.alerts import alert_new_case
from uglymugs_app.vocabulary import (
    INCIDENT_TYPES,
    PARTS_OF_DAY,
    PLACE_KINDS,
)

MAX_NARRATIVE = 10_000
MAX_IDENTIFIERS = 20


@dataclass(frozen=True)
class IdentifierInput:
    """One identifier as she typed it; ``platform`` only for handles."""

    kind: str
    value: str
    platform: str | None = None


@dataclass(frozen=True)
class ReportSubmission:
    """The report form, as the device sends it (also on a retry)."""

    client_id: uuid.UUID
    incident_date: date
    part_of_day: str
    region: str
    place_kind: str
    incident_types: list[str]
    narrative: str = ""
    area: str = ""
    urgent: bool = False
    identifiers: list[IdentifierInput] = field(default_factory=list)
    appearance: dict = field(default_factory=dict)
    may_publish: bool = True
    share_with_police_anonymously: bool = False
    wants_police_help: bool = False
    wants_case_worker_contact: bool = False
    # Where a phone number without a country code is read first: her setting,
    # the same rule as the check's, so the check finds what she reported.
    phone_country: str | None = None


@dataclass(frozen=True)
class ReportSummary:
    """A line in "my reports"; ``unread`` counts moderator messages not yet read."""

    id: int
    client_id: uuid.UUID
    status: str
    urgent: bool
    region: str
    incident_date: date
    created_at: datetime
    unread: int
    decline_reason: str
    # Her consent to publish a warning from it still stands.
    may_publish: bool = True


@dataclass(frozen=True)
class OwnReport:
    """Her own report in full, as she told it."""

    summary: ReportSummary
    content: ReportContent


def submit_report(
    session: Session,
    *,
    secrets: InstanceSecrets,
    submission: ReportSubmission,
    reporter_id: int | None,
    submitted_by_id: int | None = None,
) -> ReportSummary:
    """Store a report once per ``client_id``; a retry returns the same report.

    ``reporter_id`` is the member who met the client; an outreach worker
    reporting on behalf of a worker without an account passes
    ``reporter_id=None`` and her own id as ``submitted_by_id``. A ``client_id``
    already used by someone else is refused, so nobody can fetch another
    member's report by replaying its id. The report of a draft that first
    asked for urgent contact fills in that case instead of making another.
    The staff are notified in the same transaction.
    """
    if reporter_id is None and submitted_by_id is None:
        raise InvalidInput("report.reporter.missing")
    existing = _by_client_id(session, submission.client_id)
    if existing is not None:
        if urgent_requests.awaiting_details(session, report_id=stored_id(existing)):
            return _fill_in_urgent_case(
                session, secrets, existing, submission, reporter_id, submitted_by_id
            )
        return _same_submitter(session, secrets, existing, reporter_id, submitted_by_id)
    offered = directory.current(session).offered
    report = _build_report(secrets, submission, reporter_id, submitted_by_id, offered)
    session.add(report)
    try:
        session.flush()
    except IntegrityError:
        # A double tap raced us to the unique client id: return the winner.
        session.rollback()
        existing = _by_client_id(session, submission.client_id)
        if existing is None:
            raise
        return _same_submitter(session, secrets, existing, reporter_id, submitted_by_id)
    _store_identifiers(session, secrets, report, submission)
    alert_new_case(session, report_id=stored_id(report), urgent=report.urgent)
    session.commit()
    return _summary(session, secrets, report)


# What her report tells; an urgent case made before it is filled in with these.
_TOLD = (
    "reporter_ref",
    "submitter_ref",
    "reporter_sealed",
    "incident_date",
    "part_of_day",
    "region",
    "place_kind",
    "incident_types",
    "area_sealed",
    "narrative_sealed",
    "appearance_sealed",
    "wishes_sealed",
)


def _fill_in_urgent_case(
    session: Session,
    secrets: InstanceSecrets,
    case: Report,
    submission: ReportSubmission,
    reporter_id: int | None,
    submitted_by_id: int | None,
) -> ReportSummary:
    """Her report joins the urgent case her draft opened: one case, not two."""
    offered = directory.current(session).offered
    told = _build_report(secrets, submission, reporter_id, submitted_by_id, offered)
    # Only she (reporting herself or, as outreach, on someone's behalf) may fill it.
    if case.reporter_ref not in (told.reporter_ref, told.submitter_ref):
        raise InvalidInput("report.client_id.conflict")
    if not urgent_requests.claim_details(session, report_id=stored_id(case)):
        # A second tap got here first: its report is the one.
        session.rollback()
        return _summary(session, secrets, case)
    for name in _TOLD:
        setattr(case, name, getattr(told, name))
    case.urgent, case.updated_at = True, utcnow()
    session.add(case)
    _store_identifiers(session, secrets, case, submission)
    alert_new_case(session, report_id=stored_id(case), urgent=False)
    session.commit()
    return _summary(session, secrets, case)


def _store_identifiers(
    session: Session, secrets: InstanceSecrets, report: Report, submission: ReportSubmission
) -> None:
    for identifier in _normalised_identifiers(submission.identifiers, submission.phone_country):
        kid, index = field_crypto.blind_index(secrets=secrets, identifier=identifier)
        session.add(
            ReportIdentifier(
                report_id=stored_id(report),
                kind=identifier.kind.value,
                key_id=kid,
                blind_index=index,
                value_sealed=field_crypto.encrypt(
                    secrets=secrets, field="report_identifier.value", plaintext=identifier.value
                ),
            )
        )
    session.flush()
    repeat.refresh(session, secrets=secrets, report_id=stored_id(report))


def list_my_reports(
    session: Session, *, secrets: InstanceSecrets, member_id: int
) -> list[ReportSummary]:
    """Her reports (and those she filed on someone's behalf), newest first. Only hers."""
    ref = field_crypto.member_ref(secrets=secrets, member_id=member_id)
    query = (
        select(Report)
        .where(or_(Report.reporter_ref == ref, Report.submitter_ref == ref))
        .order_by(col(Report.created_at).desc(), col(Report.id).desc())
    )
    return [_summary(session, secrets, report) for report in session.exec(query)]


def get_my_report(
    session: Session, *, secrets: InstanceSecrets, member_id: int, report_id: int
) -> OwnReport:
    """One of her own reports in full; someone else's is ``NotFound``."""
    report = owned_report(session, secrets=secrets, member_id=member_id, report_id=report_id)
    return OwnReport(
        summary=_summary(session, secrets, report),
        content=report_content(session, secrets=secrets, report=report),
    )


def owned_report(
    session: Session, *, secrets: InstanceSecrets, member_id: int, report_id: int
) -> Report:
    """The report if she made it or filed it; otherwise ``NotFound`` (not "forbidden")."""
    report = session.get(Report, report_id)
    ref = field_crypto.member_ref(secrets=secrets, member_id=member_id)
    if report is None or ref not in (report.reporter_ref, report.submitter_ref):
        raise NotFound()
    return report


def reporter_member_id(*, secrets: InstanceSecrets, report: Report) -> int | None:
    """The member who made the report (None when filed on behalf of a worker)."""
    if not report.reporter_sealed:
        return None
    return int(
        field_crypto.decrypt(secrets=secrets, field="report.reporter", token=report.reporter_sealed)
    )


def _refs(
    secrets: InstanceSecrets, reporter_id: int | None, submitted_by_id: int | None
) -> tuple[str | None, str | None]:
    def ref(member_id: int | None) -> str | None:
        if member_id is None:
            return None
        return field_crypto.member_ref(secrets=secrets, member_id=member_id)

    return ref(reporter_id), ref(submitted_by_id)


def _by_client_id(session: Session, client_id: uuid.UUID) -> Report | None:
    return session.exec(select(Report).where(Report.client_id == client_id)).first()


def _same_submitter(
    session: Session,
    secrets: InstanceSecrets,
    report: Report,
    reporter_id: int | None,
    submitted_by_id: int | None,
) -> ReportSummary:
    if (report.reporter_ref, report.submitter_ref) != _refs(secrets, reporter_id, submitted_by_id):
        raise InvalidInput("report.client_id.conflict")
    return _summary(session, secrets, report)


def _build_report(
    secrets: InstanceSecrets,
    sub: ReportSubmission,
    reporter_id: int | None,
    submitted_by_id: int | None,
    offered_regions: tuple[str, ...],
) -> Report:
    _check_choice(sub.part_of_day, PARTS_OF_DAY, "report.part_of_day.invalid")
    _check_choice(sub.region, offered_regions, "report.region.invalid")
    _check_choice(sub.place_kind, PLACE_KINDS, "report.place_kind.invalid")
    types = sorted(set(sub.incident_types))
    if not types or any(kind not in INCIDENT_TYPES for kind in types):
        raise InvalidInput("report.incident_types.invalid")
    if sub.incident_date > (utcnow() + timedelta(days=1)).date():
        raise InvalidInput("report.incident_date.future")
    if len(sub.narrative) > MAX_NARRATIVE or len(sub.area) > 200:
        raise InvalidInput("report.text.too_long")
    wishes = {
        "may_publish": bool(sub.may_publish),
        "share_with_police_anonymously": bool(sub.share_with_police_anonymously),
        "wants_police_help": bool(sub.wants_police_help),
        "wants_case_worker_contact": bool(sub.wants_case_worker_contact),
    }

    def seal(name: str, text: str) -> str:
        return field_crypto.encrypt(secrets=secrets, field=f"report.{name}", plaintext=text)

    reporter_ref, submitter_ref = _refs(secrets, reporter_id, submitted_by_id)
    return Report(
        client_id=uuid.UUID(str(sub.client_id)),
        reporter_ref=reporter_ref,
        submitter_ref=submitter_ref,
        reporter_sealed="" if reporter_id is None else seal("reporter", str(reporter_id)),
        urgent=bool(sub.urgent),
        incident_date=sub.incident_date,
        part_of_day=sub.part_of_day,
        region=sub.region,
        place_kind=sub.place_kind,
        incident_types=json.dumps(types),
        area_sealed=seal("area", sub.area.strip()),
        narrative_sealed=seal("narrative", sub.narrative.strip()),
        appearance_sealed=field_crypto.encrypt_json(
            secrets=secrets, field="report.appearance", data=clean_appearance(sub.appearance)
        ),
        wishes_sealed=field_crypto.encrypt_json(
            secrets=secrets, field="report.wishes", data=wishes
        ),
    )


def _normalised_identifiers(inputs: list[IdentifierInput], country: str | None) -> list:
    if len(inputs) > MAX_IDENTIFIERS:
        raise InvalidInput("report.identifiers.too_many")
    unique = {}
    for item in inputs:
        identifier = normalise(
            kind=item.kind, raw=item.value, platform=item.platform, country=country
        )
        unique[(identifier.kind, identifier.value)] = identifier
    return list(unique.values())


def _check_choice(value: str, allowed: tuple[str, ...], key: str) -> None:
    if value not in allowed:
        raise InvalidInput(key)


def _summary(session: Session, secrets: InstanceSecrets, report: Report) -> ReportSummary:
    unread = session.exec(
        select(func.count())
        .select_from(ReportMessage)
        .where(
            ReportMessage.report_id == report.id,
            ReportMessage.author_role == AuthorRole.MODERATOR,
            col(ReportMessage.read_by_reporter).is_(False),
        )
    ).one()
    shown_reason = ""
    if report.status == ReportStatus.NOT_PUBLISHED:
        shown_reason = decline_reason(secrets, report)
    return ReportSummary(
        id=stored_id(report),
        client_id=report.client_id,
        status=report.status,
        urgent=report.urgent,
        region=report.region,
        incident_date=report.incident_date,
        created_at=report.created_at,
        unread=unread,
        decline_reason=shown_reason,
        may_publish=bool(
            report.wishes_sealed
            and field_crypto.decrypt_json(
                secrets=secrets, field="report.wishes", token=report.wishes_sealed
            ).get("may_publish", False)
        ),
    )
