"""Item 15: what police were told is sealed, consent is hers, the log cannot change."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlalchemy import create_engine, insert, text, update
from sqlalchemy.exc import DBAPIError

from tests.fixtures.database import postgres_url
from tests.unit.police.helpers import consent, police_request, report_with_thread
from uglymugs_app.models import AuditEvent, PoliceRequest
from uglymugs_app.services.errors import PermissionDenied
from uglymugs_app.services.maintenance.migrations import upgrade_to_head
from uglymugs_app.services.police import requests as police_requests

ANSWER = "Yes, a report exists; Marieke at the office is your contact."
SHARED = "She was hit at the Hotel Zuidas on 14 March around 23:00."


def test_15_the_answer_and_what_was_shared_are_sealed(session, secrets, member, moderator):
    report_id, _ = report_with_thread(session, secrets, member, moderator)
    consent(session, secrets, member, report_id)
    request_id = police_request(session, secrets, moderator)
    police_requests.record_answer(
        session,
        secrets=secrets,
        actor=moderator,
        request_id=request_id,
        answer=ANSWER,
        shared=SHARED,
        report_id=report_id,
    )

    stored = " ".join(
        str(value)
        for row in session.connection().execute(text("SELECT * FROM police_answer"))
        for value in row
    )
    assert "Marieke" not in stored and "Zuidas" not in stored
    answer = police_requests.list_requests(session, secrets=secrets, actor=moderator)[0].answers[0]
    assert (answer.answer, answer.shared, answer.shared_details) == (ANSWER, SHARED, True)


def test_15_sharing_needs_her_recorded_consent_not_a_ticked_box(
    session, secrets, member, moderator
):
    report_id, _ = report_with_thread(session, secrets, member, moderator)
    request_id = police_request(session, secrets, moderator)
    # Details written down without her consent: refused, whatever the form said.
    with pytest.raises(PermissionDenied):
        police_requests.record_answer(
            session,
            secrets=secrets,
            actor=moderator,
            request_id=request_id,
            answer=ANSWER,
            shared=SHARED,
            report_id=report_id,
        )
    # Even "a report exists" is hers to allow (issue 17): refused without consent...
    with pytest.raises(PermissionDenied):
        police_requests.record_answer(
            session,
            secrets=secrets,
            actor=moderator,
            request_id=request_id,
            answer=ANSWER,
            report_id=report_id,
        )
    # ...and said once she has consented, without details unless they are shared.
    consent(session, secrets, member, report_id)
    police_requests.record_answer(
        session,
        secrets=secrets,
        actor=moderator,
        request_id=request_id,
        answer=ANSWER,
        report_id=report_id,
    )
    log = police_requests.list_requests(session, secrets=secrets, actor=moderator)
    assert [a.shared_details for a in log[0].answers] == [False]


@pytest.mark.postgres
def test_15_append_only_tables_refuse_any_sql_on_postgresql():
    base = postgres_url()
    schema = f"append_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    url = f"{base}{separator}options=-csearch_path%3D{schema}"
    engine = create_engine(url)
    try:
        upgrade_to_head(url)
        with engine.begin() as connection:
            connection.execute(
                insert(AuditEvent.__table__).values(
                    action="warning.publish",
                    subject_type="report",
                    subject_id=1,
                    detail="",
                    before="",
                    after="",
                )
            )
            connection.execute(
                insert(PoliceRequest.__table__).values(
                    received_on=date(2025, 4, 2),
                    unit="Team",
                    officer="J. de Vries",
                    case_number="",
                    reason_sealed="",
                    identifier_kind="",
                    identifier_sealed="",
                    recorded_by_id=1,
                )
            )
        attempts = [
            update(AuditEvent.__table__).values(detail="rewritten"),
            update(PoliceRequest.__table__).values(officer="someone else"),
            text("UPDATE audit_event SET action = 'nothing.happened'"),
            text("DELETE FROM police_request"),
            text("DELETE FROM audit_event"),
            text("TRUNCATE audit_event"),
        ]
        for statement in attempts:
            with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
                connection.execute(statement)
        with engine.connect() as connection:
            assert connection.execute(text("SELECT detail FROM audit_event")).all() == [("",)]
            assert connection.execute(text("SELECT officer FROM police_request")).all() == [
                ("J. de Vries",)
            ]
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
