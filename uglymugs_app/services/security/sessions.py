"""Logins kept in the database, so they survive reconnects, restarts and workers.

The browser keeps a random token; the database keeps only its SHA-256, so a
leaked table opens no session. Every request resolves the token again here:
a suspended member, a logged-out device or an idle session stops at once.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, select

from uglymugs_app.models import Member, MemberSession, MemberStatus, Role
from uglymugs_app.models.common import as_utc, utcnow
from uglymugs_app.services.actors import Actor

# Writing last_seen_at on every event would turn reads into writes.
TOUCH_EVERY = timedelta(minutes=1)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(
    session: Session, *, member_id: int, complete: bool = True, now: datetime | None = None
) -> str:
    """Start a session for her and return the token for her browser (shown once)."""
    token = secrets.token_urlsafe(32)
    moment = now or utcnow()
    session.add(
        MemberSession(
            token_hash=token_hash(token),
            member_id=member_id,
            complete=complete,
            created_at=moment,
            last_seen_at=moment,
        )
    )
    session.commit()
    return token


def reference_of(token: str | None, reference: str | None = None) -> str | None:
    """The session's reference (its token's SHA-256): from the token when given.

    The app keeps only the reference where its state may be stored (Redis).
    """
    if token:
        return token_hash(token) if len(token) <= 200 else None
    return reference or None


def resolve(
    session: Session,
    *,
    token: str | None,
    idle_minutes: int,
    allow_incomplete: bool = False,
    now: datetime | None = None,
    reference: str | None = None,
) -> Actor | None:
    """The actor behind a token (or its ``reference``), or None (unknown, idle too
    long, suspended, deleted).

    A session that still lacks its second factor resolves only with
    ``allow_incomplete`` (the two-factor enrolment page).
    """
    reference = reference_of(token, reference)
    if reference is None:
        return None
    moment = now or utcnow()
    # Session and member in one round trip: this runs on every event.
    found = session.exec(
        select(MemberSession, Member)
        .outerjoin(Member, col(Member.id) == MemberSession.member_id)
        .where(MemberSession.token_hash == reference)
    ).first()
    if found is None:
        return None
    row, member = found
    if as_utc(row.last_seen_at) + timedelta(minutes=idle_minutes) < moment:
        session.delete(row)
        session.commit()
        return None
    if not row.complete and not allow_incomplete:
        return None
    if member is None or member.status == MemberStatus.SUSPENDED:
        return None
    if moment - as_utc(row.last_seen_at) > TOUCH_EVERY:
        row.last_seen_at = moment
        session.add(row)
        session.commit()
    return Actor(
        member_id=row.member_id,
        role=Role(member.role),
        working_name=member.working_name,
        language=member.language,
    )


def complete_session(
    session: Session, *, token: str | None = None, reference: str | None = None
) -> None:
    """Mark a session whole once her second factor is enrolled."""
    row = session.exec(
        select(MemberSession).where(MemberSession.token_hash == reference_of(token, reference))
    ).first()
    if row is not None:
        row.complete = True
        session.add(row)
        session.commit()


def close_session(
    session: Session, *, token: str | None = None, reference: str | None = None
) -> None:
    """Log out this device."""
    if reference := reference_of(token, reference):
        session.exec(delete(MemberSession).where(col(MemberSession.token_hash) == reference))
        session.commit()


def close_all_sessions(session: Session, *, member_id: int) -> int:
    """Log out every device of a member (also on suspension and password change)."""
    result = session.exec(delete(MemberSession).where(col(MemberSession.member_id) == member_id))
    session.commit()
    return result.rowcount or 0


def close_other_sessions(
    session: Session,
    *,
    member_id: int,
    keep_token: str | None = None,
    keep_reference: str | None = None,
) -> None:
    """Log out every other device (after a password change)."""
    query = delete(MemberSession).where(col(MemberSession.member_id) == member_id)
    if keep := reference_of(keep_token, keep_reference):
        query = query.where(col(MemberSession.token_hash) != keep)
    session.exec(query)
    session.commit()


def prune_idle_sessions(session: Session, *, idle_minutes: int, now: datetime | None = None) -> int:
    """Delete sessions idle longer than ``idle_minutes`` (``resolve`` refuses them anyway)."""
    cutoff = (now or utcnow()) - timedelta(minutes=idle_minutes)
    result = session.exec(delete(MemberSession).where(col(MemberSession.last_seen_at) < cutoff))
    session.commit()
    return result.rowcount or 0
