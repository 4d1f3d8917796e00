"""Which of a moderator's or admin's devices get staff alerts.

Only staff may turn them on, and only on their own devices: a member who
forges the call is refused, and nobody can set someone else's device.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from uglymugs_app.models.push import PushSubscription
from uglymugs_app.services.actors import STAFF, Actor, require
from uglymugs_app.services.errors import NotFound
from uglymugs_app.services.security import audit


def set_staff_alerts(session: Session, *, actor: Actor, device_id: int, on: bool) -> None:
    """Turn staff alerts on or off for one of her own subscribed devices; audited."""
    require(actor, *STAFF)
    device = session.get(PushSubscription, device_id)
    if device is None or device.member_id != actor.member_id:
        raise NotFound()
    if device.staff_alerts == bool(on):
        return
    audit.record(
        session,
        actor_id=actor.member_id,
        action="push.staff_alerts",
        subject_type="push_subscription",
        subject_id=device.id,
        before={"staff_alerts": device.staff_alerts},
        after={"staff_alerts": bool(on)},
    )
    device.staff_alerts = bool(on)
    session.add(device)
    session.commit()


def staff_alert_devices(session: Session, *, actor: Actor) -> list[int]:
    """Her devices that get staff alerts (none for anyone but staff)."""
    if actor.role not in STAFF:
        return []
    return [
        int(device_id)
        for device_id in session.exec(
            select(PushSubscription.id).where(
                PushSubscription.member_id == actor.member_id,
                col(PushSubscription.staff_alerts).is_(True),
            )
        ).all()
        if device_id is not None
    ]
