"""Housekeeping: expire warnings, erase reports past their retention (see
``services/reports/retention.py`` and README "Retention") and delete rows
that nothing needs any more.

A round runs every job below. Each job is one idempotent DELETE, or (for
warnings) a conditional UPDATE per row, so two rounds at once — two backend
workers, or a worker and an admin's cron job — change nothing twice.

On PostgreSQL a round also takes an advisory lock and is skipped while
another process holds it: several workers then do not scan the same tables
every interval, and two overlapping DELETEs cannot deadlock. It is a
*session* lock held on a connection of its own (in autocommit), not
``pg_try_advisory_xact_lock``: the jobs commit one by one, and a transaction
lock would end with the first commit. A process that dies mid-round drops
its connection and with it the lock. SQLite has one backend worker and
serialises writers itself, so it needs no lock.

Logs carry counts only, never an identifier, a token or a member.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session

from uglymugs_app.models.common import utcnow
from uglymugs_app.services.members.expiry import expire_applications
from uglymugs_app.services.push.results import prune_outbox
from uglymugs_app.services.push.subscriptions import prune_rejected_devices
from uglymugs_app.services.reports.retention import erase_due_reports
from uglymugs_app.services.security.instance_secrets import InstanceSecrets, ensure_secrets
from uglymugs_app.services.security.one_time_codes import prune_spent_codes
from uglymugs_app.services.security.sessions import prune_idle_sessions
from uglymugs_app.services.security.throttle import prune_login_throttle
from uglymugs_app.services.warnings.check import roll_up_check_attempts
from uglymugs_app.services.warnings.lifecycle import expire_warnings
from uglymugs_app.services.warnings.objections import prune_objections
from uglymugs_app.settings import Settings

log = logging.getLogger("uglymugs.maintenance")

# pg_try_advisory_lock takes one bigint; these eight bytes spell the app's name.
ROUND_LOCK_KEY = int.from_bytes(b"uglymugs", "big")


def _jobs(
    session: Session, settings: Settings, moment: datetime, secrets: InstanceSecrets | None
) -> dict[str, Callable[[], int]]:
    """Name of the count -> the job. Expiry first: reads already hide expired
    warnings; the job removes their identifier indexes. Erasure next: it
    counts a warning's end from its expiry."""

    def erase_reports() -> int:
        keys = secrets or ensure_secrets(
            settings.instance_dir, allow_generate=not settings.is_production
        )
        return erase_due_reports(session, secrets=keys, settings=settings, now=moment)

    def prune_finished_outbox() -> int:
        retention = timedelta(days=settings.push_outbox_retention_days)
        deleted = prune_outbox(session, older_than=retention, now=moment)
        session.commit()  # prune_outbox leaves the commit to its caller
        return deleted

    def prune_devices_of_rejected() -> int:
        removed = prune_rejected_devices(session)
        session.commit()
        return removed

    return {
        "warnings_expired": lambda: expire_warnings(session, now=moment),
        "reports_erased": erase_reports,
        "objections_erased": lambda: prune_objections(session, settings=settings, now=moment),
        "check_attempts_rolled_up": lambda: roll_up_check_attempts(session, now=moment),
        "idle_sessions_deleted": lambda: prune_idle_sessions(
            session, idle_minutes=settings.session_idle_minutes, now=moment
        ),
        "outbox_entries_deleted": prune_finished_outbox,
        "rejected_devices_deleted": prune_devices_of_rejected,
        "login_throttles_deleted": lambda: prune_login_throttle(session, now=moment),
        "spent_codes_deleted": lambda: prune_spent_codes(session, now=moment),
        "applications_expired": lambda: expire_applications(session, settings=settings, now=moment),
    }


class MaintenanceIncomplete(RuntimeError):
    """Some jobs failed (logged by type); ``counts`` holds what the others did."""

    def __init__(self, counts: dict[str, int], failed: list[str]) -> None:
        super().__init__(f"maintenance jobs failed: {', '.join(failed)}")
        self.counts = counts
        self.failed = failed


def run_maintenance(
    session: Session,
    *,
    settings: Settings,
    now: datetime | None = None,
    secrets: InstanceSecrets | None = None,
) -> dict[str, int]:
    """Run every job once and return how many rows each expired or deleted.

    ``secrets`` (to open the identifiers of reports being erased) default to
    the installation's, read from ``settings.instance_dir`` when needed.

    A failing job is rolled back and logged by its error's type, and the
    others still run; ``MaintenanceIncomplete`` is raised at the end.
    """
    moment = now or utcnow()
    counts: dict[str, int] = {}
    failed: list[str] = []
    for name, job in _jobs(session, settings, moment, secrets).items():
        try:
            counts[name] = job()
        except Exception as error:
            session.rollback()
            # The type only: a database error's text can quote row values.
            log.error("maintenance job %s failed (%s)", name, type(error).__name__)
            failed.append(name)
    log.info("maintenance round: %s", counts)
    if failed:
        raise MaintenanceIncomplete(counts, failed)
    return counts


def maintenance_round(
    engine: Engine, *, settings: Settings, now: datetime | None = None
) -> dict[str, int] | None:
    """One round, unless another process is running one (PostgreSQL): then None."""
    with _round_lock(engine) as acquired:
        if not acquired:
            log.debug("maintenance round skipped: another process is running one")
            return None
        with Session(engine, expire_on_commit=False) as session:
            return run_maintenance(session, settings=settings, now=now)


@contextmanager
def _round_lock(engine: Engine) -> Iterator[bool]:
    if engine.dialect.name != "postgresql":
        yield True
        return
    with engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT")
        acquired = bool(
            connection.execute(
                text("SELECT pg_try_advisory_lock(:key)"), {"key": ROUND_LOCK_KEY}
            ).scalar()
        )
        try:
            yield acquired
        finally:
            if acquired:
                _unlock(connection)


def _unlock(connection: Connection) -> None:
    try:
        connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ROUND_LOCK_KEY})
    except Exception:
        # Never hand a connection that may still hold the lock back to the
        # pool: closing it for good releases the lock.
        connection.invalidate()
        raise
