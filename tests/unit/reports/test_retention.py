"""Retention: what housekeeping erases, when, and what it leaves behind."""

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from tests.fixtures.reports import MODERATOR, publish, report
from tests.unit.police.helpers import police_request
from uglymugs_app.models import (
    AuditEvent,
    PoliceConsent,
    Report,
    ReportIdentifier,
    ReportMessage,
    ReportTally,
    Warning,
    WarningIdentifier,
)
from uglymugs_app.models.common import as_utc, utcnow
from uglymugs_app.services.maintenance.housekeeping import run_maintenance
from uglymugs_app.services.police.consent import set_my_consent
from uglymugs_app.services.police.requests import matching_reports
from uglymugs_app.services.reports import moderation, threads
from uglymugs_app.services.reports.retention import erase_report
from uglymugs_app.services.reports.submission import list_my_reports
from uglymugs_app.services.stats.figures import dashboard
from uglymugs_app.services.warnings.lifecycle import retract_warning

REPORTER = 7
DAY = timedelta(days=1)


def _round(session, secrets, settings, now):
    return run_maintenance(session, settings=settings, now=now, secrets=secrets)


def _declined(session, secrets, **overrides):
    made = report(session, secrets, reporter_id=REPORTER, **overrides)
    threads.send_reporter_message(
        session, secrets=secrets, member_id=REPORTER, report_id=made.id, body="He came back."
    )
    set_my_consent(
        session,
        secrets=secrets,
        member_id=REPORTER,
        report_id=made.id,
        police_report=True,
        anonymous_sharing=False,
        thread_message_ids=[],
    )
    moderation.decline_report(
        session, secrets=secrets, actor=MODERATOR, report_id=made.id, reason="Not violence"
    )
    return made.id


def _rows(session, table, report_id):
    return session.exec(select(table).where(table.report_id == report_id)).all()


def test_a_declined_report_is_erased_a_retention_after_the_decline(session, secrets, settings):
    report_id = _declined(session, secrets)
    declined_at = as_utc(session.get(Report, report_id).closed_at)
    retention = timedelta(days=settings.report_retention_days)

    assert _round(session, secrets, settings, declined_at + retention - DAY)["reports_erased"] == 0
    assert _rows(session, ReportIdentifier, report_id) != []

    counts = _round(session, secrets, settings, declined_at + retention + DAY)

    assert counts["reports_erased"] == 1
    for table in (ReportIdentifier, ReportMessage):
        assert _rows(session, table, report_id) == []
    assert session.get(PoliceConsent, report_id) is None
    husk = session.get(Report, report_id)
    assert husk.status == "erased"
    assert (husk.reporter_ref, husk.narrative_sealed, husk.area_sealed) == (None, "", "")
    assert (husk.appearance_sealed, husk.wishes_sealed, husk.region) == ("", "", "")
    assert husk.incident_types == "[]"
    assert list_my_reports(session, secrets=secrets, member_id=REPORTER) == []
    erased = session.exec(select(AuditEvent).where(AuditEvent.action == "report.erase")).all()
    assert [event.subject_id for event in erased] == [report_id]
    # A second round finds nothing left to erase and counts nothing twice.
    assert (
        _round(session, secrets, settings, declined_at + retention + 2 * DAY)["reports_erased"] == 0
    )
    assert {t.code: t.count for t in session.exec(select(ReportTally))} == {
        "physical_violence": 1,
        "robbery": 1,
        "utrecht": 1,
    }


def test_a_report_is_kept_while_its_warning_shows_and_erased_after_it_expired(
    session, secrets, settings
):
    made = report(session, secrets, reporter_id=REPORTER)
    warning = publish(session, secrets, settings, made.id)
    moderation.close_report(session, actor=MODERATOR, report_id=made.id)
    expires = as_utc(session.get(Warning, warning.id).expires_at)
    retention = timedelta(days=settings.report_retention_days)

    # Closed long ago, but the warning still shows: kept.
    assert _round(session, secrets, settings, expires - DAY)["reports_erased"] == 0
    assert _round(session, secrets, settings, expires + retention - DAY)["reports_erased"] == 0
    assert session.get(Report, made.id).status == "closed"

    assert _round(session, secrets, settings, expires + retention + DAY)["reports_erased"] == 1
    emptied = session.get(Warning, warning.id)
    assert (emptied.status, emptied.summary, emptied.regions) == ("erased", "", "[]")
    assert _rows(session, ReportIdentifier, made.id) == []
    assert (
        session.exec(
            select(WarningIdentifier).where(WarningIdentifier.warning_id == warning.id)
        ).all()
        == []
    )


def test_a_retracted_warning_starts_the_clock_at_its_retraction(session, secrets, settings):
    made = report(session, secrets)
    warning = publish(session, secrets, settings, made.id)
    retract_warning(session, actor=MODERATOR, warning_id=warning.id, reason="Objection upheld")
    retracted = as_utc(session.get(Warning, warning.id).retracted_at)
    retention = timedelta(days=settings.report_retention_days)
    assert _round(session, secrets, settings, retracted + retention - DAY)["reports_erased"] == 0
    assert _round(session, secrets, settings, retracted + retention + DAY)["reports_erased"] == 1


def test_an_open_report_is_never_erased(session, secrets, settings):
    made = report(session, secrets)
    far = utcnow() + timedelta(days=20 * 365)
    assert _round(session, secrets, settings, far)["reports_erased"] == 0
    assert session.get(Report, made.id).status == "received"


def test_the_retention_is_a_setting(session, secrets, settings):
    report_id = _declined(session, secrets)
    declined_at = as_utc(session.get(Report, report_id).closed_at)
    short = settings.model_copy(update={"report_retention_days": 10})
    assert _round(session, secrets, short, declined_at + 11 * DAY)["reports_erased"] == 1


def test_repeat_counts_and_the_police_lookup_forget_an_erased_report(session, secrets, settings):
    first = report(session, secrets, reporter_id=1)
    second = report(session, secrets, reporter_id=2)
    warning = publish(session, secrets, settings, second.id)
    assert session.get(Warning, warning.id).reported_count == 2
    request_id = police_request(session, secrets, MODERATOR, identifier="06-12345678")
    found = matching_reports(session, secrets=secrets, actor=MODERATOR, request_id=request_id)
    assert {match.report_id for match in found} == {first.id, second.id}

    assert erase_report(session, secrets=secrets, report_id=first.id)

    assert session.get(Warning, warning.id).reported_count == 1
    assert session.get(Report, second.id).repeat is False
    found = matching_reports(session, secrets=secrets, actor=MODERATOR, request_id=request_id)
    assert [match.report_id for match in found] == [second.id]
    assert erase_report(session, secrets=secrets, report_id=first.id) is False


def test_figures_count_erased_reports_the_same(session, secrets, settings):
    kept = report(session, secrets, region="limburg", incident_types=["robbery"])
    gone = report(session, secrets, incident_types=["robbery", "threats"])
    publish(session, secrets, settings, gone.id)
    today = utcnow().date()
    period = dict(actor=MODERATOR, start=today - timedelta(days=7), end=today)
    before = dashboard(session, **period)

    erase_report(session, secrets=secrets, report_id=gone.id)

    after = dashboard(session, **period)
    assert after == before
    by_type = {t.name: t for t in after}["reports_by_type"]
    assert sum(row["robbery"] for row in by_type.rows) == 2
    assert session.get(Report, kept.id).status == "received"


def test_a_husk_keeps_the_police_log_pointing_at_a_row(session, secrets, settings):
    """The police log is append-only and names the report; the row stays, empty."""
    from uglymugs_app.services.police.requests import record_answer

    made = report(session, secrets, reporter_id=REPORTER)
    set_my_consent(
        session,
        secrets=secrets,
        member_id=REPORTER,
        report_id=made.id,
        police_report=False,
        anonymous_sharing=True,
        thread_message_ids=[],
    )
    request_id = police_request(session, secrets, MODERATOR)
    record_answer(
        session,
        secrets=secrets,
        actor=MODERATOR,
        request_id=request_id,
        answer="A report exists.",
        report_id=made.id,
    )
    moderation.close_report(session, actor=MODERATOR, report_id=made.id)
    assert erase_report(session, secrets=secrets, report_id=made.id)
    assert session.get(Report, made.id).status == "erased"


@pytest.mark.postgres
def test_tallies_add_up_on_postgresql(pg_engine, secrets, settings):
    with Session(pg_engine, expire_on_commit=False) as session:
        ids = [report(session, secrets, reporter_id=n).id for n in (1, 2)]
        for report_id in ids:
            erase_report(session, secrets=secrets, report_id=report_id)
        today = utcnow().date()
        week = today - timedelta(days=today.weekday())
        tally = session.get(ReportTally, ("reports_by_region", week, "utrecht"))
        assert tally is not None and tally.count == 2


def test_a_round_erases_a_bounded_number_and_the_next_goes_on(
    session, secrets, settings, monkeypatch
):
    from uglymugs_app.services.reports import retention

    monkeypatch.setattr(retention, "MAX_ERASED_PER_ROUND", 1)
    first, second = _declined(session, secrets), _declined(session, secrets)
    later = as_utc(session.get(Report, second).closed_at) + timedelta(days=400)
    assert _round(session, secrets, settings, later)["reports_erased"] == 1
    assert session.get(Report, first).status == "erased"  # oldest first
    assert _round(session, secrets, settings, later)["reports_erased"] == 1
    assert session.get(Report, second).status == "erased"
