"""Item 10: "reported N times" counts independent people, nothing else."""

from __future__ import annotations

from tests.fixtures.people import PASSWORD
from tests.fixtures.reports import submission
from uglymugs_app.models import Report
from uglymugs_app.services.members.accounts import create_account, delete_my_account
from uglymugs_app.services.reports.moderation import decline_report
from uglymugs_app.services.reports.repeat_offenders import independent_reporters
from uglymugs_app.services.reports.submission import submit_report


def file(session, secrets, *, reporter_id, submitted_by_id=None) -> int:
    """A report naming the same phone number as every other one here."""
    return submit_report(
        session,
        secrets=secrets,
        submission=submission(),
        reporter_id=reporter_id,
        submitted_by_id=submitted_by_id,
    ).id


def count(session, secrets, report_id) -> int:
    return independent_reporters(session, secrets=secrets, report_id=report_id)


def test_10_a_declined_report_is_no_independent_reporter(session, secrets, member, moderator):
    other = create_account(session, working_name="Cleo", password=PASSWORD, role="member")
    kept = file(session, secrets, reporter_id=member.member_id)
    doubtful = file(session, secrets, reporter_id=other.id)
    assert count(session, secrets, kept) == 2
    decline_report(
        session, secrets=secrets, actor=moderator, report_id=doubtful, reason="not about violence"
    )
    assert count(session, secrets, kept) == 1
    assert not session.get(Report, kept).repeat


def test_10_her_reports_count_once_after_she_deleted_her_account(session, secrets, member):
    first = file(session, secrets, reporter_id=member.member_id)
    file(session, secrets, reporter_id=member.member_id)
    assert count(session, secrets, first) == 1
    delete_my_account(session, secrets=secrets, actor=member, password=PASSWORD)
    assert count(session, secrets, first) == 1


def test_10_one_outreach_workers_reports_count_once(session, secrets, outreach, member):
    first = file(session, secrets, reporter_id=None, submitted_by_id=outreach.member_id)
    file(session, secrets, reporter_id=None, submitted_by_id=outreach.member_id)
    file(session, secrets, reporter_id=None, submitted_by_id=outreach.member_id)
    assert count(session, secrets, first) == 1
    # A member's own report is another person.
    file(session, secrets, reporter_id=member.member_id)
    assert count(session, secrets, first) == 2
    # Still once after the outreach worker's account is gone.
    delete_my_account(session, secrets=secrets, actor=outreach, password=PASSWORD)
    assert count(session, secrets, first) == 2
