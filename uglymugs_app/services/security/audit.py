"""Roles and the audit trail of moderator actions.

Roles arrive as a plain ``actor_role`` string until the membership work wires
real sessions; every moderator function checks it here first.
"""

from __future__ import annotations

import json

from sqlmodel import Session, col, select

from uglymugs_app.models import AuditEvent
from uglymugs_app.services.errors import PermissionDenied

MODERATOR_ROLES = frozenset({"moderator", "admin"})
ADMIN_ROLES = frozenset({"admin"})


def require_moderator(actor_role: str) -> None:
    """Refuse anyone who is not a moderator or admin."""
    if actor_role not in MODERATOR_ROLES:
        raise PermissionDenied()


def require_admin(actor_role: str) -> None:
    """Refuse anyone who is not an admin."""
    if actor_role not in ADMIN_ROLES:
        raise PermissionDenied()


def record(session: Session, *, actor_id: int | None, action: str, subject_type: str,
           subject_id: int | None, before: dict | None = None, after: dict | None = None,
           detail: str = "") -> AuditEvent:
    """Add an audit event to the session (committed with the action it records).

    ``before``/``after`` summarise changed fields: statuses, codes, counts,
    never an identifier or the reporter's words.
    """
    event = AuditEvent(
        actor_id=actor_id, action=action, subject_type=subject_type, subject_id=subject_id,
        detail=detail[:500],
        before=json.dumps(before, sort_keys=True) if before is not None else "",
        after=json.dumps(after, sort_keys=True) if after is not None else "",
    )
    session.add(event)
    return event


def list_audit_events(session: Session, *, actor_role: str, subject_type: str | None = None,
                      subject_id: int | None = None, limit: int = 200) -> list[AuditEvent]:
    """Newest audit events first, for admins; optionally for one subject."""
    require_admin(actor_role)
    query = select(AuditEvent)
    if subject_type is not None:
        query = query.where(AuditEvent.subject_type == subject_type)
    if subject_id is not None:
        query = query.where(AuditEvent.subject_id == subject_id)
    query = query.order_by(col(AuditEvent.at).desc(), col(AuditEvent.id).desc()).limit(limit)
    return list(session.exec(query))
