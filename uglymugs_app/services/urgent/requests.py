"""Her urgent request: "ask the organisation to contact me now".

Sent from the first question of the report form, before anything else: it
makes the case at once (a report marked urgent, under the id of the draft on
her phone), tells the staff on call, and the report she may go on to send
fills in the same case. It is limited per person, so nobody can flood the
staff's phones with it, and every request (and every refused one) is audited.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from uglymugs_app.models import Member, Report, Role, UrgentContact
from uglymugs_app.models.common import as_utc, stored_id, utcnow
from uglymugs_app.services.actors import Actor, require
from uglymugs_app.services.errors import InvalidInput
from uglymugs_app.services.push.outbox import LOCAL_TIME
from uglymugs_app.services.regions import directory
from uglymugs_app.services.security import audit, field_crypto
from uglymugs_app.services.security.instance_secrets import InstanceSecrets
from uglymugs_app.services.urgent.alerts import alert_new_case

REQUESTERS = (Role.MEMBER, Role.OUTREACH)
# One request reaches every phone on call: a few a day is what a person in
# danger needs; the minutes between stop a finger (or a script) repeating it.
MIN_GAP = timedelta(minutes=10)
PER_DAY = 3
THROTTLED = "urgent.throttled"


@dataclass(frozen=True)
class UrgentRequest:
    report_id: int
    requested_at: datetime
    # This draft had already asked: nothing new was sent.
    repeated: bool


def request_contact(
    session: Session,
    *,
    secrets: InstanceSecrets,
    actor: Actor,
    client_id: uuid.UUID,
    now: datetime | None = None,
) -> UrgentRequest:
    """Store her urgent request as an urgent case and tell the staff on call.

    ``client_id`` is her report draft's id: asking again from the same draft
    returns the same request, and the report she sends later joins it.
    Refused with ``urgent.throttled`` past the per-person limit.
    """
    require(actor, *REQUESTERS)
    moment = now or utcnow()
    ref = field_crypto.member_ref(secrets=secrets, member_id=actor.member_id)
    report = session.exec(select(Report).where(Report.client_id == client_id)).first()
    if report is not None:
        if ref not in (report.reporter_ref, report.submitter_ref):
            raise InvalidInput("report.client_id.conflict")
        asked = session.get(UrgentContact, stored_id(report))
        if asked is not None:
            return UrgentRequest(stored_id(report), as_utc(asked.requested_at), repeated=True)
    _within_limit(session, actor=actor, ref=ref, now=moment)
    if report is None:
        report = _case(session, secrets, actor, ref, client_id, moment)
        try:
            session.flush()
        except IntegrityError:
            # A second tap raced this one to the draft's id: that one counts.
            session.rollback()
            return request_contact(
                session, secrets=secrets, actor=actor, client_id=client_id, now=now
            )
        pending = True
    else:
        # She had already sent this report: the case itself becomes urgent.
        report.urgent, report.updated_at, pending = True, moment, False
        session.add(report)
    report_id = stored_id(report)
    session.add(
        UrgentContact(
            report_id=report_id, requester_ref=ref, requested_at=moment, details_pending=pending
        )
    )
    # Like her consent, the audit names the case, not her: the log must not
    # tell who reported what.
    audit.record(
        session,
        actor_id=None,
        action="report.urgent_request",
        subject_type="report",
        subject_id=report_id,
        after={"urgent": True, "details_pending": pending},
    )
    alert_new_case(session, report_id=report_id, urgent=True, now=moment)
    session.commit()
    return UrgentRequest(report_id, moment, repeated=False)


def awaiting_details(session: Session, *, report_id: int) -> bool:
    """The case was made by an urgent request and her report has not come yet."""
    asked = session.get(UrgentContact, report_id)
    return asked is not None and asked.details_pending


def claim_details(session: Session, *, report_id: int) -> bool:
    """Mark the urgent case's details as arrived (in the caller's transaction).

    One conditional statement: of two submits racing with the same report,
    only the one that gets True fills the case in.
    """
    table = UrgentContact.__table__  # type: ignore[attr-defined]  # set by SQLModel
    result = session.connection().execute(
        update(table)
        .where(table.c.report_id == report_id, table.c.details_pending.is_(True))
        .values(details_pending=False)
    )
    return bool(result.rowcount)


def _within_limit(session: Session, *, actor: Actor, ref: str, now: datetime) -> None:
    recent = [
        as_utc(moment)
        for moment in session.exec(
            select(UrgentContact.requested_at).where(
                UrgentContact.requester_ref == ref,
                col(UrgentContact.requested_at) > now - timedelta(days=1),
            )
        ).all()
    ]
    if len(recent) < PER_DAY and all(moment <= now - MIN_GAP for moment in recent):
        return
    # Who floods the staff must be findable by an admin (no case is named).
    audit.record(
        session,
        actor_id=actor.member_id,
        action="urgent_request.refused",
        subject_type="member",
        subject_id=actor.member_id,
        after={"requests_today": len(recent)},
    )
    session.commit()
    raise InvalidInput(THROTTLED)


def _case(
    session: Session,
    secrets: InstanceSecrets,
    actor: Actor,
    ref: str,
    client_id: uuid.UUID,
    now: datetime,
) -> Report:
    """The smallest case a moderator can act on: urgent, hers, nothing told yet."""

    def seal(name: str, text: str) -> str:
        return field_crypto.encrypt(secrets=secrets, field=f"report.{name}", plaintext=text)

    local = now.astimezone(LOCAL_TIME)
    report = Report(
        client_id=client_id,
        reporter_ref=ref,
        reporter_sealed=seal("reporter", str(actor.member_id)),
        urgent=True,
        incident_date=local.date(),
        part_of_day=_part_of_day(local.hour),
        region=_her_region(session, actor.member_id),
        place_kind="",
        incident_types="[]",
        area_sealed=seal("area", ""),
        narrative_sealed=seal("narrative", ""),
        appearance_sealed=field_crypto.encrypt_json(
            secrets=secrets, field="report.appearance", data={}
        ),
        wishes_sealed=field_crypto.encrypt_json(
            secrets=secrets,
            field="report.wishes",
            data={
                "may_publish": False,
                "share_with_police_anonymously": False,
                "wants_police_help": False,
                "wants_case_worker_contact": True,
            },
        ),
        created_at=now,
        updated_at=now,
    )
    session.add(report)
    return report


def _her_region(session: Session, member_id: int) -> str:
    """Her one working region, if she chose exactly one; otherwise unknown ("")."""
    member = session.get(Member, member_id)
    try:
        regions = (
            [
                code
                for code in json.loads(member.regions)
                if code in directory.current(session).offered
            ]
            if member
            else []
        )
    except (TypeError, ValueError):
        regions = []
    return regions[0] if len(regions) == 1 else ""


def _part_of_day(hour: int) -> str:
    if 6 <= hour < 12:
        return "morning"
    if 12 <= hour < 18:
        return "afternoon"
    if 18 <= hour < 23:
        return "evening"
    return "night"
