"""The police request log: lookup, answers, her consent, append-only."""

from datetime import date

import pytest
from sqlalchemy import delete
from sqlmodel import select

from tests.unit.police.helpers import consent, police_request, report_with_thread
from uglymugs_app.models import AppendOnlyError, PoliceAnswer, PoliceRequest, ReportMessage
from uglymugs_app.services.errors import NotFound, PermissionDenied
from uglymugs_app.services.police import requests as police_requests
from uglymugs_app.services.police.requests import RequestInput


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


def test_saying_a_report_exists_and_sharing_details_need_her_consent(
    session, secrets, member, moderator
):
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
    # No consent at all: the lookup shows it may not be confirmed, and asks her once.
    for _ in range(2):
        (match,) = police_requests.matching_reports(
            session, secrets=secrets, actor=moderator, request_id=request_id
        )
        assert match.may_confirm is False
    assert len(messages()) == before + 1
    with pytest.raises(PermissionDenied) as refused:
        answer()
    assert refused.value.key == "police.consent.confirm_missing"
    assert session.exec(select(PoliceAnswer)).all() == []

    consent(session, secrets, member, report_id, police_report=False, anonymous=True)
    answer()
    assert len(messages()) == before + 2  # told what was said
    with pytest.raises(PermissionDenied):
        answer(details=True)
    consent(session, secrets, member, report_id)
    answer(details=True)
    assert len(messages()) == before + 2  # told once per request
    log = police_requests.list_requests(session, secrets=secrets, actor=moderator)
    assert [a.shared_details for a in log[0].answers] == [False, True]
    assert log[0].identifier == "+31612345678"
    assert log[0].reason == "Assault case; suspect's phone"


def test_the_lookup_ignores_declined_and_withdrawn_reports(session, secrets, member, moderator):
    from uglymugs_app.services.reports import moderation
    from uglymugs_app.services.reports.withdrawal import withdraw_report

    declined, _ = report_with_thread(session, secrets, member, moderator)
    withdrawn, _ = report_with_thread(session, secrets, member, moderator)
    standing, _ = report_with_thread(session, secrets, member, moderator)
    moderation.decline_report(
        session, secrets=secrets, actor=moderator, report_id=declined, reason="Not violence"
    )
    withdraw_report(session, secrets=secrets, member_id=member.member_id, report_id=withdrawn)
    request_id = police_request(session, secrets, moderator)
    found = police_requests.matching_reports(
        session, secrets=secrets, actor=moderator, request_id=request_id
    )
    assert [m.report_id for m in found] == [standing]
    with pytest.raises(NotFound):
        police_requests.record_answer(
            session,
            secrets=secrets,
            actor=moderator,
            request_id=request_id,
            answer="A report exists.",
            report_id=declined,
        )


@pytest.mark.parametrize(
    ("kind", "raw", "platform", "stored"),
    [
        ("handle", "@johnny_b", "telegram", "telegram:johnny_b"),
        ("email", "Bad.Client@Example.nl", None, "bad.client@example.nl"),
        ("plate", "12-abc-3", None, "12ABC3"),
        ("name", "Johnny", None, "johnny"),
    ],
)
def test_a_request_may_name_any_kind_of_identifier(
    session, secrets, member, moderator, kind, raw, platform, stored
):
    report_id, _ = report_with_thread(session, secrets, member, moderator)
    request_id = police_requests.record_request(
        session,
        secrets=secrets,
        actor=moderator,
        request=RequestInput(
            received_on=date(2025, 4, 2),
            unit="Team Zeden Utrecht",
            officer="J. de Vries",
            case_number="",
            reason="Assault case",
            identifier_kind=kind,
            identifier=raw,
            platform=platform,
        ),
    )
    log = police_requests.list_requests(session, secrets=secrets, actor=moderator)
    assert log[0].identifier.casefold() == stored.casefold()
    found = police_requests.matching_reports(
        session, secrets=secrets, actor=moderator, request_id=request_id
    )
    assert [m.report_id for m in found] == [report_id]


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
