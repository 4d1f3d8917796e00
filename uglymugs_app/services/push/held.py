"""Warnings held during quiet hours: released when they end, several as one.

``enqueue_for_warning`` writes a warning that is not high for a device in its
quiet hours as ``held``, due when they end. The sender calls
``release_held`` before each claim. For each device whose held entries are
due: one warning (maybe in several revisions) is released as it is (its
newest revision); several warnings become one summary ("3 new warnings",
opening the feed) written into the newest entry, and the others are marked
``merged``. The summary is an ordinary pending entry from then on: sent at
least once, recorded once, on whatever channel the device has.

Only one process releases at a time (a transaction-level advisory lock on
PostgreSQL; SQLite serialises writers itself), so two senders never write
two summaries for one device.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text, update
from sqlmodel import Session, col, select

from uglymugs_app.i18n import translate
from uglymugs_app.i18n.formatting import plural
from uglymugs_app.models.common import utcnow
from uglymugs_app.models.push import OutboxStatus, PushOutbox, PushSubscription
from uglymugs_app.services.push.payload import DISCREET_ICON, ICON

# The summary replaces any earlier summary still shown on the phone.
SUMMARY_TOPIC = "warnings-held"
SUMMARY_URL = "/feed"
# pg_try_advisory_xact_lock takes one bigint: "umheld" padded to eight bytes.
RELEASE_LOCK_KEY = int.from_bytes(b"umheld\x00\x00", "big")


@dataclass(frozen=True)
class _Held:
    id: int
    subscription_id: int
    warning: str  # "warning:<id>" of the notification key, without its revision
    language: str
    discreet: bool


def summary_payload(*, language: str, count: int, discreet: bool) -> dict[str, str]:
    """The one notification for ``count`` warnings that waited for her quiet hours."""
    if discreet:
        title = translate(language, "push.discreet.title")
        body = translate(language, "push.discreet.body")
    else:
        title = plural(language, "push.held_summary.title", count)
        body = translate(language, "push.held_summary.body")
    return {
        "title": title,
        "body": body,
        "url": SUMMARY_URL,
        "tag": SUMMARY_TOPIC,
        "icon": DISCREET_ICON if discreet else ICON,
    }


def _take_lock(session: Session) -> bool:
    if session.get_bind().dialect.name != "postgresql":
        return True
    taken = session.execute(
        text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": RELEASE_LOCK_KEY}
    ).scalar()
    return bool(taken)


def release_held(session: Session, *, now: datetime | None = None, limit: int = 5000) -> int:
    """Release held entries that are due; returns the entries made pending. Commits."""
    now = now or utcnow()
    if not _take_lock(session):
        session.rollback()
        return 0
    rows = session.exec(
        select(  # type: ignore[call-overload]  # sqlmodel types select() up to 4 columns
            PushOutbox.id,
            PushOutbox.subscription_id,
            PushOutbox.notification_key,
            PushSubscription.language,
            PushSubscription.discreet,
        )
        .join(PushSubscription, PushSubscription.id == PushOutbox.subscription_id, isouter=True)
        .where(
            col(PushOutbox.status) == OutboxStatus.HELD,
            col(PushOutbox.next_attempt_at) <= now,
        )
        .order_by(col(PushOutbox.subscription_id), col(PushOutbox.id))
        .limit(limit)
    ).all()
    if not rows:
        session.rollback()
        return 0
    per_device: dict[int, list[_Held]] = defaultdict(list)
    for entry_id, sub_id, key, language, discreet in rows:
        warning = key.rpartition(":r")[0] or key
        per_device[sub_id].append(
            _Held(entry_id, sub_id, warning, language or "en", bool(discreet))
        )
    if len(rows) == limit and len(per_device) > 1:
        # The last device's entries may go on past the limit: its turn is next round.
        per_device.pop(rows[-1][1])
    released: list[int] = []
    merged: list[int] = []
    summaries: dict[tuple[str, int, bool], list[int]] = defaultdict(list)
    for entries in per_device.values():
        newest = entries[-1]
        merged.extend(entry.id for entry in entries[:-1])
        count = len({entry.warning for entry in entries})
        if count == 1:
            released.append(newest.id)
        else:
            summaries[(newest.language, count, newest.discreet)].append(newest.id)
    if merged:
        _set(session, merged, status=OutboxStatus.MERGED, finished_at=now)
    if released:
        _set(session, released, status=OutboxStatus.PENDING)
    for (language, count, discreet), ids in summaries.items():
        _set(
            session,
            ids,
            status=OutboxStatus.PENDING,
            topic=SUMMARY_TOPIC,
            urgency="normal",
            payload=summary_payload(language=language, count=count, discreet=discreet),
        )
    session.commit()
    return len(released) + sum(len(ids) for ids in summaries.values())


def _set(session: Session, ids: list[int], **values: object) -> None:
    for start in range(0, len(ids), 1000):
        session.execute(
            update(PushOutbox)
            .where(
                col(PushOutbox.id).in_(ids[start : start + 1000]),
                col(PushOutbox.status) == OutboxStatus.HELD,
            )
            .values(**values)
            .execution_options(synchronize_session=False)
        )
