"""The check's limits and totals.

The check itself is private (services/private_check): the server sees only
blinded values and never learns what she searched. Every check is counted
here against her hourly and daily limits (which a client probing "was I
reported?" runs into); the database keeps only her check times and, once
housekeeping has rolled those up, anonymous daily totals.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import case, insert
from sqlmodel import Session, col, delete, func, select

from uglymugs_app.models import CheckAttempt, CheckCount
from uglymugs_app.models.common import as_date, utcnow
from uglymugs_app.services.database import upsert_insert
from uglymugs_app.services.errors import CheckRateLimited
from uglymugs_app.settings import Settings


def checks_left(
    session: Session, *, settings: Settings, member_id: int, now: datetime | None = None
) -> int:
    """How many checks she may still do right now (for a gentle hint in the UI)."""
    moment = now or utcnow()
    return _left(settings, *_used(session, member_id, moment))


def count_check(
    session: Session, *, settings: Settings, member_id: int, now: datetime | None = None
) -> int:
    """Record one check against her hourly and daily limits, as every check
    is counted; raises ``CheckRateLimited``. Returns the checks left after it."""
    hour, day = _count_against_limit(session, settings, member_id, now or utcnow())
    return _left(settings, hour, day)


def _left(settings: Settings, hour: int, day: int) -> int:
    return max(0, min(settings.check_limit_per_hour - hour, settings.check_limit_per_day - day))


def roll_up_check_attempts(session: Session, *, now: datetime | None = None) -> int:
    """Fold check times older than a day into the daily totals and delete them.

    The rate limit needs no more than a day. Deleting with RETURNING counts
    each row exactly once, even if two rounds ran at the same time.
    """
    cutoff = (now or utcnow()) - timedelta(days=1)
    removed = (
        session.connection()
        .execute(
            delete(CheckAttempt)
            .where(col(CheckAttempt.at) < cutoff)
            .returning(col(CheckAttempt.at))
        )
        .scalars()
        .all()
    )
    per_day = Counter(as_date(at) for at in removed)
    if per_day:
        statement = upsert_insert(session)(CheckCount).values(
            [{"day": day, "count": count} for day, count in sorted(per_day.items())]
        )
        session.connection().execute(
            statement.on_conflict_do_update(
                index_elements=[CheckCount.day],
                set_={"count": CheckCount.count + statement.excluded.count},
            )
        )
    session.commit()
    return len(removed)


def checks_per_day(session: Session, *, start: date, end: date) -> dict[date, int]:
    """Checks done on each day from ``start`` to ``end`` (UTC days, inclusive):
    the rolled-up totals plus the check times not rolled up yet."""
    counts: Counter[date] = Counter()
    for row in session.exec(
        select(CheckCount).where(col(CheckCount.day) >= start, col(CheckCount.day) <= end)
    ):
        counts[as_date(row.day)] += row.count
    low = datetime.combine(start, time.min, tzinfo=UTC)
    high = datetime.combine(end + timedelta(days=1), time.min, tzinfo=UTC)
    day = func.date(CheckAttempt.at)
    for on, count in session.connection().execute(
        select(day, func.count())
        .where(col(CheckAttempt.at) >= low, col(CheckAttempt.at) < high)
        .group_by(day)
    ):
        counts[as_date(on)] += count
    return dict(counts)


def _used(session: Session, member_id: int, moment: datetime) -> tuple[int, int]:
    """Her checks in the last hour and in the last day, in one query."""
    hour_ago = moment - timedelta(hours=1)
    last_hour = func.count(case((col(CheckAttempt.at) > hour_ago, 1)))
    hour, day = (
        session.connection()
        .execute(
            select(last_hour, func.count())
            .select_from(CheckAttempt)
            .where(
                CheckAttempt.member_id == member_id,
                col(CheckAttempt.at) > moment - timedelta(days=1),
            )
        )
        .one()
    )
    return hour, day


def _count_against_limit(
    session: Session, settings: Settings, member_id: int, moment: datetime
) -> tuple[int, int]:
    """Record this check, then count: her checks in the last hour and day, this
    one included; over either limit the record is taken back and she is refused.

    Recording first (committed) means checks sent at once all see each other,
    so none slips past the limit; at worst two racing for the last check both
    wait. A Core statement: a check runs for every member at the busiest hour.
    The day's total is not touched here: one row updated by every check was a
    lock all checks queued for (see roll_up_check_attempts).
    """
    # __table__ is set by SQLModel at class creation; its stubs do not declare it.
    table = CheckAttempt.__table__  # type: ignore[attr-defined]
    attempt_id = (
        session.connection()
        .execute(insert(table).values(member_id=member_id, at=moment).returning(table.c.id))
        .scalar_one()
    )
    session.commit()
    hour, day = _used(session, member_id, moment)
    refusal = (
        "check.limit.day"
        if day > settings.check_limit_per_day
        else "check.limit.hour"
        if hour > settings.check_limit_per_hour
        else None
    )
    if refusal:
        session.connection().execute(delete(table).where(table.c.id == attempt_id))
        session.commit()
        raise CheckRateLimited(refusal)
    return hour, day
