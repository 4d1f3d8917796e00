"""Published warnings: how members see them, the feed, and their lifecycle.

A warning is visible while it is active and not past ``expires_at``; expired
and retracted warnings never reach the feed or a check. Corrections and
retractions are moderator actions, audited with a reason.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import cast

from sqlmodel import Session, col, delete, or_, select, update

from uglymugs_app.models import Warning, WarningIdentifier, WarningStatus
from uglymugs_app.models.common import stored_id, utcnow
from uglymugs_app.services.actors import STAFF, Actor, require
from uglymugs_app.services.errors import InvalidInput, NotFound
from uglymugs_app.services.identifiers.masking import hide_enough
from uglymugs_app.services.regions import directory
from uglymugs_app.services.security import audit
from uglymugs_app.services.security.instance_secrets import InstanceSecrets
from uglymugs_app.services.warnings.summary_check import vet_summary
from uglymugs_app.vocabulary import SEVERITIES


@dataclass(frozen=True)
class MaskedIdentifier:
    kind: str
    masked: str
    # The stored row (0 before publication): what a correction may remove.
    id: int = 0


@dataclass(frozen=True)
class WarningView:
    """A warning as members see it. Codes are translated by the UI."""

    id: int
    summary: str
    severity: str
    regions: list[str]
    incident_types: list[str]
    appearance: dict
    place_kind: str
    incident_month: str
    reported_count: int
    repeat: bool
    identifiers: list[MaskedIdentifier]
    published_at: datetime
    updated_at: datetime
    version: int
    status: str
    # Set when the reporter withdrew: why a moderator must review it ("" if not).
    review_reason: str = ""


@dataclass(frozen=True)
class WarningCorrection:
    """Fields to change; None leaves a field as it is."""

    summary: str | None = None
    severity: str | None = None
    regions: list[str] | None = None
    remove_identifier_ids: list[int] = field(default_factory=list)


def active_clause(now: datetime):
    """SQL condition for a warning members may see at ``now``."""
    return (col(Warning.status) == WarningStatus.ACTIVE) & (col(Warning.expires_at) > now)


def warning_view(session: Session, warning: Warning) -> WarningView:
    """The member-facing view of a stored warning."""
    return warning_views(session, [warning])[0]


def warning_views(session: Session, warnings: list[Warning]) -> list[WarningView]:
    """Views of several warnings, in their order, with one query for all their
    identifiers (a feed page costs the same number of queries at any length)."""
    if not warnings:
        return []
    masked: dict[int, list[MaskedIdentifier]] = {stored_id(warning): [] for warning in warnings}
    rows = session.exec(
        select(WarningIdentifier)
        .where(col(WarningIdentifier.warning_id).in_(list(masked)))
        .order_by(col(WarningIdentifier.id))
    ).all()
    for row in rows:
        # Masks stored before every mask hid four digits are tightened when shown.
        masked[row.warning_id].append(
            MaskedIdentifier(
                kind=row.kind,
                masked=hide_enough(kind=row.kind, masked=row.masked),
                id=stored_id(row),
            )
        )
    return [_view(warning, masked[stored_id(warning)], stored_id(warning)) for warning in warnings]


def unsaved_view(warning: Warning, identifiers: list[MaskedIdentifier]) -> WarningView:
    """How a warning not stored yet would look to members (id 0): the preview."""
    return _view(warning, identifiers, 0)


def _view(warning: Warning, identifiers: list[MaskedIdentifier], warning_id: int) -> WarningView:
    return WarningView(
        id=warning_id,
        summary=warning.summary,
        severity=warning.severity,
        regions=json.loads(warning.regions),
        incident_types=json.loads(warning.incident_types),
        appearance=json.loads(warning.appearance),
        place_kind=warning.place_kind,
        incident_month=warning.incident_month,
        reported_count=warning.reported_count,
        repeat=warning.repeat,
        identifiers=identifiers,
        published_at=warning.published_at,
        updated_at=warning.updated_at,
        version=warning.version,
        status=warning.status,
        review_reason=warning.review_reason,
    )


def list_feed(
    session: Session,
    *,
    regions: list[str] | None,
    limit: int = 50,
    offset: int = 0,
    now: datetime | None = None,
) -> list[WarningView]:
    """Active warnings, newest first; ``regions=None`` is the whole country."""
    query = select(Warning).where(active_clause(now or utcnow()))
    if regions is not None:
        # Region codes are [a-z0-9-] (services/regions/editing.py makes them
        # so), so the quoted code matches exactly one element of the JSON list.
        known = directory.current(session).known
        wanted = [region for region in regions if region in known]
        if not wanted:
            return []
        query = query.where(
            or_(*[col(Warning.regions).contains(f'"{region}"') for region in wanted])
        )
    query = query.order_by(col(Warning.published_at).desc(), col(Warning.id).desc())
    return warning_views(session, list(session.exec(query.offset(offset).limit(limit))))


def get_warning(session: Session, *, warning_id: int, now: datetime | None = None) -> WarningView:
    """One visible warning (e.g. opened from a notification); else ``NotFound``."""
    warning = session.exec(
        select(Warning).where(Warning.id == warning_id, active_clause(now or utcnow()))
    ).first()
    if warning is None:
        raise NotFound()
    return warning_view(session, warning)


def correct_warning(
    session: Session,
    *,
    secrets: InstanceSecrets,
    actor: Actor,
    warning_id: int,
    correction: WarningCorrection,
    reason: str,
) -> WarningView:
    """Change a warning, bump its version and record why (e.g. an objection).

    A new summary gets the same leak checks as at publication. Members are
    notified again under the same topic, so the correction replaces the
    earlier notification on the phone.
    """
    require(actor, *STAFF)
    warning = _get_changeable(session, warning_id)
    why = _reason(reason)
    before = _public_summary(session, warning)
    if correction.summary is not None:
        warning.summary = vet_summary(
            session, secrets=secrets, report_id=warning.report_id, summary=correction.summary
        )
    if correction.severity is not None:
        warning.severity = validate_severity(correction.severity)
    if correction.regions is not None:
        warning.regions = json.dumps(validate_regions(session, correction.regions))
    if correction.remove_identifier_ids:
        from uglymugs_app.services.private_check import table as check_table  # imports this module

        check_table.drop_warning(session, warning_id=stored_id(warning))
        session.exec(
            delete(WarningIdentifier).where(
                col(WarningIdentifier.warning_id) == warning.id,
                col(WarningIdentifier.id).in_(correction.remove_identifier_ids),
            )
        )
        check_table.refresh_warning(session, secrets=secrets, warning_id=stored_id(warning))
    warning.version += 1
    warning.change_reason = why
    warning.updated_at = utcnow()
    _reviewed(warning)
    session.add(warning)
    session.flush()
    audit.record(
        session,
        actor_id=actor.member_id,
        action="warning.correct",
        subject_type="warning",
        subject_id=warning.id,
        before=before,
        after=_public_summary(session, warning),
        detail=why,
    )
    from uglymugs_app.services.push import outbox as push_outbox  # publishing imports this module

    push_outbox.enqueue_for_warning(
        session,
        warning_id=stored_id(warning),
        severity=warning.severity,
        regions=json.loads(warning.regions),
        revision=warning.version - 1,
    )
    session.commit()
    _wake_senders()
    return warning_view(session, warning)


def _wake_senders() -> None:
    from uglymugs_app.services.push.sender import wake_push_senders

    wake_push_senders()


def retract_warning(session: Session, *, actor: Actor, warning_id: int, reason: str) -> None:
    """Withdraw a warning for good; its identifier indexes are deleted and its
    notifications not yet sent are cancelled."""
    from uglymugs_app.services.push import outbox as push_outbox  # publishing imports this module

    require(actor, *STAFF)
    warning = _get_changeable(session, warning_id)
    why = _reason(reason)
    before = _public_summary(session, warning)
    _drop_from_check_table(session, stored_id(warning))
    session.exec(delete(WarningIdentifier).where(col(WarningIdentifier.warning_id) == warning.id))
    warning.status = WarningStatus.RETRACTED
    warning.retracted_at = warning.updated_at = utcnow()
    warning.change_reason = why
    warning.version += 1
    _reviewed(warning)
    session.add(warning)
    push_outbox.cancel_unsent(session, warning_id=stored_id(warning))
    session.flush()
    audit.record(
        session,
        actor_id=actor.member_id,
        action="warning.retract",
        subject_type="warning",
        subject_id=warning.id,
        before=before,
        after=_public_summary(session, warning),
        detail=why,
    )
    session.commit()


def keep_after_review(session: Session, *, actor: Actor, warning_id: int, reason: str) -> None:
    """The reporter withdrew, and the moderator keeps the warning as it is
    (e.g. other women reported him too); why is recorded."""
    require(actor, *STAFF)
    warning = _get_changeable(session, warning_id)
    if not warning.review_reason:
        raise NotFound()
    why = _reason(reason)
    audit.record(
        session,
        actor_id=actor.member_id,
        action="warning.review_keep",
        subject_type="warning",
        subject_id=warning.id,
        before={"review": warning.review_reason},
        detail=why,
    )
    _reviewed(warning)
    session.add(warning)
    session.commit()


def _reviewed(warning: Warning) -> None:
    warning.review_reason, warning.review_requested_at = "", None


def expire_warnings(session: Session, *, now: datetime | None = None) -> int:
    """Mark warnings past their lifetime expired and delete their indexes.

    Reads already hide them; this housekeeping removes the data. Each warning
    changes in a conditional UPDATE, so two rounds at once (two workers, or a
    worker and cron) expire and audit it once. Returns how many expired.
    """
    moment = now or utcnow()
    due = session.exec(
        select(Warning.id)
        .where(Warning.status == WarningStatus.ACTIVE, col(Warning.expires_at) <= moment)
        # One order for every round: concurrent rounds cannot deadlock.
        .order_by(col(Warning.id))
    ).all()
    expired = 0
    for warning_id in due:
        changed = session.exec(
            update(Warning)
            .where(col(Warning.id) == warning_id, col(Warning.status) == WarningStatus.ACTIVE)
            .values(status=WarningStatus.EXPIRED, updated_at=moment)
        )
        if changed.rowcount != 1:
            continue  # another round got there first
        _drop_from_check_table(session, cast(int, warning_id))
        session.exec(
            delete(WarningIdentifier).where(col(WarningIdentifier.warning_id) == warning_id)
        )
        audit.record(
            session,
            actor_id=None,
            action="warning.expire",
            subject_type="warning",
            subject_id=warning_id,
            before={"status": "active"},
            after={"status": "expired"},
        )
        expired += 1
    session.commit()
    return expired


def _drop_from_check_table(session: Session, warning_id: int) -> None:
    from uglymugs_app.services.private_check import table as check_table  # imports this module

    check_table.drop_warning(session, warning_id=warning_id)


def validate_severity(severity: str) -> str:
    if severity not in SEVERITIES:
        raise InvalidInput("moderation.severity.invalid")
    return severity


def validate_regions(session: Session, regions: list[str]) -> list[str]:
    """The regions a warning applies to: offered ones only (not retired)."""
    chosen = sorted(set(regions))
    offered = directory.current(session).offered
    if not chosen or any(region not in offered for region in chosen):
        raise InvalidInput("moderation.regions.invalid")
    return chosen


def _reason(reason: str) -> str:
    text = " ".join(reason.split())
    if not text or len(text) > 500:
        raise InvalidInput("moderation.reason.invalid")
    return text


def _get_changeable(session: Session, warning_id: int) -> Warning:
    warning = session.get(Warning, warning_id)
    if warning is None or warning.status != WarningStatus.ACTIVE:
        raise NotFound()
    return warning


def _public_summary(session: Session, warning: Warning) -> dict:
    """What the audit keeps of a warning: codes and counts, no identifier, no text."""
    kinds = session.exec(
        select(WarningIdentifier.kind).where(WarningIdentifier.warning_id == warning.id)
    ).all()
    return {
        "status": warning.status,
        "severity": warning.severity,
        "regions": json.loads(warning.regions),
        "version": warning.version,
        "identifier_kinds": sorted(kinds),
        "summary_length": len(warning.summary),
    }


def warning_for_moderator(session: Session, *, actor: Actor, warning_id: int) -> WarningView:
    """A warning in any state (active, retracted, expired), as moderators review it."""
    require(actor, *STAFF)
    warning = session.get(Warning, warning_id)
    if warning is None:
        raise NotFound()
    return warning_view(session, warning)
