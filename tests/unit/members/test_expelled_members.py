"""Item 6: people who leave or are put out stop receiving warnings at once."""

from __future__ import annotations

import base64
import os

from sqlalchemy import create_engine, text
from sqlmodel import select

from tests.fixtures.people import PASSWORD
from tests.fixtures.reports import MODERATOR, publish, report
from uglymugs_app.models.push import OutboxStatus, PushOutbox, PushSubscription
from uglymugs_app.services.maintenance.migrations import upgrade_to_head
from uglymugs_app.services.members import accounts, login, people, verification
from uglymugs_app.services.members.accounts import create_account
from uglymugs_app.services.push.subscriptions import prune_rejected_devices, save_subscription
from uglymugs_app.services.warnings.lifecycle import retract_warning


def subscribe(session, secrets, settings, member_id: int) -> None:
    """A phone of hers subscribed through the real service function."""
    key = base64.urlsafe_b64encode(b"\x04" + os.urandom(64)).rstrip(b"=").decode()
    auth = base64.urlsafe_b64encode(os.urandom(16)).rstrip(b"=").decode()
    save_subscription(
        session,
        secrets=secrets,
        member_id=member_id,
        endpoint=f"https://fcm.googleapis.com/fcm/send/{os.urandom(8).hex()}",
        p256dh=key,
        auth=auth,
        language="en",
        regions=["utrecht"],
        settings=settings,
    )
    session.commit()


def devices_of(session, member_id: int) -> int:
    return len(
        session.exec(
            select(PushSubscription.id).where(PushSubscription.member_id == member_id)
        ).all()
    )


def notified_members(session) -> set[int]:
    rows = session.exec(
        select(PushSubscription.member_id).join(
            PushOutbox, PushOutbox.subscription_id == PushSubscription.id
        )
    ).all()
    return set(rows)


def publish_one(session, secrets, settings):
    return publish(session, secrets, settings, report(session, secrets).id, regions=["utrecht"])


def test_6_deleted_member_gets_no_alerts(session, secrets, settings, member):
    subscribe(session, secrets, settings, member.member_id)
    accounts.delete_my_account(session, secrets=secrets, actor=member, password=PASSWORD)
    assert devices_of(session, member.member_id) == 0
    # The next account never inherits her id, and with it whatever still names it.
    newcomer = create_account(
        session, working_name="Newcomer", password=PASSWORD, role="member", regions=["utrecht"]
    )
    assert newcomer.id > member.member_id
    publish_one(session, secrets, settings)
    assert notified_members(session) == set()


def test_6_suspended_member_loses_her_devices(session, secrets, settings, admin, member):
    subscribe(session, secrets, settings, member.member_id)
    people.suspend(session, actor=admin, member_id=member.member_id, reason="threatened others")
    assert devices_of(session, member.member_id) == 0


def test_6_rejected_applicant_loses_her_devices(session, secrets, settings, moderator):
    applicant = accounts.register_applicant(
        session,
        secrets=secrets,
        settings=settings,
        working_name="Bella",
        password=PASSWORD,
        language="en",
        regions=["utrecht"],
        evidence="https://ads.example/bella",
    )
    subscribe(session, secrets, settings, applicant.id)
    verification.reject(session, actor=moderator, member_id=applicant.id, message="")
    # Her phone hears the decision, and nothing else: no warning reaches it.
    publish_one(session, secrets, settings)
    keys = session.exec(
        select(PushOutbox.notification_key)
        .join(PushSubscription, PushOutbox.subscription_id == PushSubscription.id)
        .where(PushSubscription.member_id == applicant.id)
    ).all()
    assert keys == ["application_rejected:0"]
    # Kept while the decision is still to be sent...
    assert prune_rejected_devices(session) == 0
    assert devices_of(session, applicant.id) == 1
    # ... and removed once it was.
    for entry in session.exec(select(PushOutbox)).all():
        entry.status = OutboxStatus.DELIVERED
        session.add(entry)
    session.commit()
    assert prune_rejected_devices(session) == 1
    session.commit()
    assert devices_of(session, applicant.id) == 0


def test_6_password_reset_unsubscribes_her_devices(session, secrets, settings, moderator, member):
    subscribe(session, secrets, settings, member.member_id)
    code = login.issue_reset_code(
        session,
        secrets=secrets,
        settings=settings,
        actor=moderator,
        working_name=member.working_name,
    )
    login.reset_password(
        session,
        secrets=secrets,
        settings=settings,
        working_name=member.working_name,
        code=code,
        new_password="a brand new passphrase",
    )
    assert devices_of(session, member.member_id) == 0


def test_6_outbox_targets_only_active_verified_members(session, secrets, settings, member):
    applicant = create_account(
        session,
        working_name="Waiting",
        password=PASSWORD,
        role="applicant",
        status="pending",
        regions=["utrecht"],
    )
    suspended = create_account(
        session,
        working_name="Banned",
        password=PASSWORD,
        role="member",
        status="suspended",
        regions=["utrecht"],
    )
    for someone in (member.member_id, applicant.id, suspended.id):
        subscribe(session, secrets, settings, someone)
    publish_one(session, secrets, settings)
    assert notified_members(session) == {member.member_id}


def test_6_retracting_a_warning_cancels_its_unsent_notifications(
    session, secrets, settings, member
):
    subscribe(session, secrets, settings, member.member_id)
    warning = publish_one(session, secrets, settings)
    assert session.exec(select(PushOutbox)).all()
    retract_warning(
        session, actor=MODERATOR, warning_id=warning.id, reason="reporter asked to withdraw it"
    )
    left = session.exec(select(PushOutbox).where(PushOutbox.status == OutboxStatus.PENDING))
    assert left.all() == []


INSERT_MEMBER = text(
    "INSERT INTO member (working_name, name_key, password_hash, role, status, language,"
    " regions, gender, work_kinds, evidence_kind, evidence_sealed, moderator_message,"
    " applied_at, status_reason, totp_sealed, totp_enabled, totp_last_step, created_at)"
    " VALUES (:n, :n, 'x', 'member', 'active', 'en', '[]', '', '[]', '', '', '',"
    " CURRENT_TIMESTAMP, '', '', 0, 0, CURRENT_TIMESTAMP)"
)


def test_6_migrated_sqlite_never_reuses_a_member_id(tmp_path):
    url = f"sqlite:///{tmp_path / 'migrated.db'}"
    upgrade_to_head(url)
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(INSERT_MEMBER, {"n": "first"})
        first = connection.execute(text("SELECT max(id) FROM member")).scalar_one()
        connection.execute(text("DELETE FROM member WHERE id = :id"), {"id": first})
        connection.execute(INSERT_MEMBER, {"n": "second"})
        second = connection.execute(text("SELECT max(id) FROM member")).scalar_one()
    engine.dispose()
    assert second > first
