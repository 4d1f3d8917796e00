"""Who is on call: weekly hours per moderator or admin, set by an admin.

Hours are Dutch local time (like members' quiet hours). An urgent request
goes to the devices of the staff on call now; when nobody is, to all staff.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlmodel import Session, col, select

from uglymugs_app.models import Member, MemberStatus, OnCallHours, Role
from uglymugs_app.models.common import stored_id, utcnow
from uglymugs_app.services.actors import STAFF, Actor, require
from uglymugs_app.services.errors import InvalidInput, NotFound
from uglymugs_app.services.push.outbox import LOCAL_TIME
from uglymugs_app.services.security import audit

WEEKDAYS = tuple(range(7))
MAX_ROWS_PER_PERSON = 28


@dataclass(frozen=True)
class OnCallRow:
    """One weekly stretch as the admin page shows it."""

    id: int
    member_id: int
    working_name: str
    weekday: int
    starts: str  # "18:00"
    ends: str


@dataclass(frozen=True)
class StaffPerson:
    member_id: int
    working_name: str


def on_call_rota(session: Session, *, actor: Actor) -> list[OnCallRow]:
    """Every stretch of the week, by day and start; admins only."""
    require(actor, Role.ADMIN)
    rows = session.exec(
        select(OnCallHours, Member.working_name)
        .join(Member, col(Member.id) == col(OnCallHours.member_id))
        .order_by(col(OnCallHours.weekday), col(OnCallHours.starts), col(Member.working_name))
    ).all()
    return [
        OnCallRow(
            id=stored_id(hours),
            member_id=hours.member_id,
            working_name=name,
            weekday=hours.weekday,
            starts=f"{hours.starts:%H:%M}",
            ends=f"{hours.ends:%H:%M}",
        )
        for hours, name in rows
    ]


def staff_people(session: Session, *, actor: Actor) -> list[StaffPerson]:
    """Active moderators and admins, who can be put on call; admins only."""
    require(actor, Role.ADMIN)
    rows = session.exec(
        select(Member.id, Member.working_name)
        .where(col(Member.role).in_(STAFF), Member.status == MemberStatus.ACTIVE)
        .order_by(col(Member.working_name))
    ).all()
    return [StaffPerson(int(member_id), name) for member_id, name in rows if member_id is not None]


def add_on_call(
    session: Session, *, actor: Actor, member_id: int, weekday: int, starts: str, ends: str
) -> None:
    """Put an active moderator or admin on call for a weekly stretch; audited."""
    require(actor, Role.ADMIN)
    person = session.get(Member, member_id)
    if person is None or person.role not in STAFF or person.status != MemberStatus.ACTIVE:
        raise InvalidInput("on_call.person.invalid")
    if weekday not in WEEKDAYS:
        raise InvalidInput("on_call.weekday.invalid")
    begin, end = _time(starts), _time(ends)
    if begin == end:
        raise InvalidInput("on_call.hours.invalid")
    taken = session.exec(select(OnCallHours.id).where(OnCallHours.member_id == member_id)).all()
    if len(taken) >= MAX_ROWS_PER_PERSON:
        raise InvalidInput("on_call.too_many")
    hours = OnCallHours(member_id=member_id, weekday=weekday, starts=begin, ends=end)
    session.add(hours)
    session.flush()
    audit.record(
        session,
        actor_id=actor.member_id,
        action="on_call.hours_added",
        subject_type="member",
        subject_id=member_id,
        after={"weekday": weekday, "starts": starts[:5], "ends": ends[:5]},
    )
    session.commit()


def remove_on_call(session: Session, *, actor: Actor, hours_id: int) -> None:
    """Take a weekly stretch off the rota; audited."""
    require(actor, Role.ADMIN)
    hours = session.get(OnCallHours, hours_id)
    if hours is None:
        raise NotFound()
    audit.record(
        session,
        actor_id=actor.member_id,
        action="on_call.hours_removed",
        subject_type="member",
        subject_id=hours.member_id,
        before={"weekday": hours.weekday, "starts": f"{hours.starts:%H:%M}"},
    )
    session.delete(hours)
    session.commit()


def on_call_now(session: Session, *, now: datetime | None = None) -> set[int]:
    """The active staff members whose weekly hours include ``now``."""
    local = (now or utcnow()).astimezone(LOCAL_TIME)
    today, clock = local.weekday(), local.time().replace(tzinfo=None)
    yesterday = (local - timedelta(days=1)).weekday()
    rows = session.exec(
        select(OnCallHours)
        .join(Member, col(Member.id) == col(OnCallHours.member_id))
        .where(
            col(OnCallHours.weekday).in_([today, yesterday]),
            Member.status == MemberStatus.ACTIVE,
            col(Member.role).in_(STAFF),
        )
    ).all()
    return {
        row.member_id for row in rows if _covers(row, today=today, yesterday=yesterday, clock=clock)
    }


def _covers(row: OnCallHours, *, today: int, yesterday: int, clock: time) -> bool:
    overnight = row.ends < row.starts
    if row.weekday == today:
        if row.starts <= clock < row.ends or (overnight and clock >= row.starts):
            return True
    # Yesterday's night shift running past midnight into this morning.
    return row.weekday == yesterday and overnight and clock < row.ends


def _time(text: str) -> time:
    try:
        return time.fromisoformat(str(text)[:5])
    except ValueError:
        raise InvalidInput("on_call.hours.invalid") from None
