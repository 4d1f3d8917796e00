"""Her report with a thread, her consent, and a police request, for the police tests."""

from datetime import date

from tests.fixtures.reports import submission
from uglymugs_app.services.police import consent as police_consent
from uglymugs_app.services.police import requests as police_requests
from uglymugs_app.services.police.requests import RequestInput
from uglymugs_app.services.reports import threads
from uglymugs_app.services.reports.submission import submit_report

NARRATIVE = "He hit me in room twelve and took my phone and the money from my bag."
CHOSEN = "He was waiting in a grey Opel outside the hotel afterwards."
NOT_CHOSEN = "Please do not tell anyone I work at the Oudegracht address."


def report_with_thread(session, secrets, member, moderator, **overrides):
    """Her report, a moderator's question and two answers of hers: (report id, msg ids)."""
    report = submit_report(
        session, secrets=secrets, submission=submission(**overrides), reporter_id=member.member_id
    )
    threads.send_moderator_message(
        session, secrets=secrets, actor=moderator, report_id=report.id, body="Did you see his car?"
    )
    ids = [
        threads.send_reporter_message(
            session, secrets=secrets, member_id=member.member_id, report_id=report.id, body=body
        ).id
        for body in (CHOSEN, NOT_CHOSEN)
    ]
    return report.id, ids


def consent(
    session, secrets, member, report_id, *, police_report=True, anonymous=False, messages=()
):
    return police_consent.set_my_consent(
        session,
        secrets=secrets,
        member_id=member.member_id,
        report_id=report_id,
        police_report=police_report,
        anonymous_sharing=anonymous,
        thread_message_ids=list(messages),
    )


def police_request(session, secrets, actor, identifier="06 1234 5678") -> int:
    """A police unit's question about a phone number, recorded by ``actor``."""
    return police_requests.record_request(
        session,
        secrets=secrets,
        actor=actor,
        request=RequestInput(
            received_on=date(2025, 4, 2),
            unit="Team Zeden Utrecht",
            officer="J. de Vries",
            case_number="PL0900-2025-123",
            reason="Assault case; suspect's phone",
            identifier_kind="phone",
            identifier=identifier,
        ),
    )
