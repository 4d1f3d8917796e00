"""The reporter is told when a moderator writes and when her report is decided."""

from __future__ import annotations

from sqlmodel import Session, select

from tests.actors import acting
from tests.fixtures.reports import publish, report
from uglymugs_app.models.push import PushOutbox
from uglymugs_app.services.reports import moderation, threads

MODERATOR = acting(100)


def _told(session: Session, subscription_id: int) -> list[PushOutbox]:
    return list(
        session.exec(select(PushOutbox).where(PushOutbox.subscription_id == subscription_id))
    )


def test_a_moderators_message_tells_her_devices_and_hers_tells_nobody(engine, secrets, add_device):
    with Session(engine, expire_on_commit=False) as session:
        _d, phone = add_device(session, "phone", member_id=7, language="th")
        _d, other = add_device(session, "other", member_id=8)
        filed = report(session, secrets, reporter_id=7)
        threads.send_reporter_message(
            session, secrets=secrets, member_id=7, report_id=filed.id, body="Anyone there?"
        )
        assert _told(session, phone) == []
        threads.send_moderator_message(
            session, secrets=secrets, actor=MODERATOR, report_id=filed.id, body="Yes, I am here."
        )
        [entry] = _told(session, phone)
        assert entry.payload["title"] == "ข้อความใหม่"
        assert entry.payload["url"] == "/my-reports"
        assert "I am here" not in str(entry.payload)
        assert _told(session, other) == []


def test_publishing_and_declining_tell_the_reporter(engine, secrets, settings, add_device):
    with Session(engine, expire_on_commit=False) as session:
        _d, phone = add_device(session, "phone", member_id=7)
        published = report(session, secrets, reporter_id=7)
        declined = report(session, secrets, reporter_id=7)
        publish(session, secrets, settings, published.id)
        moderation.decline_report(
            session, secrets=secrets, actor=MODERATOR, report_id=declined.id, reason="Not enough."
        )
        # (the warning itself reaches her too, as every member in the region)
        keys = sorted(
            e.notification_key
            for e in _told(session, phone)
            if e.notification_key.startswith("report_")
        )
        assert keys == [f"report_declined:{declined.id}", f"report_published:{published.id}"]


def test_a_report_filed_on_her_behalf_tells_nobody(engine, secrets, add_device):
    from tests.fixtures.reports import submission
    from uglymugs_app.services.reports.submission import submit_report

    with Session(engine, expire_on_commit=False) as session:
        _d, outreach_phone = add_device(session, "outreach", member_id=9)
        filed = submit_report(
            session, secrets=secrets, submission=submission(), reporter_id=None, submitted_by_id=9
        )
        threads.send_moderator_message(
            session, secrets=secrets, actor=MODERATOR, report_id=filed.id, body="Hello"
        )
        assert _told(session, outreach_phone) == []
