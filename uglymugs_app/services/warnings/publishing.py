"""Turning a report into a warning: the moderator chooses what to publish.

Defaults publish the masked identifiers, the coded appearance, the incident
types, the report's region and the month; never a name, never her words. A
report whose reporter said "do not publish" cannot become a warning. Each
sealed part of the report is opened once per publication.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, select

from uglymugs_app.models import Report, ReportStatus, Warning, WarningIdentifier
from uglymugs_app.models.common import stored_id, utcnow
from uglymugs_app.services.actors import STAFF, Actor, require
from uglymugs_app.services.errors import InvalidInput, NotFound, PublishNotAllowed
from uglymugs_app.services.identifiers.kinds import MATCHABLE_KINDS
from uglymugs_app.services.identifiers.masking import mask
from uglymugs_app.services.notifications import MemberEvent, notify_member
from uglymugs_app.services.private_check import table as check_table
from uglymugs_app.services.push import outbox as push_outbox
from uglymugs_app.services.push.sender import wake_push_senders
from uglymugs_app.services.reports import repeat_offenders as repeat
from uglymugs_app.services.reports.content import OpenedIdentifier, report_identifiers
from uglymugs_app.services.security import audit, field_crypto
from uglymugs_app.services.security.instance_secrets import InstanceSecrets
from uglymugs_app.services.warnings.lifecycle import (
    MaskedIdentifier,
    WarningView,
    unsaved_view,
    validate_regions,
    validate_severity,
    warning_view,
)
from uglymugs_app.services.warnings.summary_check import (
    Identifying,
    check_published_text,
    check_summary,
    identifying_details,
)
from uglymugs_app.settings import Settings
from uglymugs_app.vocabulary import APPEARANCE_TEXT_FIELDS, DEFAULT_PUBLISHED_APPEARANCE


@dataclass(frozen=True)
class WarningDraft:
    """The moderator's choices. None means the default for that part."""

    summary: str
    severity: str
    regions: list[str] | None = None  # default: the report's region
    identifier_ids: list[int] | None = None  # default: every phone, e-mail, handle, plate
    appearance_fields: list[str] | None = None  # default: the coded fields
    include_incident_types: bool = True
    include_month: bool = True
    include_place_kind: bool = False


def preview_warning(
    session: Session,
    *,
    secrets: InstanceSecrets,
    settings: Settings,
    actor: Actor,
    report_id: int,
    draft: WarningDraft,
    now: datetime | None = None,
) -> WarningView:
    """Exactly what members would see if this draft were published now.

    The same checks as publishing (consent, every published text vetted);
    nothing is stored, audited or notified.
    """
    require(actor, *STAFF)
    report = _publishable(session, secrets, report_id)
    opened = report_identifiers(session, secrets=secrets, report_id=report_id)
    moment = now or utcnow()
    warning, chosen, _details = _compose(session, secrets, settings, report, draft, moment, opened)
    masked = [
        MaskedIdentifier(kind=row.kind, masked=mask(kind=row.kind, value=ident.value))
        for row, ident in chosen
    ]
    return unsaved_view(warning, masked)


def publish_warning(
    session: Session,
    *,
    secrets: InstanceSecrets,
    settings: Settings,
    actor: Actor,
    report_id: int,
    draft: WarningDraft,
    now: datetime | None = None,
) -> WarningView:
    """Publish a warning from a report; audited; returns what members will see.

    Refused with ``PublishNotAllowed`` when she did not consent or the report
    already has a warning, and with ``InvalidInput`` when a published text
    could identify him in full or her at all. The push outbox entries for
    every matching subscription are written in the same transaction as the
    warning, so a crash can lose neither.
    """
    require(actor, *STAFF)
    report = _publishable(session, secrets, report_id)
    opened = report_identifiers(session, secrets=secrets, report_id=report_id)
    moment = now or utcnow()
    warning, chosen, details = _compose(session, secrets, settings, report, draft, moment, opened)
    session.add(warning)
    session.flush()
    for row, identifier in chosen:
        # Same key id and index as the report row: the HMAC input is identical.
        session.add(
            WarningIdentifier(
                warning_id=stored_id(warning),
                kind=row.kind,
                key_id=row.key_id,
                blind_index=row.blind_index,
                masked=mask(kind=row.kind, value=identifier.value),
            )
        )
    session.flush()
    check_table.refresh_warning(
        session,
        secrets=secrets,
        warning_id=stored_id(warning),
        now=moment,
        opened={(row.key_id, row.blind_index): identifier for row, identifier in chosen},
    )
    before = {"status": report.status}
    report.status = ReportStatus.PUBLISHED
    report.published_at = report.updated_at = moment
    session.add(report)
    session.flush()
    repeat.refresh(session, secrets=secrets, report_id=report_id, identifiers=opened)
    view = warning_view(session, warning)
    audit.record(
        session,
        actor_id=actor.member_id,
        action="warning.publish",
        subject_type="report",
        subject_id=report.id,
        before=before,
        after={
            "status": report.status,
            "warning_id": warning.id,
            "severity": view.severity,
            "regions": view.regions,
            "identifier_kinds": sorted(i.kind for i in view.identifiers),
            "appearance_fields": sorted(view.appearance),
        },
    )
    push_outbox.enqueue_for_warning(
        session, warning_id=stored_id(warning), severity=view.severity, regions=view.regions
    )
    # The reporter hears that her report became a warning (the app shows which).
    if details.reporter_id is not None:
        notify_member(
            session,
            member_id=details.reporter_id,
            event=MemberEvent.REPORT_PUBLISHED,
            subject_id=stored_id(report),
            now=moment,
        )
    session.commit()
    wake_push_senders()
    return view


def _publishable(session: Session, secrets: InstanceSecrets, report_id: int) -> Report:
    report = session.get(Report, report_id)
    if report is None or report.status in (ReportStatus.WITHDRAWN, ReportStatus.ERASED):
        raise NotFound()
    wishes = field_crypto.decrypt_json(
        secrets=secrets, field="report.wishes", token=report.wishes_sealed
    )
    if not wishes.get("may_publish", False):
        raise PublishNotAllowed("moderation.publish.no_consent")
    if session.exec(select(Warning.id).where(Warning.report_id == report.id)).first():
        raise PublishNotAllowed("moderation.publish.already")
    return report


def _compose(
    session: Session,
    secrets: InstanceSecrets,
    settings: Settings,
    report: Report,
    draft: WarningDraft,
    moment: datetime,
    opened: list[OpenedIdentifier],
) -> tuple[Warning, list[OpenedIdentifier], Identifying]:
    """The warning the draft makes (not added to the session), its identifiers and
    what was opened to vet it; ``opened``: the report's identifiers, opened once
    by the caller."""
    details = identifying_details(
        session,
        secrets=secrets,
        report_id=stored_id(report),
        identifiers=[ident for _, ident in opened],
    )
    appearance = _appearance(secrets, report, draft.appearance_fields)
    for name in APPEARANCE_TEXT_FIELDS:
        if name in appearance:
            check_published_text(str(appearance[name]), details=details)
    warning = Warning(
        report_id=stored_id(report),
        summary=check_summary(draft.summary, details=details),
        severity=validate_severity(draft.severity),
        regions=json.dumps(validate_regions(session, draft.regions or [report.region])),
        incident_types=report.incident_types if draft.include_incident_types else "[]",
        appearance=json.dumps(appearance, sort_keys=True),
        place_kind=report.place_kind if draft.include_place_kind else "",
        incident_month=report.incident_date.strftime("%Y-%m") if draft.include_month else "",
        published_at=moment,
        updated_at=moment,
        expires_at=moment + timedelta(days=settings.warning_lifetime_days),
    )
    return warning, _chosen_identifiers(opened, draft.identifier_ids), details


def _chosen_identifiers(
    rows: list[OpenedIdentifier], chosen: list[int] | None
) -> list[OpenedIdentifier]:
    if chosen is None:
        return [(row, ident) for row, ident in rows if ident.kind in MATCHABLE_KINDS]
    by_id = {row.id: (row, ident) for row, ident in rows}
    picked = []
    for identifier_id in chosen:
        if identifier_id not in by_id:
            raise InvalidInput("moderation.identifiers.invalid")
        if by_id[identifier_id][1].kind not in MATCHABLE_KINDS:
            raise InvalidInput("moderation.identifiers.name_not_publishable")
        picked.append(by_id[identifier_id])
    return picked


def _appearance(secrets: InstanceSecrets, report: Report, fields: list[str] | None) -> dict:
    described = field_crypto.decrypt_json(
        secrets=secrets, field="report.appearance", token=report.appearance_sealed
    )
    wanted = DEFAULT_PUBLISHED_APPEARANCE if fields is None else fields
    return {name: described[name] for name in wanted if name in described}
