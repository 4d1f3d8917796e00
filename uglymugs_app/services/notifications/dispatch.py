"""Queueing a personal or staff notification for every device that should get it.

Runs in the caller's transaction, like ``push.outbox.enqueue_for_warning``:
the notification is sent if and only if the change it announces commits, and
the push sender delivers it at least once and records it once. ``subject_id``
makes the notification unique (a message's id, a report's id): queueing the
same event for the same subject twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlmodel import Session, col, select

from uglymugs_app.models.common import utcnow
from uglymugs_app.models.membership import Member, MemberStatus
from uglymugs_app.models.push import OutboxStatus, PushSubscription
from uglymugs_app.services.actors import STAFF
from uglymugs_app.services.notifications.events import (
    MEMBER_PAGES,
    STAFF_PAGES,
    MemberEvent,
    StaffEvent,
)
from uglymugs_app.services.notifications.texts import (
    MEMBER_TTL_SECONDS,
    STAFF_TTL_SECONDS,
    notification_payload,
)
from uglymugs_app.services.push.outbox import insert_entries, quiet_hours_end


def notify_member(
    session: Session,
    *,
    member_id: int,
    event: MemberEvent,
    subject_id: int,
    now: datetime | None = None,
) -> int:
    """Tell one member, on each of her devices, that something of hers changed.

    Her quiet hours hold the notification until they end (it is delayed, not
    dropped). Returns the outbox entries added.
    """
    now = now or utcnow()
    devices = session.exec(
        select(  # type: ignore[call-overload]  # sqlmodel types select() up to 4 columns
            PushSubscription.id,
            PushSubscription.language,
            PushSubscription.discreet,
            PushSubscription.quiet_start,
            PushSubscription.quiet_end,
        ).where(PushSubscription.member_id == member_id)
    ).all()
    topic = f"{event.value[:20]}-{member_id}"[:32]
    added = 0
    for sub_id, language, discreet, quiet_start, quiet_end in devices:
        due = quiet_hours_end(start=quiet_start, end=quiet_end, now=now) or now
        added += _queue(
            session,
            key=f"{event.value}:{subject_id}",
            subscription_ids=[sub_id],
            payload=notification_payload(
                event=event,
                language=language,
                url=MEMBER_PAGES[event],
                tag=topic,
                discreet=bool(discreet),
            ),
            topic=topic,
            urgency="normal",
            ttl_seconds=MEMBER_TTL_SECONDS,
            now=now,
            due=due,
        )
    return added


def notify_staff(
    session: Session,
    *,
    event: StaffEvent,
    subject_id: int,
    now: datetime | None = None,
    member_ids: Collection[int] | None = None,
) -> int:
    """Tell every staff device that asked for staff alerts that the queue needs them.

    Only devices of active moderators and admins, set for staff alerts, are
    told; ``member_ids`` narrows them to those people (e.g. who is on call).
    An urgent request is sent with high urgency. Returns the entries added.
    """
    now = now or utcnow()
    query = (
        select(PushSubscription.id, PushSubscription.language, PushSubscription.discreet)
        .join(Member, col(Member.id) == col(PushSubscription.member_id))
        .where(
            col(PushSubscription.staff_alerts).is_(True),
            Member.status == MemberStatus.ACTIVE,
            col(Member.role).in_(STAFF),
        )
    )
    if member_ids is not None:
        query = query.where(col(Member.id).in_(list(member_ids)))
    devices = session.exec(query).all()
    urgent = event is StaffEvent.URGENT_REQUEST
    topic = f"staff-{event.value[:20]}-{subject_id}"[:32]
    audiences: dict[tuple[str, bool], list[int]] = {}
    for sub_id, language, discreet in devices:
        if sub_id is not None:
            audiences.setdefault((language, bool(discreet)), []).append(sub_id)
    added = 0
    for (language, discreet), subscription_ids in audiences.items():
        added += _queue(
            session,
            key=f"staff:{event.value}:{subject_id}",
            subscription_ids=subscription_ids,
            payload=notification_payload(
                event=event,
                language=language,
                url=STAFF_PAGES[event],
                tag=topic,
                discreet=discreet,
            ),
            topic=topic,
            urgency="high" if urgent else "normal",
            ttl_seconds=STAFF_TTL_SECONDS,
            now=now,
            due=now,
        )
    return added


def _queue(
    session: Session,
    *,
    key: str,
    subscription_ids: list[int],
    payload: dict[str, str],
    topic: str,
    urgency: str,
    ttl_seconds: int,
    now: datetime,
    due: datetime,
) -> int:
    entry = {
        "notification_key": key[:64],
        "topic": topic,
        "payload": payload,
        "urgency": urgency,
        "ttl_seconds": ttl_seconds,
        "status": OutboxStatus.PENDING,
        "attempts": 0,
        "created_at": now,
        "next_attempt_at": due,
    }
    return insert_entries(session, entry, subscription_ids)
