"""Consent gating and the police-ready PDF."""

import io

import pytest
from pypdf import PdfReader
from sqlmodel import select

from tests.unit.police.helpers import CHOSEN, NARRATIVE, NOT_CHOSEN, consent, report_with_thread
from uglymugs_app.models import AuditEvent
from uglymugs_app.services.errors import InvalidInput, NotFound, PermissionDenied
from uglymugs_app.services.police import consent as police_consent
from uglymugs_app.services.police.report_pdf import police_report_pdf


def _pdf(session, secrets, settings, actor, report_id):
    return police_report_pdf(
        session, secrets=secrets, settings=settings, actor=actor, report_id=report_id, language="en"
    )


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _actions(session, report_id):
    return [
        e.action
        for e in session.exec(
            select(AuditEvent).where(
                AuditEvent.subject_type == "report", AuditEvent.subject_id == report_id
            )
        )
    ]


def test_without_consent_the_pdf_is_refused_and_the_attempt_audited(
    session, secrets, settings, member, moderator
):
    report_id, _ = report_with_thread(session, secrets, member, moderator, wants_police_help=True)
    with pytest.raises(PermissionDenied) as refused:
        _pdf(session, secrets, settings, moderator, report_id)
    assert refused.value.key == "police.consent.missing"
    refusal = session.exec(
        select(AuditEvent).where(AuditEvent.action == "police_export.pdf.refused")
    ).one()
    assert (refusal.actor_id, refusal.subject_id) == (moderator.member_id, report_id)


def test_withdrawn_consent_refuses_again(session, secrets, settings, member, moderator):
    report_id, _ = report_with_thread(session, secrets, member, moderator)
    consent(session, secrets, member, report_id)
    assert _pdf(session, secrets, settings, moderator, report_id).startswith(b"%PDF")
    consent(session, secrets, member, report_id, police_report=False)
    with pytest.raises(PermissionDenied):
        _pdf(session, secrets, settings, moderator, report_id)
    assert _actions(session, report_id).count("police_export.pdf") == 1
    assert "police_export.pdf.refused" in _actions(session, report_id)


def test_only_staff_may_export(session, secrets, settings, member, moderator):
    report_id, _ = report_with_thread(session, secrets, member, moderator)
    consent(session, secrets, member, report_id)
    with pytest.raises(PermissionDenied):
        _pdf(session, secrets, settings, member, report_id)


def test_pdf_holds_the_report_and_only_the_messages_she_chose(
    session, secrets, settings, member, moderator
):
    report_id, (chosen, _not_chosen) = report_with_thread(session, secrets, member, moderator)
    consent(session, secrets, member, report_id, messages=[chosen])
    text = " ".join(_text(_pdf(session, secrets, settings, moderator, report_id)).split())
    for expected in (
        "14 March 2025",
        "Utrecht",
        "Lombok",
        NARRATIVE,
        "+31612345678",
        "bad.client@example.nl",
        "johnny_b (Telegram)",
        "snake tattoo",
        CHOSEN,
    ):
        assert expected in text, expected
    assert NOT_CHOSEN not in text
    assert "Did you see his car?" not in text
    assert member.working_name not in text
    assert "police_export.pdf" in _actions(session, report_id)


def test_she_sets_consent_only_for_her_own_report_and_own_messages(
    session, secrets, member, moderator, admin
):
    report_id, ids = report_with_thread(session, secrets, member, moderator)
    with pytest.raises(NotFound):
        consent(session, secrets, admin, report_id)
    with pytest.raises(InvalidInput):
        consent(session, secrets, member, report_id, messages=[ids[0] + 999])
    assert (
        police_consent.my_consent(
            session, secrets=secrets, member_id=member.member_id, report_id=report_id
        ).police_report
        is False
    )
    changes = select(AuditEvent).where(AuditEvent.action == "police_consent.change")
    assert session.exec(changes).all() == []
    consent(session, secrets, member, report_id, messages=ids)
    recorded = session.exec(changes).one()
    assert recorded.actor_id is None  # the log must not tie her to the report


def test_a_wish_for_police_help_starts_her_consent_but_is_not_it(
    session, secrets, settings, member, moderator
):
    asked, _ = report_with_thread(session, secrets, member, moderator, wants_police_help=True)
    other, _ = report_with_thread(session, secrets, member, moderator)
    mine = {
        report_id: police_consent.my_consent(
            session, secrets=secrets, member_id=member.member_id, report_id=report_id
        )
        for report_id in (asked, other)
    }
    assert (mine[asked].requested, mine[asked].police_report) == (True, False)
    assert mine[other].requested is False
    consent(session, secrets, member, asked)
    saved = police_consent.my_consent(
        session, secrets=secrets, member_id=member.member_id, report_id=asked
    )
    assert (saved.requested, saved.police_report) == (False, True)
    assert _pdf(session, secrets, settings, moderator, asked).startswith(b"%PDF")
