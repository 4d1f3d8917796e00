"""A member's feed: warnings in her regions, what she has not read yet.

The feed itself is ``warnings.list_feed``; this adds who is asking: her
regions (from her profile, never from the browser), her read marks and the
unread count the app badge shows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlmodel import Session, col, func, select

from uglymugs_app.models import Member, Warning, WarningRead
from uglymugs_app.models.common import utcnow
from uglymugs_app.services.actors import VERIFIED, Actor, require
from uglymugs_app.services.database import upsert_insert
from uglymugs_app.services.errors import PermissionDenied
from uglymugs_app.services.warnings.lifecycle import (
    WarningView,
    active_clause,
    get_warning,
    list_feed,
)
from uglymugs_app.vocabulary import WHOLE_COUNTRY

FEED_LIMIT = 100


@dataclass(frozen=True)
class FeedEntry:
    warning: WarningView
    unread: bool


@dataclass(frozen=True)
class MemberFeed:
    entries: list[FeedEntry]
    unread: int  # in her own regions, whatever the page shows


def member_regions(session: Session, *, actor: Actor) -> list[str] | None:
    """Her regions; ``None`` when she chose the whole country. Verified people only."""
    require(actor, *VERIFIED)
    member = session.get(Member, actor.member_id)
    if member is None:
        raise PermissionDenied()
    regions = json.loads(member.regions)
    return None if WHOLE_COUNTRY in regions else regions


def member_feed(
    session: Session, *, actor: Actor, whole_country: bool = False, now: datetime | None = None
) -> MemberFeed:
    """Active warnings for her, newest first, each marked read or unread."""
    moment = now or utcnow()
    regions = member_regions(session, actor=actor)
    mine = list_feed(session, regions=regions, limit=FEED_LIMIT, now=moment)
    shown = (
        list_feed(session, regions=None, limit=FEED_LIMIT, now=moment)
        if whole_country and regions is not None
        else mine
    )
    read = _read_ids(session, actor.member_id, [w.id for w in shown + mine])
    return MemberFeed(
        entries=[FeedEntry(w, w.id not in read) for w in shown],
        unread=sum(1 for w in mine if w.id not in read),
    )


def open_warning(
    session: Session, *, actor: Actor, warning_id: int, now: datetime | None = None
) -> WarningView:
    """One visible warning, marked read for her; ``NotFound`` otherwise."""
    require(actor, *VERIFIED)
    view = get_warning(session, warning_id=warning_id, now=now)
    mark_read(session, actor=actor, warning_ids=[view.id])
    return view


def mark_read(session: Session, *, actor: Actor, warning_ids: list[int]) -> None:
    """Mark warnings read for her; repeating it changes nothing."""
    if not warning_ids:
        return
    rows = [
        {"member_id": actor.member_id, "warning_id": wid, "read_at": utcnow()}
        for wid in sorted(set(warning_ids))
    ]
    session.exec(upsert_insert(session)(WarningRead).values(rows).on_conflict_do_nothing())
    session.commit()


def mark_all_read(session: Session, *, actor: Actor, now: datetime | None = None) -> None:
    """Everything she can see now counts as read (the feed's "mark all read")."""
    ids = session.exec(select(Warning.id).where(active_clause(now or utcnow()))).all()
    # Primary keys are never NULL; the model says `int | None` only for unsaved rows.
    mark_read(session, actor=actor, warning_ids=cast(list[int], list(ids)))


def feed_version(session: Session, *, now: datetime | None = None) -> str:
    """A cheap fingerprint of the visible warnings: it changes when one is
    published, corrected, retracted or expires, so a watching page reloads
    only then."""
    count, newest, changed = session.exec(
        select(func.count(), func.max(Warning.id), func.max(Warning.updated_at)).where(
            active_clause(now or utcnow())
        )
    ).one()
    return f"{count}:{newest}:{changed}"


def _read_ids(session: Session, member_id: int, warning_ids: list[int]) -> set[int]:
    if not warning_ids:
        return set()
    return set(
        session.exec(
            select(WarningRead.warning_id).where(
                WarningRead.member_id == member_id,
                col(WarningRead.warning_id).in_(set(warning_ids)),
            )
        ).all()
    )
