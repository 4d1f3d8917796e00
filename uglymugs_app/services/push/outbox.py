"""The push outbox: which notification goes to which device, and who sends it.

Publishing a warning calls ``enqueue_for_warning`` inside the publishing
transaction, so a warning is never published without its notifications nor
notified without being published. Senders claim due entries in batches under
a lease: on PostgreSQL with ``FOR UPDATE SKIP LOCKED`` so several senders
never take the same entry; on SQLite the one in-process sender claims with a
conditional UPDATE. A lease that runs out (sender killed) makes its entries
claimable again; a delivered entry is never claimable.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Text, and_, cast, delete, literal, or_, update
from sqlmodel import Session, col, select

from uglymugs_app.models.common import utcnow
from uglymugs_app.models.membership import Member, MemberStatus, Role
from uglymugs_app.models.push import (
    Channel,
    OutboxStatus,
    PushOutbox,
    PushSubscription,
)
from uglymugs_app.services.database import upsert_insert
from uglymugs_app.services.push.payload import build_warning_notification
from uglymugs_app.services.regions import directory
from uglymugs_app.vocabulary import SEVERITIES, WHOLE_COUNTRY

# Quiet hours are her local hours; the scheme is Dutch.
LOCAL_TIME = ZoneInfo("Europe/Amsterdam")


@dataclass(frozen=True)
class ClaimedEntry:
    """An outbox entry a sender holds under lease, with the sealed address."""

    id: int
    token: str
    subscription_id: int
    # The message as stored (JSON text): sent as it is, never parsed again.
    payload_json: str
    topic: str
    urgency: str
    ttl_seconds: int
    attempts: int
    # None when the subscription was removed after the entry was written.
    endpoint_sealed: str | None
    p256dh_sealed: str | None
    auth_sealed: str | None
    # How the subscription is reached (``models.push.Channel``), and its language.
    channel: str = Channel.WEBPUSH
    language: str = "en"


def quiet_hours_end(*, start: time | None, end: time | None, now: datetime) -> datetime | None:
    """When the quiet period ``now`` falls in ends (UTC), or None outside one."""
    if not in_quiet_hours(start=start, end=end, now=now):
        return None
    assert end is not None  # in_quiet_hours is False without an end
    local = now.astimezone(LOCAL_TIME)
    ends = datetime.combine(local.date(), end, tzinfo=LOCAL_TIME)
    if ends <= local:
        ends = datetime.combine(local.date() + timedelta(days=1), end, tzinfo=LOCAL_TIME)
    return ends.astimezone(now.tzinfo)


def in_quiet_hours(*, start: time | None, end: time | None, now: datetime) -> bool:
    """Whether ``now`` falls in the quiet period [start, end) in Dutch time."""
    if start is None or end is None or start == end:
        return False
    local = now.astimezone(LOCAL_TIME).time()
    if start < end:
        return start <= local < end
    return local >= start or local < end


def _shown_region(subscribed: Sequence[str], warning_regions: Sequence[str]) -> str | None:
    """The region named in her notification, or None if the warning is not for her."""
    if WHOLE_COUNTRY in warning_regions:
        return WHOLE_COUNTRY
    if WHOLE_COUNTRY in subscribed:
        return warning_regions[0] if warning_regions else None
    mine = set(subscribed)
    return next((region for region in warning_regions if region in mine), None)


def enqueue_for_warning(
    session: Session,
    *,
    warning_id: int,
    severity: str,
    regions: Sequence[str],
    revision: int = 0,
    now: datetime | None = None,
) -> int:
    """Write an outbox entry for every subscription this warning should reach.

    Only devices of active, verified members are candidates: an applicant, a
    suspended or rejected member never gets a warning, whatever devices are
    left, nor does a device saved for her own news only. A subscription
    matches when a region matches (``WHOLE_COUNTRY`` on either side matches
    all) and the severity reaches her minimum. During her quiet hours a
    warning that is not high is held until they end (``held``; see
    ``push.held``), never dropped. ``revision`` > 0 marks a
    correction: new entries under the same topic, replacing the earlier
    notification. Runs in the caller's transaction and never commits; calling
    it twice for the same revision adds nothing. Returns the entries added.
    """
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r}")
    now = now or utcnow()
    rank = SEVERITIES.index(severity)
    key = f"warning:{warning_id}:r{revision}"
    candidates = session.exec(
        select(  # type: ignore[call-overload]  # sqlmodel types select() up to 4 columns
            PushSubscription.id,
            PushSubscription.language,
            cast(PushSubscription.regions, Text),
            PushSubscription.quiet_start,
            PushSubscription.quiet_end,
            PushSubscription.discreet,
        )
        .join(Member, col(Member.id) == col(PushSubscription.member_id))
        .where(
            col(PushSubscription.min_severity).in_(SEVERITIES[: rank + 1]),
            Member.status == MemberStatus.ACTIVE,
            Member.role != Role.APPLICANT,
            col(PushSubscription.personal_only).is_(False),
        )
    ).all()
    warning_regions = list(regions)
    # Members choose among a few region sets: decide once per set, not per device.
    shown: dict[str | None, str | None] = {}
    # One message per (language, region shown, discreet, end of quiet hours or
    # None); a discreet one shows no region.
    audiences: dict[tuple[str, str, bool, datetime | None], list[int]] = {}
    for sub_id, language, subscribed, quiet_start, quiet_end, discreet in candidates:
        if subscribed not in shown:
            shown[subscribed] = _shown_region(json.loads(subscribed or "[]") or [], warning_regions)
        region = shown[subscribed]
        if region is None:
            continue
        held_until = (
            None
            if severity == "high"
            else quiet_hours_end(start=quiet_start, end=quiet_end, now=now)
        )
        audience = (language, "" if discreet else region, bool(discreet), held_until)
        audiences.setdefault(audience, []).append(sub_id)
    added = 0
    names = directory.current(session)
    for (language, region, discreet, held_until), subscription_ids in audiences.items():
        note = build_warning_notification(
            region_name=names.name(region, language) if region else "",
            warning_id=warning_id,
            severity=severity,
            region=region,
            language=language,
            correction=revision > 0,
            discreet=discreet,
        )
        entry = {
            "notification_key": key,
            "topic": note.topic,
            "payload": note.payload,
            "urgency": note.urgency,
            "ttl_seconds": note.ttl_seconds,
            "status": OutboxStatus.PENDING if held_until is None else OutboxStatus.HELD,
            "attempts": 0,
            "created_at": now,
            "next_attempt_at": held_until or now,
        }
        # One INSERT ... SELECT per thousand devices: the same message for all,
        # written by the database rather than row by row from here.
        for start in range(0, len(subscription_ids), 1000):
            added += insert_entries(session, entry, subscription_ids[start : start + 1000])
    return added


def cancel_unsent(session: Session, *, warning_id: int) -> int:
    """Drop the warning's notifications not yet handed to a sender (a retraction).

    Entries a sender holds right now are left to finish: their push request
    may already be on its way. Entries held for quiet hours go too. Runs in
    the caller's transaction.
    """
    result = session.exec(
        delete(PushOutbox)
        .where(
            col(PushOutbox.notification_key).startswith(f"warning:{warning_id}:r"),
            col(PushOutbox.status).in_([OutboxStatus.PENDING, OutboxStatus.HELD]),
        )
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0


def insert_entries(session: Session, entry: dict, subscription_ids: list[int]) -> int:
    """Insert ``entry`` for each subscription; the number of rows really added."""
    table = PushOutbox.__table__  # type: ignore[attr-defined]  # set by SQLModel, not in its stubs
    columns = ["subscription_id", *entry]
    source = select(
        PushSubscription.id,
        *(literal(value, type_=table.c[name].type) for name, value in entry.items()),
    ).where(col(PushSubscription.id).in_(subscription_ids))
    statement = (
        upsert_insert(session)(table)
        .from_select(columns, source)
        .on_conflict_do_nothing(index_elements=["notification_key", "subscription_id"])
        .returning(table.c.id)  # rowcount is not reliable here on every driver
    )
    return len(session.connection().execute(statement).all())


def _claimable(now: datetime):
    return or_(
        and_(
            col(PushOutbox.status) == OutboxStatus.PENDING,
            col(PushOutbox.next_attempt_at) <= now,
        ),
        and_(col(PushOutbox.status) == OutboxStatus.SENDING, col(PushOutbox.claimed_until) < now),
    )


def claim_batch(
    session: Session,
    *,
    sender_id: str,
    limit: int,
    lease_seconds: float,
    now: datetime | None = None,
) -> list[ClaimedEntry]:
    """Claim up to ``limit`` due entries for this sender and commit the claim.

    Each claim gets its own token, so a sender whose lease ran out and was
    taken over can no longer record a result for those entries.
    """
    now = now or utcnow()
    token = f"{sender_id[:40]}:{uuid.uuid4().hex[:16]}"
    due = (
        select(PushOutbox.id)
        .where(_claimable(now))
        .order_by(col(PushOutbox.next_attempt_at), col(PushOutbox.id))
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    # One statement that only writes: on SQLite a SELECT followed by an UPDATE
    # could fail to upgrade its lock while the result writer commits.
    claimed = session.exec(
        update(PushOutbox)
        .where(col(PushOutbox.id).in_(due.scalar_subquery()), _claimable(now))
        .values(
            status=OutboxStatus.SENDING,
            claimed_by=token,
            claimed_until=now + timedelta(seconds=lease_seconds),
            attempts=PushOutbox.attempts + 1,
        )
        .execution_options(synchronize_session=False)
    )
    if not claimed.rowcount:
        session.rollback()
        return []
    rows = session.exec(
        select(  # type: ignore[call-overload]  # sqlmodel types select() up to 4 columns
            PushOutbox.id,
            PushOutbox.subscription_id,
            cast(PushOutbox.payload, Text),
            PushOutbox.topic,
            PushOutbox.urgency,
            PushOutbox.ttl_seconds,
            PushOutbox.created_at,
            PushOutbox.attempts,
            PushSubscription.endpoint_sealed,
            PushSubscription.p256dh_sealed,
            PushSubscription.auth_sealed,
            PushSubscription.channel,
            PushSubscription.language,
        )
        .join(PushSubscription, PushSubscription.id == PushOutbox.subscription_id, isouter=True)
        .where(PushOutbox.claimed_by == token)
        .order_by(PushOutbox.id)
    ).all()
    session.commit()
    return [
        ClaimedEntry(
            id=row[0],
            token=token,
            subscription_id=row[1],
            payload_json=row[2],
            topic=row[3],
            urgency=row[4],
            # The push service should keep it only as long as it stays useful.
            ttl_seconds=max(0, row[5] - int((now - row[6]).total_seconds())),
            attempts=row[7],
            endpoint_sealed=row[8],
            p256dh_sealed=row[9],
            auth_sealed=row[10],
            channel=row[11] or Channel.WEBPUSH,
            language=row[12] or "en",
        )
        for row in rows
    ]
