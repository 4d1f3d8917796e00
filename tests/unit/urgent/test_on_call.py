"""The on-call rota admins set: who is on call when, across midnight too."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from tests.actors import acting
from tests.unit.urgent.helpers import staff_member
from uglymugs_app.models import AuditEvent
from uglymugs_app.services.errors import InvalidInput, PermissionDenied
from uglymugs_app.services.urgent import on_call


def test_admin_sets_hours_and_they_decide_who_is_on_call(session):
    admin, anna, bo = (
        acting(staff_member(session, "Admin", "admin"), "admin"),
        staff_member(session, "Anna"),
        staff_member(session, "Bo"),
    )
    # Anna: Monday 09-17. Bo: Friday night 22:00 to Saturday 06:00.
    on_call.add_on_call(
        session, actor=admin, member_id=anna, weekday=0, starts="09:00", ends="17:00"
    )
    on_call.add_on_call(session, actor=admin, member_id=bo, weekday=4, starts="22:00", ends="06:00")
    # Times in UTC; Amsterdam is UTC+1 in January.
    monday_noon = datetime(2026, 1, 12, 11, 0, tzinfo=UTC)
    friday_late = datetime(2026, 1, 16, 23, 30, tzinfo=UTC)  # 00:30 Saturday there
    saturday_noon = datetime(2026, 1, 17, 11, 0, tzinfo=UTC)
    assert on_call.on_call_now(session, now=monday_noon) == {anna}
    assert on_call.on_call_now(session, now=friday_late) == {bo}
    assert on_call.on_call_now(session, now=saturday_noon) == set()
    rota = on_call.on_call_rota(session, actor=admin)
    assert [(row.working_name, row.weekday, row.starts, row.ends) for row in rota] == [
        ("Anna", 0, "09:00", "17:00"),
        ("Bo", 4, "22:00", "06:00"),
    ]
    on_call.remove_on_call(session, actor=admin, hours_id=rota[0].id)
    assert on_call.on_call_now(session, now=monday_noon) == set()
    actions = [e.action for e in session.exec(select(AuditEvent))]
    assert actions.count("on_call.hours_added") == 2 and actions.count("on_call.hours_removed") == 1


@pytest.mark.parametrize("role", ["moderator", "member", "applicant", "outreach"])
def test_only_admins_set_or_read_the_rota(session, role):
    anna = staff_member(session, "Anna")
    actor = acting(anna, role)
    with pytest.raises(PermissionDenied):
        on_call.add_on_call(
            session, actor=actor, member_id=anna, weekday=0, starts="09:00", ends="17:00"
        )
    with pytest.raises(PermissionDenied):
        on_call.on_call_rota(session, actor=actor)
    with pytest.raises(PermissionDenied):
        on_call.remove_on_call(session, actor=actor, hours_id=1)


@pytest.mark.parametrize(
    ("who", "weekday", "starts", "ends", "key"),
    [
        ("member", 0, "09:00", "17:00", "on_call.person.invalid"),
        ("staff", 7, "09:00", "17:00", "on_call.weekday.invalid"),
        ("staff", 0, "09:00", "09:00", "on_call.hours.invalid"),
        ("staff", 0, "nine", "17:00", "on_call.hours.invalid"),
    ],
)
def test_the_rota_refuses_what_is_not_a_staff_members_weekly_hours(
    session, who, weekday, starts, ends, key
):
    admin = acting(staff_member(session, "Admin", "admin"), "admin")
    person = (
        staff_member(session, "Roxy", "member")
        if who == "member"
        else staff_member(session, "Anna")
    )
    with pytest.raises(InvalidInput) as caught:
        on_call.add_on_call(
            session, actor=admin, member_id=person, weekday=weekday, starts=starts, ends=ends
        )
    assert caught.value.key == key
