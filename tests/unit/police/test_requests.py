"""The police request log: lookup, answers, her consent, append-only."""

import pytest
from sqlalchemy import delete
from sqlmodel import select

from tests.unit.police.helpers import consent, police_request, report_with_thread
from uglymugs_app.models import AppendOnlyError, PoliceAnswer, PoliceRequest, ReportMessage
from uglymugs_app.services.errors import PermissionDenied
from uglymugs_app.services.police import requests as police_requests


def test_lookup_finds_her_report_unmasked(session, secrets, member, moderator):
    report_id, _ = report_with_thread(session, secrets, member, moderator)
    request_id = police_request(session, secrets, moderator)
    matches = police_requests.matching_reports(
        session, secrets=secrets, actor=moderator, request_id=request_id
    )
    assert [m.report_id for m in matches] == [report_id]
    assert "phone: +31612345678" in matches[0].identifiers
    assert matches[0].police_report_consent is False
    other = police_request(session, secrets, moderator, identifier="06 2345 6789")
    assert (
        police_requests.matching_reports(
            session, secrets=secrets, actor=moderator, request_id=other
        )
        == []
    )


def test_she_is_told_once_and_details_need_her_consent(session, secrets, member, moderator):
    report_id, _ = report_with_thread(session, secrets, member, moderator)
    request_id = police_request(session, secrets, moderator)

    def answer(details=False):
        return police_requests.record_answer(
            session,
            secrets=secrets,
            actor=moderator,
            request_id=request_id,
            answer="Yes, a report exists; contact goes through us.",
            report_id=report_id,
            shared="description of the incident" if details else "",
        )

    def messages():
        return session.exec(select(ReportMessage).where(ReportMessage.report_id == report_id)).all()

    before = len(messages())
    answer()
    assert len(messages()) == before + 1  # she is told and asked
    with pytest.raises(PermissionDenied):
        answer(details=True)
    consent(session, secrets, member, report_id)
    answer(details=True)
    assert len(messages()) == before + 1  # told once per request
    log = police_requests.list_requests(session, secrets=secrets, actor=moderator)
    assert [a.shared_details for a in log[0].answers] == [False, True]
    assert log[0].identifier == "+31612345678"
    assert log[0].reason == "Assault case; suspect's phone"


def test_log_is_only_for_staff(session, secrets, member, moderator, admin):
    police_request(session, secrets, moderator)
    assert len(police_requests.list_requests(session, secrets=secrets, actor=admin)) == 1
    with pytest.raises(PermissionDenied):
        police_requests.list_requests(session, secrets=secrets, actor=member)
    with pytest.raises(PermissionDenied):
        police_request(session, secrets, member)


def test_entries_cannot_be_changed_or_removed(session, secrets, member, moderator):
    report_id, _ = report_with_thread(session, secrets, member, moderator)
    request_id = police_request(session, secrets, moderator)
    police_requests.record_answer(
        session, secrets=secrets, actor=moderator, request_id=request_id, answer="No comment."
    )
    request = session.get(PoliceRequest, request_id)
    request.officer = "someone else"
    session.add(request)
    with pytest.raises(AppendOnlyError):
        session.commit()
    session.rollback()
    answer = session.exec(select(PoliceAnswer)).one()
    session.delete(answer)
    with pytest.raises(AppendOnlyError):
        session.commit()
    session.rollback()
    with pytest.raises(AppendOnlyError):
        session.exec(delete(PoliceAnswer))
    session.rollback()
    assert session.get(PoliceRequest, request_id).officer == "J. de Vries"
    assert len(session.exec(select(PoliceAnswer)).all()) == 1
    assert not [
        name
        for name in dir(police_requests)
        if name.startswith(("update", "delete", "edit", "remove"))
    ]
