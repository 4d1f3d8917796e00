"""Several workers on PostgreSQL: one round at a time, and nothing done twice."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlmodel import Session, func, select

from tests.fixtures.reports import publish, report
from tests.unit.maintenance.helpers import checked
from uglymugs_app.models import AuditEvent, CheckAttempt, WarningIdentifier
from uglymugs_app.models.common import utcnow
from uglymugs_app.services.maintenance.housekeeping import (
    ROUND_LOCK_KEY,
    maintenance_round,
    run_maintenance,
)
from uglymugs_app.services.warnings.check import checks_per_day

pytestmark = pytest.mark.postgres


def count(engine, model, *where) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(model).where(*where)).one()


def test_a_round_waits_its_turn_while_another_worker_holds_the_lock(pg_engine, secrets, settings):
    with Session(pg_engine) as session:
        checked(session, secrets, settings, at=utcnow() - timedelta(days=2))

    with pg_engine.connect() as other_worker:
        other_worker.execute(text("SELECT pg_advisory_lock(:key)"), {"key": ROUND_LOCK_KEY})
        assert maintenance_round(pg_engine, settings=settings) is None
        assert count(pg_engine, CheckAttempt) == 1
        other_worker.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ROUND_LOCK_KEY})
        other_worker.commit()

    assert maintenance_round(pg_engine, settings=settings)["check_attempts_rolled_up"] == 1
    # The round gave its lock back.
    with pg_engine.connect() as next_worker:
        assert (
            next_worker.execute(
                text("SELECT pg_try_advisory_lock(:key)"), {"key": ROUND_LOCK_KEY}
            ).scalar()
            is True
        )
        next_worker.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ROUND_LOCK_KEY})
        next_worker.commit()


def test_the_daily_check_totals_count_rolled_up_and_recent_checks(pg_engine, secrets, settings):
    now = utcnow()
    with Session(pg_engine) as session:
        for at in (now - timedelta(days=2), now - timedelta(days=2), now):
            checked(session, secrets, settings, at=at)
    assert maintenance_round(pg_engine, settings=settings)["check_attempts_rolled_up"] == 2
    with Session(pg_engine) as session:
        per_day = checks_per_day(session, start=(now - timedelta(days=2)).date(), end=now.date())
    assert per_day == {(now - timedelta(days=2)).date(): 2, now.date(): 1}


def test_rounds_at_the_same_moment_expire_and_audit_each_warning_once(pg_engine, secrets, settings):
    long_ago = utcnow() - timedelta(days=settings.warning_lifetime_days + 1)
    with Session(pg_engine) as session:
        for _ in range(12):
            publish(session, secrets, settings, report(session, secrets).id, now=long_ago)

    start = threading.Barrier(3)
    expired: list[int] = []
    failures: list[BaseException] = []

    def worker() -> None:
        # Straight to the jobs, past the lock: as if the lock were not there.
        with Session(pg_engine) as session:
            start.wait()
            try:
                expired.append(run_maintenance(session, settings=settings)["warnings_expired"])
            except BaseException as error:
                failures.append(error)

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert failures == []
    assert sum(expired) == 12
    assert count(pg_engine, AuditEvent, AuditEvent.action == "warning.expire") == 12
    assert count(pg_engine, WarningIdentifier) == 0
