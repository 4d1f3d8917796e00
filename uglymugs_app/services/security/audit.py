"""The audit trail of moderator and admin actions.

Who may act is checked with ``services.actors.require``; this module only
writes and lists what they did.
"""

from __future__ import annotations

import json

from sqlmodel import Session, col, select

from uglymugs_app.models import AuditEvent, Role
from uglymugs_app.services.actors import Actor, require


def record(
    session: Session,
    *,
    actor_id: int | None,
    action: str,
    subject_type: str,
    subject_id: int | None,
    before: dict | None = None,
    after: dict | None = None,
    detail: str = "",
) -> AuditEvent:
    """Add an audit event to the session (committed with the action it records).

    ``before``/``after`` summarise changed fields: statuses, codes, counts,
    never an identifier or the reporter's words.
    """
    event = AuditEvent(
        actor_id=actor_id,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        detail=detail[:500],
        before=json.dumps(before, sort_keys=True) if before is not None else "",
        after=json.dumps(after, sort_keys=True) if after is not None else "",
    )
    session.add(event)
    return event


def list_audit_events(
    session: Session,
    *,
    actor: Actor,
    subject_type: str | None = None,
    subject_id: int | None = None,
    limit: int = 200,
) -> list[AuditEvent]:
    """Newest audit events first, for admins; optionally for one subject."""
    require(actor, Role.ADMIN)
    query = select(AuditEvent)
    if subject_type is not None:
        query = query.where(AuditEvent.subject_type == subject_type)
    if subject_id is not None:
        query = query.where(AuditEvent.subject_id == subject_id)
    query = query.order_by(col(AuditEvent.at).desc(), col(AuditEvent.id).desc()).limit(limit)
    return list(session.exec(query))
