"""The audit log says "report.view" when a moderator opened a report, and only then.

The dashboard shows the report again after each of her actions; that showing
is part of the action (audited as such), not another look at the reporter's
words.
"""

from sqlmodel import col, select

from tests.fixtures.reports import MODERATOR, publish, report
from uglymugs_app.models import AuditEvent
from uglymugs_app.services.reports import moderation, threads
from uglymugs_app.services.warnings.lifecycle import (
    WarningCorrection,
    correct_warning,
    retract_warning,
)


def audited(session) -> list[str]:
    return list(session.exec(select(AuditEvent.action).order_by(col(AuditEvent.id))))


def shown_again(session, secrets, report_id):
    """What the dashboard does after each action: the report, not a new view."""
    return moderation.report_detail(
        session, secrets=secrets, actor=MODERATOR, report_id=report_id, viewing=False
    )


def test_each_moderator_action_is_audited_once_and_writes_no_view(session, secrets, settings):
    published, declined, closed = (report(session, secrets) for _ in range(3))
    moderation.report_detail(session, secrets=secrets, actor=MODERATOR, report_id=published.id)

    threads.send_moderator_message(
        session, secrets=secrets, actor=MODERATOR, report_id=published.id, body="Are you safe now?"
    )
    shown_again(session, secrets, published.id)
    warning = publish(session, secrets, settings, published.id)
    shown_again(session, secrets, published.id)
    correct_warning(
        session,
        secrets=secrets,
        actor=MODERATOR,
        warning_id=warning.id,
        correction=WarningCorrection(severity="medium"),
        reason="She asked",
    )
    shown_again(session, secrets, published.id)
    retract_warning(session, actor=MODERATOR, warning_id=warning.id, reason="Objection upheld")
    shown_again(session, secrets, published.id)
    moderation.decline_report(
        session,
        secrets=secrets,
        actor=MODERATOR,
        report_id=declined.id,
        reason="Too little to warn others.",
    )
    shown_again(session, secrets, declined.id)
    moderation.close_report(session, actor=MODERATOR, report_id=closed.id)
    shown_again(session, secrets, closed.id)

    assert audited(session) == [
        "report.view",
        "report.message",
        "warning.publish",
        "warning.correct",
        "warning.retract",
        "report.decline",
        "report.close",
    ]


def test_every_opening_is_a_view(session, secrets):
    filed = report(session, secrets)
    for _ in range(2):
        moderation.report_detail(session, secrets=secrets, actor=MODERATOR, report_id=filed.id)
    views = session.exec(select(AuditEvent).where(AuditEvent.action == "report.view")).all()
    assert [(e.actor_id, e.subject_type, e.subject_id) for e in views] == [
        (MODERATOR.member_id, "report", filed.id)
    ] * 2
