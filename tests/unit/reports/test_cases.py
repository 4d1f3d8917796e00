"""Case work: taking a case, handing it over, internal notes only staff read."""

import io
import json

import pytest
from pypdf import PdfReader
from sqlmodel import select

from tests.fixtures.people import PASSWORD, actor_of
from tests.fixtures.reports import report
from tests.unit.police.helpers import consent
from uglymugs_app.models import AuditEvent, Member, ReportNote
from uglymugs_app.services.errors import InvalidInput, NotFound, PermissionDenied
from uglymugs_app.services.members.accounts import create_account
from uglymugs_app.services.police.report_pdf import police_report_pdf
from uglymugs_app.services.reports import cases, live, moderation, threads
from uglymugs_app.services.reports.submission import get_my_report, list_my_reports

NOTE = "Sounds like the man from case 12; she may be scared of the police, go slowly."


@pytest.fixture
def colleague(session, secrets):
    return actor_of(
        create_account(
            session,
            working_name="Mod Ceren",
            password=PASSWORD,
            role="moderator",
            totp_secret="JBSWY3DPEHPK3PXP",
            secrets=secrets,
        )
    )


def _audit(session, action):
    return session.exec(select(AuditEvent).where(AuditEvent.action == action)).all()


def test_taking_a_case_shows_colleagues_who_handles_it(session, secrets, moderator, colleague):
    filed = report(session, secrets)
    cases.take_case(session, actor=moderator, report_id=filed.id)
    mine = cases.case_view(session, secrets=secrets, actor=moderator, report_id=filed.id)
    theirs = cases.case_view(session, secrets=secrets, actor=colleague, report_id=filed.id)
    assert mine.handled_by_me and mine.handler_name == "Mod Anna"
    assert not theirs.handled_by_me and theirs.handler_name == "Mod Anna"
    [item] = moderation.moderator_queue(session, actor=colleague)
    assert item.handler == "Mod Anna"
    [event] = _audit(session, "report.take")
    assert event.actor_id == moderator.member_id
    assert json.loads(event.before) == {"handler_id": None}
    assert json.loads(event.after) == {"handler_id": moderator.member_id}
    # Taking it again changes nothing and writes no second line.
    cases.take_case(session, actor=moderator, report_id=filed.id)
    assert len(_audit(session, "report.take")) == 1


def test_a_colleagues_case_is_handed_over_not_taken(session, secrets, moderator, colleague):
    filed = report(session, secrets)
    cases.take_case(session, actor=moderator, report_id=filed.id)
    with pytest.raises(InvalidInput):
        cases.take_case(session, actor=colleague, report_id=filed.id)
    with pytest.raises(PermissionDenied):
        cases.hand_over(
            session, actor=colleague, report_id=filed.id, to_member_id=colleague.member_id
        )
    cases.hand_over(session, actor=moderator, report_id=filed.id, to_member_id=colleague.member_id)
    view = cases.case_view(session, secrets=secrets, actor=colleague, report_id=filed.id)
    assert view.handled_by_me and view.handler_name == "Mod Ceren"
    [event] = _audit(session, "report.hand_over")
    assert json.loads(event.before) == {"handler_id": moderator.member_id}
    assert json.loads(event.after) == {"handler_id": colleague.member_id}
    # Back to the queue: nobody handles it, and anyone may take it.
    cases.hand_over(session, actor=colleague, report_id=filed.id, to_member_id=None)
    assert (
        cases.case_view(session, secrets=secrets, actor=moderator, report_id=filed.id).handler_name
        == ""
    )
    cases.take_case(session, actor=moderator, report_id=filed.id)


def test_an_admin_hands_over_and_an_absent_holder_does_not_block(
    session, secrets, moderator, colleague, admin
):
    filed = report(session, secrets)
    cases.take_case(session, actor=moderator, report_id=filed.id)
    cases.hand_over(session, actor=admin, report_id=filed.id, to_member_id=colleague.member_id)
    # Her account is suspended: the case is free for the others.
    holder = session.get(Member, colleague.member_id)
    holder.status = "suspended"
    session.add(holder)
    session.commit()
    cases.take_case(session, actor=moderator, report_id=filed.id)
    assert cases.case_view(
        session, secrets=secrets, actor=moderator, report_id=filed.id
    ).handled_by_me


def test_a_case_goes_only_to_active_staff(session, secrets, moderator, member, outreach):
    filed = report(session, secrets)
    for target in (member.member_id, outreach.member_id, 999_999):
        with pytest.raises(InvalidInput):
            cases.hand_over(session, actor=moderator, report_id=filed.id, to_member_id=target)
    assert [c.working_name for c in cases.colleagues(session, actor=moderator)] == []
    assert _audit(session, "report.hand_over") == []


@pytest.mark.parametrize("role_fixture", ["member", "outreach"])
def test_case_work_is_for_staff_only(session, secrets, request, role_fixture):
    actor = request.getfixturevalue(role_fixture)
    filed = report(session, secrets, reporter_id=actor.member_id)
    for call in (
        lambda: cases.take_case(session, actor=actor, report_id=filed.id),
        lambda: cases.hand_over(session, actor=actor, report_id=filed.id, to_member_id=None),
        lambda: cases.add_note(session, secrets=secrets, actor=actor, report_id=filed.id, body="x"),
        lambda: cases.case_view(session, secrets=secrets, actor=actor, report_id=filed.id),
        lambda: cases.colleagues(session, actor=actor),
    ):
        with pytest.raises(PermissionDenied):
            call()


def test_unknown_case_is_not_found(session, secrets, moderator):
    with pytest.raises(NotFound):
        cases.take_case(session, actor=moderator, report_id=12345)


def test_notes_are_sealed_and_never_reach_the_reporter_or_the_police_report(
    session, secrets, settings, moderator, colleague, member
):
    filed = report(session, secrets, reporter_id=member.member_id)
    threads.send_moderator_message(
        session, secrets=secrets, actor=moderator, report_id=filed.id, body="Are you safe now?"
    )
    cases.add_note(session, secrets=secrets, actor=moderator, report_id=filed.id, body=NOTE)
    [stored] = session.exec(select(ReportNote)).all()
    assert NOTE not in stored.body_sealed and stored.body_sealed.startswith("v1:")
    [note] = cases.case_view(session, secrets=secrets, actor=colleague, report_id=filed.id).notes
    assert (note.body, note.author, note.mine) == (NOTE, "Mod Anna", False)
    [event] = _audit(session, "report.note")
    assert NOTE not in event.detail + event.before + event.after
    # Everything she can open of her report.
    seen = repr(list_my_reports(session, secrets=secrets, member_id=member.member_id))
    seen += repr(
        get_my_report(session, secrets=secrets, member_id=member.member_id, report_id=filed.id)
    )
    seen += repr(
        threads.reporter_thread(
            session, secrets=secrets, member_id=member.member_id, report_id=filed.id
        )
    )
    assert "Are you safe now?" in seen and NOTE not in seen
    consent(session, secrets, member, filed.id)
    pdf = police_report_pdf(
        session,
        secrets=secrets,
        settings=settings,
        actor=moderator,
        report_id=filed.id,
        language="en",
    )
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Sounds like the man" not in " ".join(text.split())


def test_an_empty_or_huge_note_is_refused(session, secrets, moderator):
    filed = report(session, secrets)
    for body in ("   ", "x" * (cases.MAX_NOTE + 1)):
        with pytest.raises(InvalidInput):
            cases.add_note(session, secrets=secrets, actor=moderator, report_id=filed.id, body=body)


def test_the_case_shows_the_reporters_language_by_name(session, secrets, moderator, member):
    own = session.get(Member, member.member_id)
    own.language = "ro"
    session.add(own)
    session.commit()
    filed = report(session, secrets, reporter_id=member.member_id)
    view = cases.case_view(session, secrets=secrets, actor=moderator, report_id=filed.id)
    assert view.reporter_language == "Română"


def test_versions_move_with_what_the_open_pages_show(session, secrets, moderator, member):
    filed = report(session, secrets, reporter_id=member.member_id)
    fingerprint = live.threads_fingerprint(session)
    case = cases.case_version(session, report_id=filed.id)
    hers = live.reporter_version(session, report_ids=[filed.id])
    threads.send_moderator_message(
        session, secrets=secrets, actor=moderator, report_id=filed.id, body="Hello"
    )
    assert live.threads_fingerprint(session) != fingerprint
    assert cases.case_version(session, report_id=filed.id) != case
    assert live.reporter_version(session, report_ids=[filed.id]) != hers
    # She reads it (on another device): her page's count moves too.
    hers = live.reporter_version(session, report_ids=[filed.id])
    threads.reporter_thread(
        session, secrets=secrets, member_id=member.member_id, report_id=filed.id
    )
    assert live.reporter_version(session, report_ids=[filed.id]) != hers
    # A colleague takes the case, or writes a note: the case page moves.
    case = cases.case_version(session, report_id=filed.id)
    cases.take_case(session, actor=moderator, report_id=filed.id)
    taken = cases.case_version(session, report_id=filed.id)
    cases.add_note(session, secrets=secrets, actor=moderator, report_id=filed.id, body="n")
    assert len({case, taken, cases.case_version(session, report_id=filed.id)}) == 3
    assert live.reporter_version(session, report_ids=[]) == ""


def test_live_versions_read_the_same_on_both_engines(both_engines, secrets):
    """The beat's queries (a filtered count, maxima) on SQLite and PostgreSQL."""
    from sqlmodel import Session

    from tests.fixtures.reports import MODERATOR

    with Session(both_engines, expire_on_commit=False) as session:
        assert live.threads_fingerprint(session) == "None|None|None"
        filed = report(session, secrets, reporter_id=7)
        before = live.reporter_version(session, report_ids=[filed.id])
        threads.send_moderator_message(
            session, secrets=secrets, actor=MODERATOR, report_id=filed.id, body="Hello"
        )
        after = live.reporter_version(session, report_ids=[filed.id])
        assert before.endswith("|None|0") and after.endswith("|1")
        cases.take_case(session, actor=MODERATOR, report_id=filed.id)
        assert f"|{MODERATOR.member_id}|" in cases.case_version(session, report_id=filed.id)
