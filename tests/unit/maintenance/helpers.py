"""Rows the maintenance tests age: check times, outbox entries."""

from datetime import datetime

from sqlmodel import Session

from tests.fixtures.server_lookup import check_identifier
from uglymugs_app.models.push import PushOutbox

MEMBER = 50


def checked(session: Session, secrets, settings, *, at: datetime, member_id: int = MEMBER) -> None:
    """One check by a member at ``at``, counted against her limit."""
    check_identifier(
        session, secrets=secrets, settings=settings, member_id=member_id, raw="06-87654321", now=at
    )


def outbox_entry(
    session: Session, number: int, *, status: str, finished_at: datetime | None = None
) -> int:
    """A notification for subscription ``number`` in ``status``; returns its id."""
    entry = PushOutbox(
        notification_key=f"warning:{number}:r0",
        subscription_id=number,
        topic=f"w{number}",
        status=status,
        finished_at=finished_at,
    )
    session.add(entry)
    session.commit()
    return entry.id
