"""The queue's events reach the staff devices that asked: a reporter's reply,
a consent for police help, an applicant's new evidence; and only staff may
ask for staff alerts, on their own devices."""

from __future__ import annotations

import pytest
from sqlmodel import select

from tests.actors import acting
from tests.fixtures.people import PASSWORD
from tests.fixtures.reports import report
from tests.unit.urgent.helpers import staff_device, staff_member, told
from uglymugs_app.models import Member, MemberStatus
from uglymugs_app.models.push import PushOutbox, PushSubscription
from uglymugs_app.services.errors import NotFound, PermissionDenied
from uglymugs_app.services.members import verification
from uglymugs_app.services.members.accounts import create_account
from uglymugs_app.services.notifications.staff_devices import set_staff_alerts, staff_alert_devices
from uglymugs_app.services.police.consent import set_my_consent
from uglymugs_app.services.reports import threads


def test_a_reporters_first_unread_reply_tells_staff_once_per_batch(session, secrets, add_device):
    tablet = staff_device(session, add_device, staff_member(session, "Anna"), "tablet")
    case = report(session, secrets, reporter_id=7)
    first = threads.send_reporter_message(
        session, secrets=secrets, member_id=7, report_id=case.id, body="Are you there?"
    )
    threads.send_reporter_message(
        session, secrets=secrets, member_id=7, report_id=case.id, body="Please"
    )
    assert list(told(session, "reporter_reply").values())[0].notification_key.endswith(
        f":{first.id}"
    )
    assert len(told(session, "reporter_reply")) == 1 and tablet in told(session, "reporter_reply")
    assert "Please" not in str(told(session, "reporter_reply")[tablet].payload)


def test_her_consent_for_police_help_tells_staff(session, secrets, add_device):
    tablet = staff_device(session, add_device, staff_member(session, "Anna"), "tablet")
    case = report(session, secrets, reporter_id=7)

    def consent(police: bool):
        set_my_consent(
            session,
            secrets=secrets,
            member_id=7,
            report_id=case.id,
            police_report=police,
            anonymous_sharing=False,
            thread_message_ids=[],
        )

    consent(False)
    assert told(session, "police_consent") == {}
    consent(True)
    assert told(session, "police_consent")[tablet].payload["url"] == "/moderate/police"


def test_an_applicants_new_evidence_tells_staff_each_answer_but_not_each_repeat(
    session, secrets, add_device
):
    anna = staff_member(session, "Anna")
    tablet = staff_device(session, add_device, anna, "tablet")
    applicant = create_account(
        session,
        working_name="Newbie",
        password=PASSWORD,
        role="applicant",
        status=MemberStatus.PENDING,
    )
    her = acting(applicant.id, "applicant")

    def evidence(link: str):
        verification.add_evidence(
            session, secrets=secrets, actor=her, kind="ad_link", evidence=link
        )

    evidence("https://ads.example.nl/roxy")
    evidence("https://ads.example.nl/roxy2")
    assert len(told(session, "applicant_evidence")) == 1
    verification.ask_for_more(
        session,
        secrets=secrets,
        actor=acting(anna),
        member_id=applicant.id,
        message="A second ad, please",
    )
    evidence("https://ads.example.nl/roxy3")
    # Her answer is a second notification on the tablet.
    keys = [
        row.notification_key
        for row in session.exec(select(PushOutbox).where(PushOutbox.subscription_id == tablet))
        if "applicant_evidence" in row.notification_key
    ]
    assert len(keys) == 2


@pytest.mark.parametrize("role", ["member", "outreach", "applicant"])
def test_only_staff_may_turn_on_staff_alerts(session, add_device, role):
    _device, device_id = add_device(session, "phone", member_id=41)
    session.commit()
    with pytest.raises(PermissionDenied):
        set_staff_alerts(session, actor=acting(41, role), device_id=device_id, on=True)
    session.rollback()
    assert session.get(PushSubscription, device_id).staff_alerts is False
    assert staff_alert_devices(session, actor=acting(41, role)) == []


def test_staff_set_alerts_on_their_own_device_only(session, add_device):
    anna, bo = staff_member(session, "Anna"), staff_member(session, "Bo")
    _d, anna_tablet = add_device(session, "anna", member_id=anna)
    _d, bo_phone = add_device(session, "bo", member_id=bo)
    session.commit()
    set_staff_alerts(session, actor=acting(anna), device_id=anna_tablet, on=True)
    assert staff_alert_devices(session, actor=acting(anna)) == [anna_tablet]
    with pytest.raises(NotFound):
        set_staff_alerts(session, actor=acting(anna), device_id=bo_phone, on=True)
    session.rollback()
    assert session.get(PushSubscription, bo_phone).staff_alerts is False
    set_staff_alerts(session, actor=acting(anna), device_id=anna_tablet, on=False)
    assert staff_alert_devices(session, actor=acting(anna)) == []
    assert session.get(Member, anna) is not None
