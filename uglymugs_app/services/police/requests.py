"""Questions from police, the identifier check they lead to, and the answers given.

The log is append-only (see ``models.police``): a request, and then one or
more answers. A request may name any kind of identifier (a handle with its
platform). The lookup finds only reports that stand: declined, withdrawn and
erased ones are never found. Whether a report exists may be said only with
her consent (anonymous sharing or a police-ready report), and more than that
only with her consent to a police-ready report; the server reads both from
her record. When police ask about her report she is told in her thread, once
per request, and asked what she wants.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from uglymugs_app.i18n import supported, translate
from uglymugs_app.models import (
    AuditEvent,
    Member,
    PoliceAnswer,
    PoliceRequest,
    Report,
    ReportIdentifier,
    ReportStatus,
)
from uglymugs_app.models.common import stored_id
from uglymugs_app.services.actors import STAFF, Actor, require
from uglymugs_app.services.errors import InvalidInput, NotFound, PermissionDenied
from uglymugs_app.services.identifiers.kinds import Identifier, IdentifierKind
from uglymugs_app.services.identifiers.normalisation import normalise
from uglymugs_app.services.police.consent import Consent, consent_of
from uglymugs_app.services.reports import threads
from uglymugs_app.services.reports.content import identifier_views
from uglymugs_app.services.reports.submission import reporter_member_id
from uglymugs_app.services.security import audit, field_crypto
from uglymugs_app.services.security.instance_secrets import InstanceSecrets

# Declined (found not to stand), withdrawn by her, or erased: never found.
NOT_FOUND_BY_POLICE = (ReportStatus.NOT_PUBLISHED, ReportStatus.WITHDRAWN, ReportStatus.ERASED)
ASKED = "police_request.reporter_asked"
ANSWER_FIELD = "police_answer.answer"
SHARED_FIELD = "police_answer.shared"


@dataclass(frozen=True)
class RequestInput:
    received_on: date
    unit: str
    officer: str
    case_number: str
    reason: str
    identifier_kind: str = ""
    identifier: str = ""
    platform: str | None = None


@dataclass(frozen=True)
class AnswerView:
    id: int
    report_id: int | None
    answer: str
    shared: str
    shared_details: bool
    recorded_at: datetime


@dataclass(frozen=True)
class RequestView:
    id: int
    received_on: date
    unit: str
    officer: str
    case_number: str
    reason: str
    identifier: str
    recorded_at: datetime
    answers: list[AnswerView]


@dataclass(frozen=True)
class ReportMatch:
    """A report naming the identifier police asked about, unmasked for the moderator."""

    report_id: int
    status: str
    region: str
    incident_date: date
    identifiers: list[str]
    police_report_consent: bool
    # Her consent allows saying that a report exists.
    may_confirm: bool = False


def record_request(
    session: Session, *, secrets: InstanceSecrets, actor: Actor, request: RequestInput
) -> int:
    """Log a question from police; the identifier is normalised and sealed."""
    require(actor, *STAFF)
    unit, officer = request.unit.strip(), request.officer.strip()
    if not unit or not officer or len(unit) > 120 or len(officer) > 120:
        raise InvalidInput("police.request.invalid")
    if len(request.case_number) > 60 or len(request.reason) > 2000:
        raise InvalidInput("police.request.invalid")
    kind, sealed = "", ""
    if request.identifier.strip():
        identifier = normalise(
            kind=request.identifier_kind, raw=request.identifier, platform=request.platform
        )
        kind = identifier.kind.value
        sealed = field_crypto.encrypt(
            secrets=secrets, field="police_request.identifier", plaintext=identifier.value
        )
    row = PoliceRequest(
        received_on=request.received_on,
        unit=unit,
        officer=officer,
        case_number=request.case_number.strip(),
        reason_sealed=field_crypto.encrypt(
            secrets=secrets, field="police_request.reason", plaintext=request.reason.strip()
        ),
        identifier_kind=kind,
        identifier_sealed=sealed,
        recorded_by_id=actor.member_id,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor_id=actor.member_id,
        action="police_request.record",
        subject_type="police_request",
        subject_id=row.id,
    )
    session.commit()
    return stored_id(row)


def matching_reports(
    session: Session, *, secrets: InstanceSecrets, actor: Actor, request_id: int
) -> list[ReportMatch]:
    """Reports naming the identifier of a request, across index key ids; audited."""
    require(actor, *STAFF)
    request = _request(session, request_id)
    if not request.identifier_sealed:
        return []
    value = field_crypto.decrypt(
        secrets=secrets, field="police_request.identifier", token=request.identifier_sealed
    )
    identifier = Identifier(IdentifierKind(request.identifier_kind), value)
    pairs = set(field_crypto.blind_indexes(secrets=secrets, identifier=identifier))
    rows = session.exec(
        select(ReportIdentifier).where(
            col(ReportIdentifier.blind_index).in_([index for _, index in pairs])
        )
    )
    report_ids = sorted({row.report_id for row in rows if (row.key_id, row.blind_index) in pairs})
    matches = []
    for report_id in report_ids:
        report = session.get_one(Report, report_id)
        if report.status in NOT_FOUND_BY_POLICE:
            continue
        consent = consent_of(session, secrets=secrets, report=report)
        if not _may_confirm(consent):
            _ask_reporter_once(session, secrets, actor, request_id, report)
        matches.append(
            ReportMatch(
                report_id=report_id,
                status=report.status,
                region=report.region,
                incident_date=report.incident_date,
                identifiers=[
                    f"{view.kind}: {view.value}"
                    for view in identifier_views(session, secrets=secrets, report_id=report_id)
                ],
                police_report_consent=consent.police_report,
                may_confirm=_may_confirm(consent),
            )
        )
    audit.record(
        session,
        actor_id=actor.member_id,
        action="police_request.lookup",
        subject_type="police_request",
        subject_id=request.id,
        after={"reports": len(matches)},
    )
    session.commit()
    return matches


def record_answer(
    session: Session,
    *,
    secrets: InstanceSecrets,
    actor: Actor,
    request_id: int,
    answer: str,
    shared: str = "",
    report_id: int | None = None,
) -> int:
    """Log what police were told, sealed. She hears of it first.

    Anything written under ``shared`` is more than "a report exists": it is
    allowed only when her recorded consent allows it; the server decides
    from her record, the moderator cannot tick it on.
    """
    require(actor, *STAFF)
    request = _request(session, request_id)
    text, shared_text = answer.strip(), shared.strip()
    if not text or len(text) > 1000 or len(shared_text) > 1000:
        raise InvalidInput("police.answer.invalid")
    shared_details = bool(shared_text)
    if shared_details and report_id is None:
        raise InvalidInput("police.answer.invalid")
    if report_id is not None:
        report = session.get(Report, report_id)
        if report is None or report.status in NOT_FOUND_BY_POLICE:
            raise NotFound()
        consent = consent_of(session, secrets=secrets, report=report)
        if not _may_confirm(consent):
            _refuse_answer(session, actor, report, "no consent to confirm")
            raise PermissionDenied("police.consent.confirm_missing")
        if shared_details and not consent.police_report:
            _refuse_answer(session, actor, report, "no consent")
            raise PermissionDenied("police.consent.missing")
        _tell_reporter_once(session, secrets, actor, request_id, report)
    row = PoliceAnswer(
        request_id=request_id,
        report_id=report_id,
        answer_sealed=field_crypto.encrypt(secrets=secrets, field=ANSWER_FIELD, plaintext=text),
        shared_sealed=_seal(secrets, SHARED_FIELD, shared_text),
        shared_details=shared_details,
        recorded_by_id=actor.member_id,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor_id=actor.member_id,
        action="police_request.answer",
        subject_type="police_request",
        subject_id=request.id,
        after={"report": report_id, "shared_details": shared_details},
    )
    session.commit()
    return stored_id(row)


def list_requests(
    session: Session, *, secrets: InstanceSecrets, actor: Actor, limit: int = 100
) -> list[RequestView]:
    """The log, newest first, for moderators and admins."""
    require(actor, *STAFF)
    requests = session.exec(
        select(PoliceRequest)
        .order_by(col(PoliceRequest.recorded_at).desc(), col(PoliceRequest.id).desc())
        .limit(limit)
    )
    views = []
    for request in requests:
        answers = session.exec(
            select(PoliceAnswer)
            .where(PoliceAnswer.request_id == request.id)
            .order_by(col(PoliceAnswer.id))
        )
        views.append(
            RequestView(
                id=stored_id(request),
                received_on=request.received_on,
                unit=request.unit,
                officer=request.officer,
                case_number=request.case_number,
                reason=_open(secrets, "police_request.reason", request.reason_sealed),
                identifier=_open(secrets, "police_request.identifier", request.identifier_sealed),
                recorded_at=request.recorded_at,
                answers=[
                    AnswerView(
                        stored_id(a),
                        a.report_id,
                        _open(secrets, ANSWER_FIELD, a.answer_sealed),
                        _open(secrets, SHARED_FIELD, a.shared_sealed),
                        a.shared_details,
                        a.recorded_at,
                    )
                    for a in answers
                ],
            )
        )
    return views


def _may_confirm(consent: Consent) -> bool:
    return consent.anonymous_sharing or consent.police_report


def _refuse_answer(session: Session, actor: Actor, report: Report, why: str) -> None:
    audit.record(
        session,
        actor_id=actor.member_id,
        action="police_request.answer_refused",
        subject_type="report",
        subject_id=report.id,
        detail=why,
    )
    session.commit()  # the refusal stays on record although the caller fails


def _ask_reporter_once(
    session: Session, secrets: InstanceSecrets, actor: Actor, request_id: int, report: Report
) -> None:
    """Police asked about her report and nothing may be said yet: she is asked, once."""
    asked = session.exec(
        select(AuditEvent.id).where(
            AuditEvent.action == ASKED,
            AuditEvent.subject_id == report.id,
            AuditEvent.detail == f"request {request_id}",
        )
    ).first()
    if asked is not None:
        return
    _message_reporter(session, secrets, actor, report, "police.thread.asked_first")
    audit.record(
        session,
        actor_id=actor.member_id,
        action=ASKED,
        subject_type="report",
        subject_id=report.id,
        detail=f"request {request_id}",
    )


def _message_reporter(
    session: Session, secrets: InstanceSecrets, actor: Actor, report: Report, key: str
) -> None:
    member_id = reporter_member_id(secrets=secrets, report=report)
    member = session.get(Member, member_id) if member_id is not None else None
    language = supported(member.language if member else None)
    threads.send_moderator_message(
        session,
        secrets=secrets,
        actor=actor,
        report_id=stored_id(report),
        body=translate(language, key),
    )


def _tell_reporter_once(
    session: Session, secrets: InstanceSecrets, actor: Actor, request_id: int, report: Report
) -> None:
    told = session.exec(
        select(PoliceAnswer.id).where(
            PoliceAnswer.request_id == request_id, PoliceAnswer.report_id == report.id
        )
    ).first()
    if told is not None:
        return
    _message_reporter(session, secrets, actor, report, "police.thread.asked")


def _request(session: Session, request_id: int) -> PoliceRequest:
    request = session.get(PoliceRequest, request_id)
    if request is None:
        raise NotFound()
    return request


def _seal(secrets: InstanceSecrets, name: str, text: str) -> str:
    return field_crypto.encrypt(secrets=secrets, field=name, plaintext=text) if text else ""


def _open(secrets: InstanceSecrets, name: str, token: str) -> str:
    return field_crypto.decrypt(secrets=secrets, field=name, token=token) if token else ""
