"""An applicant's device hears about her application, and never a warning."""

from __future__ import annotations

import pytest
from sqlmodel import select

from tests.fixtures.people import PASSWORD, actor_of
from uglymugs_app.models.push import PushOutbox
from uglymugs_app.services.errors import PermissionDenied
from uglymugs_app.services.members import accounts, verification
from uglymugs_app.services.push import device_settings
from uglymugs_app.services.push.outbox import enqueue_for_warning
from uglymugs_app.services.push.subscriptions import save_subscription
from uglymugs_app.vocabulary import WHOLE_COUNTRY


def applicant_with_device(session, secrets, settings, push_service, name="Bella"):
    member = accounts.register_applicant(
        session,
        secrets=secrets,
        settings=settings,
        working_name=name,
        password=PASSWORD,
        language="ro",
        regions=["utrecht"],
        evidence=f"https://ads.example/{name}",
    )
    device = push_service.new_device(name)
    subscription = {
        "endpoint": device.endpoint,
        "keys": {"p256dh": device.p256dh, "auth": device.auth},
    }
    row = device_settings.subscribe_applicant_device(
        session,
        secrets=secrets,
        actor=actor_of(member),
        subscription=subscription,
        label="Android",
        language="ro",
        settings=settings,
    )
    session.commit()
    return member, row, subscription


def keys_for(session, subscription_id):
    return [
        (row.notification_key, row.payload["title"])
        for row in session.exec(
            select(PushOutbox)
            .where(PushOutbox.subscription_id == subscription_id)
            .order_by(PushOutbox.id)
        )
    ]


def test_her_device_hears_the_decision_and_no_warning_even_once_approved(
    session, secrets, settings, push_service, moderator
):
    member, row, _sub = applicant_with_device(session, secrets, settings, push_service)
    assert row.regions == []
    verification.ask_for_more(
        session, secrets=secrets, actor=moderator, member_id=member.id, message="A link?"
    )
    enqueue_for_warning(session, warning_id=1, severity="high", regions=[WHOLE_COUNTRY])
    verification.approve(session, actor=moderator, member_id=member.id)
    enqueue_for_warning(session, warning_id=2, severity="high", regions=[WHOLE_COUNTRY])
    session.commit()
    told = keys_for(session, row.id)
    assert [key.split(":")[0] for key, _title in told] == [
        "application_more_asked",
        "application_approved",
    ]
    assert told[1][1] == "Cererea ta: noutăți"  # in her language, no detail


def test_as_a_member_she_subscribes_the_same_device_again_for_warnings(
    session, secrets, settings, push_service, moderator
):
    member, row, subscription = applicant_with_device(session, secrets, settings, push_service)
    verification.approve(session, actor=moderator, member_id=member.id)
    # What the notifications page stores when she taps "Notify me" as a member.
    again = save_subscription(
        session,
        secrets=secrets,
        settings=settings,
        member_id=member.id,
        endpoint=subscription["endpoint"],
        p256dh=subscription["keys"]["p256dh"],
        auth=subscription["keys"]["auth"],
        language="ro",
        regions=["utrecht"],
    )
    session.commit()
    assert again.id == row.id
    assert enqueue_for_warning(session, warning_id=3, severity="low", regions=["utrecht"]) == 1


def test_only_an_applicant_saves_a_device_this_way(
    session, secrets, settings, push_service, member
):
    device = push_service.new_device("x")
    with pytest.raises(PermissionDenied):
        device_settings.subscribe_applicant_device(
            session,
            secrets=secrets,
            actor=member,
            subscription={
                "endpoint": device.endpoint,
                "keys": {"p256dh": device.p256dh, "auth": device.auth},
            },
            label="",
            language="en",
            settings=settings,
        )
