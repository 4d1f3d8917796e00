"""Who hears about a new case: everyone with staff alerts, or for an urgent
one, the staff on call now (everyone when nobody is on call or has a device)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from uglymugs_app.services.notifications import StaffEvent, notify_staff
from uglymugs_app.services.urgent.on_call import on_call_now


def alert_new_case(
    session: Session, *, report_id: int, urgent: bool, now: datetime | None = None
) -> int:
    """Queue the staff notification for a new (or newly urgent) case in the
    caller's transaction; returns the outbox entries added."""
    if not urgent:
        return notify_staff(session, event=StaffEvent.NEW_REPORT, subject_id=report_id, now=now)
    on_call = on_call_now(session, now=now)
    if on_call:
        added = notify_staff(
            session,
            event=StaffEvent.URGENT_REQUEST,
            subject_id=report_id,
            now=now,
            member_ids=on_call,
        )
        if added:
            return added
    return notify_staff(session, event=StaffEvent.URGENT_REQUEST, subject_id=report_id, now=now)
