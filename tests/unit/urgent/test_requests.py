"""Her urgent request: one case at once, the staff on call told, her report
joining the same case, and a limit nobody can flood the staff with."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time, timedelta

import pytest
from sqlmodel import select

from tests.actors import acting
from tests.fixtures.reports import submission
from tests.unit.urgent.helpers import member_actor, staff_device, staff_member, told
from uglymugs_app.models import (
    AuditEvent,
    OnCallHours,
    PushOutbox,
    Report,
    ReportIdentifier,
    UrgentContact,
)
from uglymugs_app.services.errors import InvalidInput, PermissionDenied
from uglymugs_app.services.reports import moderation, threads
from uglymugs_app.services.reports.submission import get_my_report, submit_report
from uglymugs_app.services.urgent.requests import request_contact

# A Tuesday afternoon in Amsterdam (UTC+1 in winter).
TUESDAY_3PM = datetime(2026, 1, 13, 14, 0, tzinfo=UTC)


def _ask(session, secrets, actor, client_id=None, now=TUESDAY_3PM):
    return request_contact(
        session, secrets=secrets, actor=actor, client_id=client_id or uuid.uuid4(), now=now
    )


def test_an_urgent_request_opens_an_urgent_case_at_the_top_and_tells_staff(
    session, secrets, add_device
):
    her = member_actor(session)
    anna = staff_member(session, "Anna")
    tablet = staff_device(session, add_device, anna, "tablet")
    older = submit_report(session, secrets=secrets, submission=submission(), reporter_id=99)

    asked = _ask(session, secrets, her)

    queue = moderation.moderator_queue(session, actor=acting(anna))
    assert [item.id for item in queue] == [asked.report_id, older.id]
    assert queue[0].urgent and queue[0].region == "utrecht"
    assert queue[0].contact_now and not queue[1].contact_now
    entry = told(session, "urgent_request")[tablet]
    assert entry.urgency == "high" and entry.payload["url"] == "/moderate"
    # Neutral words only: no case number, no name, no place.
    assert str(asked.report_id) not in entry.payload["body"] + entry.payload["title"]
    assert "Roxy" not in str(entry.payload) and "utrecht" not in str(entry.payload).lower()
    # Audited by case, not by person: the log does not tie her to it.
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "report.urgent_request"))
    row = event.one()
    assert row.subject_id == asked.report_id and row.actor_id is None
    # Once a moderator has written to her, the case no longer asks for contact.
    threads.send_moderator_message(
        session,
        secrets=secrets,
        actor=acting(anna),
        report_id=asked.report_id,
        body="Hi, I am here.",
    )
    assert not moderation.moderator_queue(session, actor=acting(anna))[0].contact_now


def test_her_report_from_the_same_draft_fills_in_the_same_case(session, secrets, add_device):
    her = member_actor(session)
    draft = uuid.uuid4()
    asked = _ask(session, secrets, her, draft)
    again = _ask(session, secrets, her, draft)
    assert again.report_id == asked.report_id and again.repeated

    sent = submit_report(
        session,
        secrets=secrets,
        submission=submission(client_id=draft, urgent=False),
        reporter_id=her.member_id,
    )

    assert sent.id == asked.report_id and sent.urgent
    assert len(session.exec(select(Report)).all()) == 1
    own = get_my_report(session, secrets=secrets, member_id=her.member_id, report_id=sent.id)
    assert own.content.narrative.startswith("He hit me") and own.summary.region == "utrecht"
    assert len(session.exec(select(ReportIdentifier)).all()) == 5
    assert session.get(UrgentContact, sent.id).details_pending is False
    # A retry of that submit changes nothing more.
    retry = submit_report(
        session,
        secrets=secrets,
        submission=submission(client_id=draft),
        reporter_id=her.member_id,
    )
    assert retry.id == sent.id and len(session.exec(select(ReportIdentifier)).all()) == 5


def test_someone_else_cannot_fill_in_or_take_over_her_urgent_case(session, secrets):
    her, other = member_actor(session), member_actor(session, "Mira")
    draft = uuid.uuid4()
    _ask(session, secrets, her, draft)
    with pytest.raises(InvalidInput) as caught:
        submit_report(
            session,
            secrets=secrets,
            submission=submission(client_id=draft),
            reporter_id=other.member_id,
        )
    assert caught.value.key == "report.client_id.conflict"
    session.rollback()
    with pytest.raises(InvalidInput):
        _ask(session, secrets, other, draft)


@pytest.mark.parametrize("role", ["applicant", "moderator", "admin", "nonsense"])
def test_only_members_and_outreach_may_ask(session, secrets, role):
    with pytest.raises(PermissionDenied):
        _ask(session, secrets, acting(5, role))
    assert session.exec(select(Report)).all() == []


def test_requests_are_limited_per_person_and_refusals_are_audited(session, secrets, add_device):
    her = member_actor(session)
    anna = staff_member(session, "Anna")
    staff_device(session, add_device, anna, "tablet")
    first = _ask(session, secrets, her)
    # A second request minutes later, from another draft, is refused.
    with pytest.raises(InvalidInput) as caught:
        _ask(session, secrets, her, now=TUESDAY_3PM + timedelta(minutes=3))
    assert caught.value.key == "urgent.throttled"
    # Spaced out: three a day, then no more.
    _ask(session, secrets, her, now=TUESDAY_3PM + timedelta(minutes=11))
    _ask(session, secrets, her, now=TUESDAY_3PM + timedelta(minutes=22))
    with pytest.raises(InvalidInput):
        _ask(session, secrets, her, now=TUESDAY_3PM + timedelta(minutes=40))
    assert len(session.exec(select(UrgentContact)).all()) == 3
    keys = {row.notification_key for row in session.exec(select(PushOutbox))}
    assert len([key for key in keys if "urgent_request" in key]) == 3
    refused = session.exec(
        select(AuditEvent).where(AuditEvent.action == "urgent_request.refused")
    ).all()
    assert len(refused) == 2 and refused[0].actor_id == her.member_id
    # Another person is not held back by her limit.
    other = _ask(session, secrets, member_actor(session, "Mira"), now=TUESDAY_3PM)
    assert other.report_id != first.report_id
    # A day later she may ask again.
    _ask(session, secrets, her, now=TUESDAY_3PM + timedelta(days=1, minutes=1))


def test_the_staff_on_call_are_told_and_nobody_else(session, secrets, add_device):
    her = member_actor(session)
    anna, bo = staff_member(session, "Anna"), staff_member(session, "Bo", role="admin")
    anna_tablet = staff_device(session, add_device, anna, "anna")
    bo_phone = staff_device(session, add_device, bo, "bo")
    # Bo is on call on Tuesdays 09:00-17:00 (Amsterdam); it is 15:00 there.
    session.add(OnCallHours(member_id=bo, weekday=1, starts=time(9), ends=time(17)))
    session.commit()
    asked = _ask(session, secrets, her)
    devices = told(session, f"urgent_request:{asked.report_id}")
    assert set(devices) == {bo_phone} and anna_tablet not in devices


def test_outside_on_call_hours_every_staff_device_is_told(session, secrets, add_device):
    her = member_actor(session)
    anna, bo = staff_member(session, "Anna"), staff_member(session, "Bo")
    anna_tablet = staff_device(session, add_device, anna, "anna")
    bo_phone = staff_device(session, add_device, bo, "bo")
    session.add(OnCallHours(member_id=bo, weekday=1, starts=time(9), ends=time(12)))
    session.commit()
    asked = _ask(session, secrets, her)
    assert set(told(session, f"urgent_request:{asked.report_id}")) == {anna_tablet, bo_phone}


def test_a_plain_report_tells_staff_of_a_new_item_and_a_danger_report_is_urgent(
    session, secrets, add_device
):
    anna = staff_member(session, "Anna")
    tablet = staff_device(session, add_device, anna, "tablet")
    calm = submit_report(session, secrets=secrets, submission=submission(), reporter_id=7)
    danger = submit_report(
        session, secrets=secrets, submission=submission(urgent=True), reporter_id=8
    )
    assert told(session, f"new_report:{calm.id}")[tablet].urgency == "normal"
    assert told(session, f"urgent_request:{danger.id}")[tablet].urgency == "high"
