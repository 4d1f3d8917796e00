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
from uglymugs_app.services.push import outbox as push_outbox
from uglymugs_app.services.push.sender import wake_push_senders
from uglymugs_app.services.reports import repeat_offenders as repeat
from uglymugs_app.services.reports.content import OpenedIdentifier, report_identifiers
from uglymugs_app.services.security import audit, field_crypto
from uglymugs_app.services.security.instance_secrets import InstanceSecrets
from uglymugs_app.services.warnings.lifecycle import (
    WarningView,
    validate_regions,
    validate_severity,
    warning_view,
)
from uglymugs_app.services.warnings.summary_check import check_summary
from uglymugs_app.settings import Settings
from uglymugs_app.vocabulary import DEFAULT_PUBLISHED_APPEARANCE


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


def publish_warning(session: Session, *, secrets: InstanceSecrets, settings: Settings,
                    actor: Actor, report_id: int, draft: WarningDraft,
                    now: datetime | None = None) -> WarningView:
    """Publish a warning from a report; audited; returns what members will see.

    Refused with ``PublishNotAllowed`` when she did not consent or the report
    already has a warning. The push outbox entries for every matching
    subscription are written in the same transaction as the warning, so a
    crash can lose neither.
    """
    require(actor, *STAFF)
    report = session.get(Report, report_id)
    if report is None:
        raise NotFound()
    wishes = field_crypto.decrypt_json(secrets=secrets, field="report.wishes",
                                       token=report.wishes_sealed)
    if not wishes.get("may_publish", False):
        raise PublishNotAllowed("moderation.publish.no_consent")
    if session.exec(select(Warning.id).where(Warning.report_id == report.id)).first():
        raise PublishNotAllowed("moderation.publish.already")
    opened = report_identifiers(session, secrets=secrets, report_id=report_id)
    narrative = field_crypto.decrypt(secrets=secrets, field="report.narrative",
                                     token=report.narrative_sealed)
    moment = now or utcnow()
    warning = Warning(
        report_id=report_id,
        summary=check_summary(draft.summary, identifiers=[ident for _, ident in opened],
                              narrative=narrative),
        severity=validate_severity(draft.severity),
        regions=json.dumps(validate_regions(draft.regions or [report.region])),
        incident_types=report.incident_types if draft.include_incident_types else "[]",
        appearance=json.dumps(_appearance(secrets, report, draft.appearance_fields),
                              sort_keys=True),
        place_kind=report.place_kind if draft.include_place_kind else "",
        incident_month=report.incident_date.strftime("%Y-%m") if draft.include_month else "",
        published_at=moment, updated_at=moment,
        expires_at=moment + timedelta(days=settings.warning_lifetime_days),
    )
    session.add(warning)
    session.flush()
    for row, identifier in _chosen_identifiers(opened, draft.identifier_ids):
        # Same key id and index as the report row: the HMAC input is identical.
        session.add(WarningIdentifier(
            warning_id=stored_id(warning), kind=row.kind, key_id=row.key_id,
            blind_index=row.blind_index, masked=mask(kind=row.kind, value=identifier.value)))
    before = {"status": report.status}
    report.status = ReportStatus.PUBLISHED
    report.published_at = report.updated_at = moment
    session.add(report)
    session.flush()
    repeat.refresh(session, secrets=secrets, report_id=report_id, identifiers=opened)
    view = warning_view(session, warning)
    audit.record(session, actor_id=actor.member_id, action="warning.publish", subject_type="report",
                 subject_id=report.id, before=before,
                 after={"status": report.status, "warning_id": warning.id,
                        "severity": view.severity, "regions": view.regions,
                        "identifier_kinds": sorted(i.kind for i in view.identifiers),
                        "appearance_fields": sorted(view.appearance)})
    push_outbox.enqueue_for_warning(session, warning_id=stored_id(warning), severity=view.severity,
                                    regions=view.regions)
    session.commit()
    wake_push_senders()
    return view


def _chosen_identifiers(rows: list[OpenedIdentifier],
                        chosen: list[int] | None) -> list[OpenedIdentifier]:
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
    described = field_crypto.decrypt_json(secrets=secrets, field="report.appearance",
                                          token=report.appearance_sealed)
    wanted = DEFAULT_PUBLISHED_APPEARANCE if fields is None else fields
    return {name: described[name] for name in wanted if name in described}
