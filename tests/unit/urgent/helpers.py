"""Staff with devices set for staff alerts, as the urgent tests need them."""

from __future__ import annotations

from sqlmodel import Session, select

from tests.fixtures.people import PASSWORD
from uglymugs_app.models.push import PushOutbox, PushSubscription
from uglymugs_app.services.actors import Actor
from uglymugs_app.services.members.accounts import create_account


def staff_member(session: Session, name: str, role: str = "moderator") -> int:
    member = create_account(session, working_name=name, password=PASSWORD, role=role)
    assert member.id is not None
    return member.id


def staff_device(session: Session, add_device, member_id: int, name: str) -> int:
    """A subscribed device of ``member_id`` that asked for staff alerts."""
    _device, device_id = add_device(session, name, member_id=member_id)
    row = session.get(PushSubscription, device_id)
    assert row is not None
    row.staff_alerts = True
    session.add(row)
    session.commit()
    return device_id


def told(session: Session, key_part: str) -> dict[int, PushOutbox]:
    """Outbox entries whose key names ``key_part``, by device."""
    session.expire_all()
    return {
        row.subscription_id: row
        for row in session.exec(select(PushOutbox))
        if key_part in row.notification_key
    }


def member_actor(session: Session, name: str = "Roxy", regions=("utrecht",)) -> Actor:
    member = create_account(
        session, working_name=name, password=PASSWORD, role="member", regions=list(regions)
    )
    assert member.id is not None
    return Actor(member_id=member.id, role=member.role, working_name=name, language="ro")
