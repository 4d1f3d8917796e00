"""The urgent request's statements on SQLite and PostgreSQL: the limit's count,
the conditional claim of her details, the queue's order and its fingerprint."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time, timedelta

import pytest
from sqlmodel import Session

from tests.actors import acting
from tests.fixtures.reports import submission
from tests.unit.urgent.helpers import member_actor, staff_member
from uglymugs_app.models import OnCallHours
from uglymugs_app.services.errors import InvalidInput
from uglymugs_app.services.reports import moderation
from uglymugs_app.services.reports.queue_watch import queue_version
from uglymugs_app.services.reports.submission import submit_report
from uglymugs_app.services.urgent.on_call import on_call_now
from uglymugs_app.services.urgent.requests import request_contact

NOW = datetime(2026, 1, 13, 14, 0, tzinfo=UTC)


def test_urgent_flow_on_both_engines(both_engines, secrets):
    with Session(both_engines, expire_on_commit=False) as session:
        her, anna = member_actor(session), staff_member(session, "Anna")
        calm = submit_report(session, secrets=secrets, submission=submission(), reporter_id=99)
        version = queue_version(session)
        draft = uuid.uuid4()
        asked = request_contact(session, secrets=secrets, actor=her, client_id=draft, now=NOW)
        assert queue_version(session) != version
        with pytest.raises(InvalidInput):
            request_contact(
                session,
                secrets=secrets,
                actor=her,
                client_id=uuid.uuid4(),
                now=NOW + timedelta(minutes=1),
            )
        sent = submit_report(
            session,
            secrets=secrets,
            submission=submission(client_id=draft),
            reporter_id=her.member_id,
        )
        assert sent.id == asked.report_id
        queue = moderation.moderator_queue(session, actor=acting(anna))
        assert [item.id for item in queue] == [asked.report_id, calm.id]
        session.add(OnCallHours(member_id=anna, weekday=1, starts=time(22), ends=time(6)))
        session.commit()
        # Tuesday 23:30 and Wednesday 05:00 in Amsterdam; not Wednesday 07:00.
        assert on_call_now(session, now=datetime(2026, 1, 13, 22, 30, tzinfo=UTC)) == {anna}
        assert on_call_now(session, now=datetime(2026, 1, 14, 4, 0, tzinfo=UTC)) == {anna}
        assert on_call_now(session, now=datetime(2026, 1, 14, 6, 0, tzinfo=UTC)) == set()
