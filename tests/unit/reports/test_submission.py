import uuid

import pytest
from sqlalchemy import text
from sqlmodel import select

from tests.actors import acting
from tests.fixtures.reports import submission
from uglymugs_app.models import Report, ReportIdentifier
from uglymugs_app.services.errors import (
    IdentifierError,
    InvalidInput,
    NotFound,
    PermissionDenied,
)
from uglymugs_app.services.reports import threads
from uglymugs_app.services.reports.submission import (
    IdentifierInput,
    get_my_report,
    list_my_reports,
    submit_report,
)

MEMBER, OTHER = 7, 8
MODERATOR = acting(100)


def test_submit_stores_normalised_identifiers_sealed(session, secrets):
    summary = submit_report(session, secrets=secrets, submission=submission(), reporter_id=MEMBER)
    assert summary.status == "received"
    own = get_my_report(session, secrets=secrets, member_id=MEMBER, report_id=summary.id)
    assert {(i.kind, i.value) for i in own.content.identifiers} == {
        ("phone", "+31612345678"),
        ("email", "bad.client@example.nl"),
        ("plate", "12ABC3"),
        ("handle", "telegram:johnny_b"),
        ("name", "johnny"),
    }
    assert own.content.narrative.startswith("He hit me")
    assert own.content.wishes["may_publish"] is True
    rows = session.exec(text("select value_sealed from report_identifier")).all()
    assert all(row[0].startswith("v1:") for row in rows)


def test_submit_is_idempotent_by_client_id(session, secrets):
    form = submission()
    first = submit_report(session, secrets=secrets, submission=form, reporter_id=MEMBER)
    retry = submit_report(session, secrets=secrets, submission=form, reporter_id=MEMBER)
    assert retry.id == first.id
    assert len(session.exec(text("select id from report")).all()) == 1
    assert len(session.exec(text("select id from report_identifier")).all()) == 5


def test_someone_elses_client_id_is_refused(session, secrets):
    form = submission()
    submit_report(session, secrets=secrets, submission=form, reporter_id=MEMBER)
    with pytest.raises(InvalidInput) as caught:
        submit_report(session, secrets=secrets, submission=form, reporter_id=OTHER)
    assert caught.value.key == "report.client_id.conflict"


def test_invalid_identifier_stores_nothing(session, secrets):
    form = submission(identifiers=[IdentifierInput("phone", "12345")])
    with pytest.raises(IdentifierError):
        submit_report(session, secrets=secrets, submission=form, reporter_id=MEMBER)
    session.rollback()
    assert session.exec(text("select count(*) from report")).one()[0] == 0


@pytest.mark.parametrize(
    ("field", "value", "key"),
    [
        ("region", "atlantis", "report.region.invalid"),
        ("incident_types", [], "report.incident_types.invalid"),
        ("appearance", {"eye_colour": "blue"}, "report.appearance.invalid"),
    ],
)
def test_form_values_are_validated(session, secrets, field, value, key):
    with pytest.raises(InvalidInput) as caught:
        submit_report(
            session, secrets=secrets, submission=submission(**{field: value}), reporter_id=MEMBER
        )
    assert caught.value.key == key


def test_members_see_only_their_own_reports(session, secrets):
    mine = submit_report(session, secrets=secrets, submission=submission(), reporter_id=MEMBER)
    theirs = submit_report(session, secrets=secrets, submission=submission(), reporter_id=OTHER)
    assert [r.id for r in list_my_reports(session, secrets=secrets, member_id=MEMBER)] == [mine.id]
    with pytest.raises(NotFound):
        get_my_report(session, secrets=secrets, member_id=MEMBER, report_id=theirs.id)
    with pytest.raises(NotFound):
        threads.reporter_thread(session, secrets=secrets, member_id=MEMBER, report_id=theirs.id)
    with pytest.raises(NotFound):
        threads.send_reporter_message(
            session, secrets=secrets, member_id=MEMBER, report_id=theirs.id, body="hello"
        )


def test_outreach_worker_sees_what_she_filed_on_behalf(session, secrets):
    filed = submit_report(
        session, secrets=secrets, submission=submission(), reporter_id=None, submitted_by_id=OTHER
    )
    assert [r.id for r in list_my_reports(session, secrets=secrets, member_id=OTHER)] == [filed.id]
    assert list_my_reports(session, secrets=secrets, member_id=MEMBER) == []


def test_thread_both_ways_with_unread_counts(session, secrets):
    report = submit_report(session, secrets=secrets, submission=submission(), reporter_id=MEMBER)
    threads.send_moderator_message(
        session,
        secrets=secrets,
        actor=MODERATOR,
        report_id=report.id,
        body="Are you safe now? Can you tell me more?",
    )
    assert threads.unread_for_member(session, secrets=secrets, member_id=MEMBER) == 1
    assert list_my_reports(session, secrets=secrets, member_id=MEMBER)[0].unread == 1
    assert (
        list_my_reports(session, secrets=secrets, member_id=MEMBER)[0].status == "in_conversation"
    )
    thread = threads.reporter_thread(
        session, secrets=secrets, member_id=MEMBER, report_id=report.id
    )
    assert [(m.author_role, m.mine) for m in thread] == [("moderator", False)]
    assert threads.unread_for_member(session, secrets=secrets, member_id=MEMBER) == 0

    threads.send_reporter_message(
        session,
        secrets=secrets,
        member_id=MEMBER,
        report_id=report.id,
        body="Yes, he had a red car.",
    )
    assert threads.unread_for_moderators(session, report_id=report.id) == 1
    seen = threads.moderator_thread(session, secrets=secrets, actor=MODERATOR, report_id=report.id)
    assert [m.body for m in seen][-1] == "Yes, he had a red car."
    assert threads.unread_for_moderators(session, report_id=report.id) == 0
    assert session.get(Report, report.id).first_moderator_reply_at is not None


def test_only_moderators_write_as_moderator(session, secrets):
    report = submit_report(session, secrets=secrets, submission=submission(), reporter_id=MEMBER)
    with pytest.raises(PermissionDenied):
        threads.send_moderator_message(
            session, secrets=secrets, actor=acting(MEMBER, "member"), report_id=report.id, body="hi"
        )


def test_raw_database_file_holds_no_identifier_or_narrative(session, secrets, engine, db_path):
    narrative = "Hij sloeg me in de auto bij het station en pakte mijn telefoon af."
    submit_report(
        session,
        secrets=secrets,
        reporter_id=MEMBER,
        submission=submission(narrative=narrative, area="Kanaleneiland"),
    )
    report_id = session.exec(text("select id from report")).one()[0]
    threads.send_reporter_message(
        session,
        secrets=secrets,
        member_id=MEMBER,
        report_id=report_id,
        body="His number was 0612345678",
    )
    session.close()
    engine.dispose()  # checkpoints the WAL into the file
    raw = b"".join(p.read_bytes() for p in db_path.parent.glob(db_path.name + "*"))
    needles = [
        "0612345678",
        "612345678",
        "+31612345678",
        "12345678",
        "bad.client",
        "example.nl",
        "12ABC3",
        "12-ABC-3",
        "johnny",
        "Johnny",
        "sloeg",
        "station",
        "Kanaleneiland",
        "snake tattoo",
        "His number",
    ]
    for needle in needles:
        for encoding in ("utf-8", "utf-16-le"):
            assert needle.encode(encoding) not in raw, needle
    # Positive controls: the file was written and plain columns are readable.
    assert b"v1:" in raw
    assert b"utrecht" in raw


def test_identifier_rows_have_key_id_and_index(session, secrets):
    submit_report(session, secrets=secrets, submission=submission(), reporter_id=MEMBER)
    rows = session.exec(select(ReportIdentifier)).all()
    assert {row.key_id for row in rows} == {"1"}
    assert all(len(row.blind_index) == 64 for row in rows)
    assert uuid.UUID(str(session.exec(text("select client_id from report")).one()[0]))


def test_a_leaked_database_does_not_say_who_reported(session, secrets):
    from dataclasses import replace

    from sqlmodel import select

    from uglymugs_app.models import Report, ReportMessage
    from uglymugs_app.services.reports.submission import reporter_member_id
    from uglymugs_app.services.security.field_crypto import member_ref

    report = submit_report(session, secrets=secrets, submission=submission(), reporter_id=MEMBER)
    threads.send_reporter_message(
        session,
        secrets=secrets,
        member_id=MEMBER,
        report_id=report.id,
        body="He came back tonight.",
    )
    stored = session.exec(select(Report)).one()
    columns = set(Report.model_fields)
    assert "reporter_id" not in columns and "submitted_by_id" not in columns
    assert len(stored.reporter_ref) == 64 and stored.submitter_ref is None
    # The pseudonym is keyed: without the instance key nobody can recompute it.
    other_key = replace(secrets, field_key=bytes(32))
    assert member_ref(secrets=other_key, member_id=MEMBER) != stored.reporter_ref
    assert all(m.author_id is None for m in session.exec(select(ReportMessage)))
    # With the keys, the app can still reach her (e.g. to notify her of a reply).
    assert reporter_member_id(secrets=secrets, report=stored) == MEMBER
