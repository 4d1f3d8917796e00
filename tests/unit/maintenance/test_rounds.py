"""A maintenance round on a real SQLite database: what goes, what stays."""

from datetime import timedelta

import pytest
from sqlmodel import select

from tests.fixtures.reports import publish, report
from tests.fixtures.server_lookup import check_identifier
from tests.unit.maintenance.helpers import MEMBER, checked, outbox_entry
from uglymugs_app.models import (
    AuditEvent,
    CheckAttempt,
    LoginThrottle,
    MemberSession,
    Warning,
    WarningIdentifier,
)
from uglymugs_app.models.common import utcnow
from uglymugs_app.models.push import OutboxStatus, PushOutbox
from uglymugs_app.services.errors import CheckRateLimited, InvalidInput
from uglymugs_app.services.maintenance import housekeeping as maintenance
from uglymugs_app.services.maintenance.housekeeping import MaintenanceIncomplete, run_maintenance
from uglymugs_app.services.members.accounts import create_account
from uglymugs_app.services.security.one_time_codes import find_code, issue_code, redeem_code
from uglymugs_app.services.security.sessions import open_session, resolve
from uglymugs_app.services.security.throttle import LoginThrottled, ensure_allowed, record_failure
from uglymugs_app.services.warnings.check import checks_left, checks_per_day
from uglymugs_app.services.warnings.lifecycle import list_feed


def test_an_expired_warning_leaves_the_feed_and_loses_its_indexes(session, secrets, settings):
    now = utcnow()
    lifetime = timedelta(days=settings.warning_lifetime_days)
    expired = publish(
        session,
        secrets,
        settings,
        report(session, secrets).id,
        now=now - lifetime - timedelta(minutes=1),
    )
    # Expires a minute after the round: still a member's warning.
    last_minute = publish(
        session,
        secrets,
        settings,
        report(session, secrets).id,
        now=now - lifetime + timedelta(minutes=1),
    )

    counts = run_maintenance(session, settings=settings, now=now)

    assert counts["warnings_expired"] == 1
    assert [w.id for w in list_feed(session, regions=None, now=now)] == [last_minute.id]
    assert session.get(Warning, expired.id).status == "expired"
    assert (
        session.exec(
            select(WarningIdentifier).where(WarningIdentifier.warning_id == expired.id)
        ).all()
        == []
    )
    assert (
        session.exec(
            select(WarningIdentifier).where(WarningIdentifier.warning_id == last_minute.id)
        ).all()
        != []
    )
    found = check_identifier(
        session, secrets=secrets, settings=settings, member_id=MEMBER, raw="06-12345678", now=now
    )
    assert [w.id for w in found.matches] == [last_minute.id]
    # A second round finds nothing more to do and audits nothing twice.
    assert set(run_maintenance(session, settings=settings, now=now).values()) == {0}
    audits = session.exec(select(AuditEvent).where(AuditEvent.action == "warning.expire")).all()
    assert [event.subject_id for event in audits] == [expired.id]


def test_old_check_times_go_and_the_rate_limit_still_refuses(session, secrets, settings):
    # settings: 3 checks an hour, 5 a day.
    now = utcnow()
    for hours in (50, 49, 48):
        checked(session, secrets, settings, at=now - timedelta(hours=hours))
    for minutes in (20 * 60, 20 * 60 - 5, 10, 8, 6):
        checked(session, secrets, settings, at=now - timedelta(minutes=minutes))

    assert run_maintenance(session, settings=settings, now=now)["check_attempts_rolled_up"] == 3

    assert len(session.exec(select(CheckAttempt)).all()) == 5
    assert checks_left(session, settings=settings, member_id=MEMBER, now=now) == 0
    with pytest.raises(CheckRateLimited) as refused:
        checked(session, secrets, settings, at=now)
    assert refused.value.key == "check.limit.day"
    # The statistics still count every check done: three rolled up, five not yet.
    per_day = checks_per_day(session, start=(now - timedelta(days=3)).date(), end=now.date())
    assert sum(per_day.values()) == 8
    assert per_day[(now - timedelta(hours=49)).date()] >= 1


def test_finished_outbox_entries_past_retention_go_unfinished_ones_stay(session, settings):
    now = utcnow()
    old = now - timedelta(days=settings.push_outbox_retention_days, minutes=1)
    recent = now - timedelta(days=settings.push_outbox_retention_days - 1)
    for number, status in enumerate(OutboxStatus.FINAL):
        outbox_entry(session, number, status=status, finished_at=old)
    staying = {
        outbox_entry(session, 10, status=OutboxStatus.DELIVERED, finished_at=recent),
        outbox_entry(session, 11, status=OutboxStatus.PENDING),
        outbox_entry(session, 12, status=OutboxStatus.SENDING),
    }
    # Waiting for a retry since long ago is still unfinished.
    retrying = session.get(PushOutbox, outbox_entry(session, 13, status=OutboxStatus.PENDING))
    retrying.created_at = old
    session.add(retrying)
    session.commit()
    staying.add(retrying.id)

    counts = run_maintenance(session, settings=settings, now=now)

    assert counts["outbox_entries_deleted"] == len(OutboxStatus.FINAL)
    assert set(session.exec(select(PushOutbox.id)).all()) == staying


def test_idle_sessions_go_active_ones_stay(session, settings):
    now = utcnow()
    idle = timedelta(minutes=settings.session_idle_minutes)
    member = create_account(
        session, working_name="Roxy", password="a long enough passphrase", role="member"
    )
    open_session(session, member_id=member.id, now=now - idle - timedelta(minutes=1))
    kept = open_session(session, member_id=member.id, now=now - idle + timedelta(minutes=5))

    assert run_maintenance(session, settings=settings, now=now)["idle_sessions_deleted"] == 1

    assert len(session.exec(select(MemberSession)).all()) == 1
    actor = resolve(session, token=kept, idle_minutes=settings.session_idle_minutes, now=now)
    assert actor is not None and actor.member_id == member.id


def test_stale_login_counts_go_but_a_running_delay_stays(session, settings):
    now = utcnow()
    settings.login_max_delay_seconds = 3 * 24 * 3600
    stale, blocked, fresh = ["account:stale"], ["account:blocked"], ["address:fresh"]
    record_failure(session, keys=stale, settings=settings, now=now - timedelta(days=2))
    # Enough failures two days ago for a delay that has not run out yet.
    for _ in range(settings.login_free_failures_per_account + 19):
        record_failure(session, keys=blocked, settings=settings, now=now - timedelta(days=2))
    record_failure(session, keys=fresh, settings=settings, now=now - timedelta(hours=1))

    assert run_maintenance(session, settings=settings, now=now)["login_throttles_deleted"] == 1

    assert {row.key for row in session.exec(select(LoginThrottle))} == {
        "account:blocked",
        "address:fresh",
    }
    with pytest.raises(LoginThrottled):
        ensure_allowed(session, keys=blocked, now=now)


def test_spent_codes_go_after_a_month_live_ones_stay(session, secrets, settings):
    now = utcnow()
    month = timedelta(days=31)

    def issue(purpose, lifetime, at):
        return issue_code(session, secrets=secrets, purpose=purpose, lifetime=lifetime, now=at)

    def redeem(code, at):
        redeem_code(session, secrets=secrets, purpose="reset", code=code, now=at)

    used_long_ago = issue("reset", timedelta(hours=24), now - month - timedelta(hours=1))
    redeem(used_long_ago, now - month)
    expired_long_ago = issue("invite", timedelta(days=14), now - month - timedelta(days=14))
    used_yesterday = issue("reset", timedelta(hours=24), now - timedelta(days=1, hours=1))
    redeem(used_yesterday, now - timedelta(days=1))
    live_invite = issue("invite", timedelta(days=14), now)
    recovery = issue("recovery", None, now - 12 * month)
    session.commit()

    assert run_maintenance(session, settings=settings, now=now)["spent_codes_deleted"] == 2

    def refusal(purpose, code):
        with pytest.raises(InvalidInput) as refused:
            find_code(session, secrets=secrets, purpose=purpose, code=code, now=now)
        return refused.value.key

    assert refusal("reset", used_long_ago) == "code.wrong"
    assert refusal("invite", expired_long_ago) == "code.wrong"
    assert refusal("reset", used_yesterday) == "code.used"
    assert find_code(session, secrets=secrets, purpose="invite", code=live_invite, now=now)
    assert find_code(session, secrets=secrets, purpose="recovery", code=recovery, now=now)


def test_a_failing_job_is_logged_by_type_and_the_others_still_run(
    session, secrets, settings, monkeypatch, caplog
):
    now = utcnow()
    checked(session, secrets, settings, at=now - timedelta(days=2))

    def broken(_session, **_kwargs):
        raise RuntimeError("row text 06-87654321")

    monkeypatch.setattr(maintenance, "prune_login_throttle", broken)
    with (
        caplog.at_level("INFO", logger="uglymugs.maintenance"),
        pytest.raises(MaintenanceIncomplete) as incomplete,
    ):
        run_maintenance(session, settings=settings, now=now)

    assert incomplete.value.failed == ["login_throttles_deleted"]
    assert incomplete.value.counts["check_attempts_rolled_up"] == 1
    assert incomplete.value.counts["spent_codes_deleted"] == 0  # ran after the failure
    assert "RuntimeError" in caplog.text
    assert "06-87654321" not in caplog.text
