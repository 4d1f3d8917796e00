"""Notifications by e-mail through a real local SMTP server: what arrives, sealing,
refusals and retries, a crash between acceptance and recording, her address."""

from __future__ import annotations

import asyncio
import contextlib

import pytest
from sqlmodel import Session, select

from tests.fixtures.app import run_async
from tests.fixtures.people import ensure_active_member
from tests.unit.push.conftest import run_sender_until_settled
from uglymugs_app.models.push import Channel, OutboxStatus, PushOutbox, PushSubscription
from uglymugs_app.services.actors import Actor, Role
from uglymugs_app.services.errors import InvalidInput, NotFound, PermissionDenied
from uglymugs_app.services.mail import addresses
from uglymugs_app.services.notifications import MemberEvent, notify_member
from uglymugs_app.services.push.device_settings import AlertPreferences
from uglymugs_app.services.push.outbox import enqueue_for_warning
from uglymugs_app.services.push.sender import PushSender

from .smtp_server import SmtpServer

ADDRESS = "Roxy.Work+alerts@Example.NL"
DELIVERED_TO = "Roxy.Work+alerts@example.nl"


def actor(member_id: int, role: Role = Role.MEMBER) -> Actor:
    return Actor(member_id=member_id, role=role, working_name=f"m{member_id}", language="en")


def add_email(session, secrets, settings, *, member_id=4242, address=ADDRESS, **preferences):
    ensure_active_member(session, member_id)
    language = preferences.pop("language", "en")
    discreet = preferences.pop("discreet", False)
    return addresses.set_address(
        session,
        secrets=secrets,
        settings=settings,
        actor=actor(member_id),
        address=address,
        language=language,
        preferences=AlertPreferences(regions=["utrecht"], **preferences),
        discreet=discreet,
    )


def publish(engine, *, warning_id=7, severity="high"):
    with Session(engine) as session:
        enqueue_for_warning(session, warning_id=warning_id, severity=severity, regions=["utrecht"])
        session.commit()


def settle(engine, secrets, settings, **kw):
    return run_async(
        run_sender_until_settled(engine=engine, secrets=secrets, settings=settings, **kw)
    )


def test_a_warning_reaches_her_address_in_neutral_words_and_the_address_is_sealed(
    engine, db_path, secrets, settings, smtp_server: SmtpServer
):
    with Session(engine) as session:
        row = add_email(session, secrets, settings)
        session.commit()
    assert row.masked == "R•••@example.nl"
    publish(engine)
    settle(engine, secrets, settings)

    (mail,) = smtp_server.to(DELIVERED_TO)
    assert mail.mail_from == "notes@example.org"
    assert mail.message["From"] == "Notifications <notes@example.org>"
    assert mail.message["Subject"] == "Urgent warning: Utrecht"
    assert mail.message["Auto-Submitted"] == "auto-generated"
    assert "Tap to read it now." in mail.text
    assert "https://app.example.org/warning?id=7" in mail.text
    assert "https://app.example.org/notifications" in mail.text
    with Session(engine) as session:
        (entry,) = session.exec(select(PushOutbox)).all()
        assert entry.status == OutboxStatus.DELIVERED and entry.last_status_code == 250
        stored = session.get(PushSubscription, row.id)
        assert stored is not None and stored.channel == Channel.EMAIL
    # Nowhere in the database file in the clear, in any case.
    raw = db_path.read_bytes().lower()
    assert b"roxy" not in raw and b"example.nl" not in raw


def test_her_own_news_reaches_her_phone_and_her_address_once_each(
    engine, secrets, settings, smtp_server, push_service, add_device
):
    with Session(engine) as session:
        add_device(session, "phone", member_id=4242)
        add_email(session, secrets, settings, language="nl")
        add_email(session, secrets, settings, member_id=77, address="other@example.org")
        assert (
            notify_member(
                session, member_id=4242, event=MemberEvent.MODERATOR_MESSAGE, subject_id=3
            )
            == 2
        )
        session.commit()
    settle(engine, secrets, settings)
    (pushed,) = push_service.delivered_to("phone")
    (mail,) = smtp_server.to(DELIVERED_TO)
    assert mail.message["Subject"] == "Nieuw bericht"
    assert "https://app.example.org/my-reports" in mail.text
    assert pushed.payload["title"] == "New message"
    assert smtp_server.to("other@example.org") == []


def test_an_unknown_mailbox_removes_the_address_and_a_busy_server_is_tried_again(
    engine, secrets, settings, smtp_server
):
    smtp_server.refuse.add("gone@example.org")
    smtp_server.busy["busy@example.org"] = 2
    with Session(engine) as session:
        gone = add_email(session, secrets, settings, member_id=1, address="gone@example.org")
        busy = add_email(session, secrets, settings, member_id=2, address="busy@example.org")
        session.commit()
    publish(engine)
    settle(engine, secrets, settings)
    assert smtp_server.to("gone@example.org") == []
    assert len(smtp_server.to("busy@example.org")) == 1
    with Session(engine) as session:
        assert session.get(PushSubscription, gone.id) is None
        entries = {e.subscription_id: e for e in session.exec(select(PushOutbox))}
        assert entries[gone.id].status == OutboxStatus.GONE
        assert entries[gone.id].last_status_code == 550
        assert entries[busy.id].status == OutboxStatus.DELIVERED
        assert entries[busy.id].attempts == 3


class CrashesBeforeRecording(PushSender):
    """A sender whose process dies after the SMTP server took a message and
    before the result reached the database: nothing it concludes is recorded."""

    def _record(self, results):
        raise ConnectionError("the process is gone")


def test_a_crash_between_acceptance_and_recording_sends_only_that_message_again(
    engine, secrets, settings, smtp_server
):
    """The documented at-least-once window (docs/ARCHITECTURE.md): an e-mail the
    server accepted but whose result was never recorded is sent once more after
    the lease runs out, under the same Message-ID; nothing recorded is sent again."""
    with Session(engine) as session:
        add_email(session, secrets, settings)
        notify_member(session, member_id=4242, event=MemberEvent.MODERATOR_MESSAGE, subject_id=1)
        session.commit()
    settle(engine, secrets, settings)  # the first message: accepted and recorded
    with Session(engine) as session:
        notify_member(session, member_id=4242, event=MemberEvent.REPORT_PUBLISHED, subject_id=1)
        session.commit()

    async def crash_after_acceptance() -> None:
        sender = CrashesBeforeRecording(engine=engine, secrets=secrets, settings=settings)
        task = asyncio.create_task(sender.run(asyncio.Event()))
        while len(smtp_server.to(DELIVERED_TO)) < 2:
            assert not task.done()
            await asyncio.sleep(0.01)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    run_async(crash_after_acceptance())
    with Session(engine) as session:
        statuses = sorted(e.status for e in session.exec(select(PushOutbox)))
        assert statuses == [OutboxStatus.DELIVERED, OutboxStatus.SENDING]

    settle(engine, secrets, settings)  # the restart: waits out the lease
    first, second, again = smtp_server.to(DELIVERED_TO)
    assert first.message["Subject"] == "New message"
    assert second.message["Subject"] == again.message["Subject"] == "Your report: news"
    assert second.message["Message-ID"] == again.message["Message-ID"]
    assert first.message["Message-ID"] != second.message["Message-ID"]
    with Session(engine) as session:
        entries = session.exec(select(PushOutbox).order_by(PushOutbox.id)).all()
        assert [(e.status, e.attempts) for e in entries] == [
            (OutboxStatus.DELIVERED, 1),
            (OutboxStatus.DELIVERED, 2),
        ]

    async def idle_restart() -> None:
        sender = PushSender(engine=engine, secrets=secrets, settings=settings)
        stop = asyncio.Event()
        task = asyncio.create_task(sender.run(stop))
        await asyncio.sleep(1.5)
        stop.set()
        await task

    run_async(idle_restart())
    assert len(smtp_server.to(DELIVERED_TO)) == 3  # recorded means never again


def test_a_test_message_goes_to_her_address_at_once_and_once_a_minute(
    engine, secrets, settings, smtp_server
):
    with Session(engine) as session:
        row = add_email(session, secrets, settings, discreet=True)
        assert addresses.send_test(session, actor=actor(4242), email_id=row.id)
        assert not addresses.send_test(session, actor=actor(4242), email_id=row.id)
        session.commit()
    settle(engine, secrets, settings)
    (mail,) = smtp_server.to(DELIVERED_TO)
    assert mail.message["Subject"] == "New note"  # her address is set to discreet


def test_her_address_is_hers_alone(engine, secrets, settings):
    with Session(engine) as session:
        mine = add_email(session, secrets, settings, member_id=1, address="mine@example.org")
        ensure_active_member(session, 2)
        # One address per member: a new one replaces the old.
        newer = add_email(session, secrets, settings, member_id=1, address="new@example.org")
        assert addresses.my_address(session, secrets=secrets, actor=actor(1)) == newer
        assert mine.masked == "m•••@example.org" and newer.masked == "n•••@example.org"
        rows = session.exec(select(PushSubscription).where(PushSubscription.member_id == 1))
        assert len(rows.all()) == 1
        # Another member neither sees, tests nor removes it.
        assert addresses.my_address(session, secrets=secrets, actor=actor(2)) is None
        with pytest.raises(NotFound):
            addresses.send_test(session, actor=actor(2), email_id=newer.id)
        with pytest.raises(NotFound):
            addresses.remove_address(session, actor=actor(2), email_id=newer.id)
        # The same address given by another member is her own subscription.
        theirs = add_email(session, secrets, settings, member_id=2, address="new@example.org")
        assert theirs.id != newer.id
        assert addresses.my_address(session, secrets=secrets, actor=actor(1)) == newer
        # An applicant has no e-mail channel; nonsense is refused.
        with pytest.raises(PermissionDenied):
            addresses.my_address(session, secrets=secrets, actor=actor(3, Role.APPLICANT))
        for bad in ("", "not an address", "a@b", "x" * 300 + "@example.org", "a\n@b.org"):
            with pytest.raises(InvalidInput):
                add_email(session, secrets, settings, member_id=1, address=bad)
        addresses.remove_address(session, actor=actor(1), email_id=newer.id)
        assert addresses.my_address(session, secrets=secrets, actor=actor(1)) is None


def test_no_address_is_taken_when_the_installation_has_no_smtp_server(engine, secrets, settings):
    off = settings.model_copy(update={"smtp_host": ""})
    with Session(engine) as session, pytest.raises(InvalidInput):
        add_email(session, secrets, off)


def test_with_starttls_required_a_server_without_it_gets_nothing_in_the_clear(
    engine, secrets, settings, smtp_server
):
    strict = settings.model_copy(update={"smtp_tls": "starttls", "push_max_attempts": 1})
    with Session(engine) as session:
        add_email(session, secrets, strict)
        notify_member(session, member_id=4242, event=MemberEvent.MODERATOR_MESSAGE, subject_id=1)
        session.commit()
    settle(engine, secrets, strict)
    assert smtp_server.arrived == []
    with Session(engine) as session:
        (entry,) = session.exec(select(PushOutbox)).all()
        assert entry.status == OutboxStatus.FAILED
