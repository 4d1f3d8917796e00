"""Personal and staff notifications: who is told, in neutral words, delayed by quiet hours."""

from __future__ import annotations

from datetime import UTC, datetime, time

from sqlmodel import Session, select

from uglymugs_app.models.membership import Member
from uglymugs_app.models.push import PushOutbox, PushSubscription
from uglymugs_app.services.notifications import (
    MemberEvent,
    StaffEvent,
    notify_member,
    notify_staff,
)

# 23:30 in Amsterdam in winter (UTC+1); her quiet hours 22:00–07:00 end at 06:00 UTC.
LATE_EVENING = datetime(2026, 1, 15, 22, 30, tzinfo=UTC)
AFTERNOON = datetime(2026, 7, 15, 12, 0, tzinfo=UTC)


def _entries(session: Session) -> dict[int, PushOutbox]:
    return {row.subscription_id: row for row in session.exec(select(PushOutbox))}


def _make(session: Session, member_id: int, *, role: str, status: str = "active") -> None:
    member = session.get(Member, member_id)
    assert member is not None
    member.role, member.status = role, status
    session.add(member)
    session.flush()


def _staff_alerts(session: Session, subscription_id: int) -> None:
    device = session.get(PushSubscription, subscription_id)
    assert device is not None
    device.staff_alerts = True
    session.add(device)
    session.flush()


def test_a_member_is_told_on_each_of_her_devices_only(engine, add_device):
    with Session(engine) as session:
        _d, phone = add_device(session, "phone", member_id=1, language="nl")
        _d, tablet = add_device(session, "tablet", member_id=1, language="ro")
        _d, other = add_device(session, "other", member_id=2)
        added = notify_member(
            session, member_id=1, event=MemberEvent.MODERATOR_MESSAGE, subject_id=7, now=AFTERNOON
        )
        rows = _entries(session)
        assert added == 2 and set(rows) == {phone, tablet}
        assert rows[phone].payload["title"] == "Nieuw bericht"
        assert rows[tablet].payload["title"] == "Mesaj nou"
        assert rows[phone].payload["url"] == "/my-reports"
        # The same message twice is one notification.
        again = notify_member(
            session, member_id=1, event=MemberEvent.MODERATOR_MESSAGE, subject_id=7, now=AFTERNOON
        )
        assert again == 0 and other not in _entries(session)


def test_quiet_hours_delay_a_personal_notification_until_they_end(engine, add_device):
    with Session(engine) as session:
        _d, quiet = add_device(session, "q", member_id=1, quiet=(time(22, 0), time(7, 0)))
        notify_member(
            session,
            member_id=1,
            event=MemberEvent.REPORT_PUBLISHED,
            subject_id=3,
            now=LATE_EVENING,
        )
        row = _entries(session)[quiet]
        due = row.next_attempt_at.replace(tzinfo=row.next_attempt_at.tzinfo or UTC)
        assert due == datetime(2026, 1, 16, 6, 0, tzinfo=UTC)


def test_staff_alerts_reach_only_active_staff_devices_that_asked(engine, add_device):
    with Session(engine) as session:
        _d, moderator = add_device(session, "mod", member_id=1)
        _d, admin = add_device(session, "admin", member_id=2, language="th")
        _d, quiet_moderator = add_device(session, "mod2", member_id=3)
        _d, member = add_device(session, "member", member_id=4)
        _d, suspended = add_device(session, "gone", member_id=5)
        _make(session, 1, role="moderator")
        _make(session, 2, role="admin")
        _make(session, 3, role="moderator")
        _make(session, 5, role="moderator", status="suspended")
        for device in (moderator, admin, member, suspended):
            _staff_alerts(session, device)
        notify_staff(session, event=StaffEvent.URGENT_REQUEST, subject_id=11, now=AFTERNOON)
        rows = _entries(session)
        assert set(rows) == {moderator, admin}
        assert quiet_moderator not in rows
        assert rows[moderator].urgency == "high"
        assert rows[moderator].payload["title"] == "Urgent: someone asks to be contacted now"
        assert rows[admin].payload["title"] == "ด่วน: มีคนขอให้ติดต่อตอนนี้"


def test_notification_text_never_carries_the_subject(engine, add_device):
    with Session(engine) as session:
        _d, device = add_device(session, "p", member_id=1)
        notify_member(
            session,
            member_id=1,
            event=MemberEvent.REPORT_DECLINED,
            subject_id=987654,
            now=AFTERNOON,
        )
        payload = _entries(session)[device].payload
        assert "987654" not in " ".join(payload.values())
