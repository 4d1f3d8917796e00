"""She withdraws her report or her consent to publish; a moderator reviews the warning."""

from datetime import timedelta

import pytest
from sqlmodel import select

from tests.fixtures.reports import MODERATOR, publish, report
from uglymugs_app.models import AuditEvent, Report, Warning
from uglymugs_app.models.common import as_utc
from uglymugs_app.services.errors import InvalidInput, NotFound, PublishNotAllowed
from uglymugs_app.services.maintenance.housekeeping import run_maintenance
from uglymugs_app.services.reports import moderation
from uglymugs_app.services.reports.withdrawal import (
    withdraw_publish_consent,
    withdraw_report,
)
from uglymugs_app.services.warnings import lifecycle

HER, OTHER = 7, 8


def _withdraw(session, secrets, report_id, member_id=HER):
    withdraw_report(session, secrets=secrets, member_id=member_id, report_id=report_id)


def test_withdrawing_a_published_report_asks_a_moderator_to_review_its_warning(
    session, secrets, settings
):
    made = report(session, secrets, reporter_id=HER)
    warning = publish(session, secrets, settings, made.id)

    _withdraw(session, secrets, made.id)

    assert session.get(Report, made.id).status == "withdrawn"
    stored = session.get(Warning, warning.id)
    # Still showing until a moderator decides: others may rely on it.
    assert (stored.status, stored.review_reason) == ("active", "report_withdrawn")
    queue = moderation.moderator_queue(session, actor=MODERATOR)
    assert (queue[0].id, queue[0].review) == (made.id, "report_withdrawn")
    assert lifecycle.warning_for_moderator(
        session, actor=MODERATOR, warning_id=warning.id
    ).review_reason == ("report_withdrawn")

    lifecycle.keep_after_review(
        session, actor=MODERATOR, warning_id=warning.id, reason="Two others reported him"
    )
    assert session.get(Warning, warning.id).review_reason == ""
    assert made.id not in [item.id for item in moderation.moderator_queue(session, actor=MODERATOR)]
    actions = [e.action for e in session.exec(select(AuditEvent))]
    assert "report.withdraw" in actions and "warning.review_keep" in actions
    withdrawn = session.exec(select(AuditEvent).where(AuditEvent.action == "report.withdraw")).one()
    assert withdrawn.actor_id is None  # the audit log does not tie her to the report


def test_retracting_settles_the_review(session, secrets, settings):
    made = report(session, secrets, reporter_id=HER)
    warning = publish(session, secrets, settings, made.id)
    withdraw_publish_consent(session, secrets=secrets, member_id=HER, report_id=made.id)
    assert session.get(Warning, warning.id).review_reason == "publish_consent_withdrawn"
    assert session.get(Report, made.id).status == "published"  # the report stays hers
    lifecycle.retract_warning(session, actor=MODERATOR, warning_id=warning.id, reason="She asked")
    stored = session.get(Warning, warning.id)
    assert (stored.status, stored.review_reason) == ("retracted", "")


def test_without_her_consent_nothing_is_published(session, secrets, settings):
    made = report(session, secrets, reporter_id=HER)
    withdraw_publish_consent(session, secrets=secrets, member_id=HER, report_id=made.id)
    with pytest.raises(PublishNotAllowed):
        publish(session, secrets, settings, made.id)
    with pytest.raises(InvalidInput):  # twice
        withdraw_publish_consent(session, secrets=secrets, member_id=HER, report_id=made.id)
    other = report(session, secrets, reporter_id=HER)
    _withdraw(session, secrets, other.id)
    with pytest.raises(NotFound):
        publish(session, secrets, settings, other.id)


def test_only_she_can_withdraw(session, secrets, settings):
    made = report(session, secrets, reporter_id=HER)
    with pytest.raises(NotFound):
        _withdraw(session, secrets, made.id, member_id=OTHER)
    with pytest.raises(NotFound):
        withdraw_publish_consent(session, secrets=secrets, member_id=OTHER, report_id=made.id)
    assert session.get(Report, made.id).status == "received"
    _withdraw(session, secrets, made.id)
    with pytest.raises(InvalidInput):
        _withdraw(session, secrets, made.id)


def test_a_withdrawn_report_no_longer_counts_as_a_reporter(session, secrets, settings):
    first = report(session, secrets, reporter_id=HER)
    second = report(session, secrets, reporter_id=OTHER)
    warning = publish(session, secrets, settings, second.id)
    assert session.get(Warning, warning.id).reported_count == 2
    _withdraw(session, secrets, first.id)
    assert session.get(Warning, warning.id).reported_count == 1


def test_a_withdrawn_report_is_erased_sooner(session, secrets, settings):
    made = report(session, secrets, reporter_id=HER)
    _withdraw(session, secrets, made.id)
    withdrawn_at = as_utc(session.get(Report, made.id).closed_at)
    days = timedelta(days=settings.withdrawn_report_retention_days)
    rounds = dict(settings=settings, secrets=secrets)
    assert (
        run_maintenance(session, now=withdrawn_at + days - timedelta(days=1), **rounds)[
            "reports_erased"
        ]
        == 0
    )
    assert (
        run_maintenance(session, now=withdrawn_at + days + timedelta(days=1), **rounds)[
            "reports_erased"
        ]
        == 1
    )
