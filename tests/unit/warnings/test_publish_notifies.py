"""Publishing and correcting write push outbox entries in the same transaction."""

import base64
import os

import pytest
from sqlmodel import select

from tests.fixtures.people import ensure_active_member
from tests.fixtures.reports import MODERATOR, publish, report
from uglymugs_app.models.push import PushOutbox
from uglymugs_app.services.errors import PublishNotAllowed
from uglymugs_app.services.push.subscriptions import save_subscription
from uglymugs_app.services.warnings.lifecycle import WarningCorrection, correct_warning


def _subscribe(session, secrets, settings, *, member_id, regions):
    key = base64.urlsafe_b64encode(b"\x04" + os.urandom(64)).rstrip(b"=").decode()
    auth = base64.urlsafe_b64encode(os.urandom(16)).rstrip(b"=").decode()
    ensure_active_member(session, member_id)
    save_subscription(
        session,
        secrets=secrets,
        member_id=member_id,
        endpoint=f"https://fcm.googleapis.com/fcm/send/{member_id}",
        p256dh=key,
        auth=auth,
        language="nl",
        regions=regions,
        settings=settings,
    )
    session.commit()


def test_publishing_queues_one_neutral_notification_per_matching_device(session, secrets, settings):
    _subscribe(session, secrets, settings, member_id=1, regions=["utrecht"])
    _subscribe(session, secrets, settings, member_id=2, regions=["groningen"])
    filed = report(session, secrets, region="utrecht")
    warning = publish(session, secrets, settings, filed.id, regions=["utrecht"])

    entries = session.exec(select(PushOutbox)).all()
    assert len(entries) == 1
    assert entries[0].payload["title"] == "Dringende waarschuwing: Utrecht"  # high severity
    assert "hotel" not in str(entries[0].payload)  # nothing of the summary
    assert entries[0].payload["url"].endswith(f"/warning?id={warning.id}")

    correct_warning(
        session,
        secrets=secrets,
        actor=MODERATOR,
        warning_id=warning.id,
        correction=WarningCorrection(severity="low"),
        reason="The reporter corrected the date",
    )
    topics = {entry.topic for entry in session.exec(select(PushOutbox))}
    assert len(session.exec(select(PushOutbox)).all()) == 2
    assert len(topics) == 1, "a correction must replace the earlier notification"


def test_a_refused_publication_queues_nothing(session, secrets, settings):
    _subscribe(session, secrets, settings, member_id=1, regions=["utrecht"])
    filed = report(session, secrets, region="utrecht", may_publish=False)
    with pytest.raises(PublishNotAllowed):
        publish(session, secrets, settings, filed.id, regions=["utrecht"])
    assert session.exec(select(PushOutbox)).all() == []
