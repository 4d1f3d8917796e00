"""Item 8: limits hold when the same request arrives many times at once.

Each test releases its threads together through a ``threading.Barrier``, on
SQLite and on PostgreSQL, each thread with its own session, as the workers of
a busy server would be.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable

import pyotp
from sqlmodel import Session

from tests.fixtures.installation import make_secrets
from tests.fixtures.server_lookup import check_identifier
from uglymugs_app.services.errors import ServiceError
from uglymugs_app.services.members.accounts import create_account
from uglymugs_app.services.members.login import log_in
from uglymugs_app.services.warnings.check import checks_left
from uglymugs_app.settings import Settings

PASSWORD = "correct horse battery"
THREADS = 8


def at_once(engine, work: Callable[[Session], object]) -> Counter:
    """Run ``work`` in THREADS threads released together; count the outcomes
    (``"ok"`` or the error key)."""
    barrier = threading.Barrier(THREADS)
    outcomes: Counter = Counter()
    lock = threading.Lock()

    def run() -> None:
        with Session(engine, expire_on_commit=False) as session:
            barrier.wait()
            try:
                work(session)
                outcome = "ok"
            except ServiceError as error:
                outcome = error.key
        with lock:
            outcomes[outcome] += 1

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sum(outcomes.values()) == THREADS, outcomes
    return outcomes


def settings_for(tmp_path, **values) -> Settings:
    return Settings(data_dir=tmp_path, instance_dir=tmp_path / "instance", **values)


def test_8_parallel_wrong_passwords_stay_within_the_limit(both_engines, tmp_path):
    settings = settings_for(tmp_path, login_free_failures_per_account=3)
    secrets = make_secrets()
    with Session(both_engines) as session:
        create_account(session, working_name="Roxy", password=PASSWORD, role="member")

    outcomes = at_once(
        both_engines,
        lambda session: log_in(
            session,
            secrets=secrets,
            settings=settings,
            working_name="Roxy",
            password="a wrong guess",
            address="10.1.1.1",
        ),
    )

    # The free tries, plus the one whose count set the first wait: no more
    # guesses were verified, the rest waited.
    assert outcomes["auth.login.failed"] <= settings.login_free_failures_per_account + 1
    assert outcomes["auth.login.throttled"] >= THREADS - 4


def test_8_parallel_checks_stay_within_the_limit(both_engines, tmp_path):
    settings = settings_for(tmp_path, check_limit_per_hour=3, check_limit_per_day=50)
    secrets = make_secrets()

    outcomes = at_once(
        both_engines,
        lambda session: check_identifier(
            session, secrets=secrets, settings=settings, member_id=5, raw="0612345678", kind="phone"
        ),
    )

    assert outcomes["ok"] <= settings.check_limit_per_hour
    assert outcomes["check.limit.hour"] >= THREADS - settings.check_limit_per_hour
    assert set(outcomes) <= {"ok", "check.limit.hour"}
    # Refused checks are not kept: only the checks she really did count.
    with Session(both_engines) as session:
        assert (
            checks_left(session, settings=settings, member_id=5)
            == settings.check_limit_per_hour - outcomes["ok"]
        )


def test_8_one_totp_code_opens_one_login(both_engines, tmp_path):
    settings = settings_for(
        tmp_path, login_free_failures_per_account=20, login_free_failures_per_address=20
    )
    secrets = make_secrets()
    secret = pyotp.random_base32()
    with Session(both_engines) as session:
        create_account(
            session,
            working_name="Mod Anna",
            password=PASSWORD,
            role="moderator",
            totp_secret=secret,
            secrets=secrets,
        )
    code = pyotp.TOTP(secret).now()

    outcomes = at_once(
        both_engines,
        lambda session: log_in(
            session,
            secrets=secrets,
            settings=settings,
            working_name="Mod Anna",
            password=PASSWORD,
            totp=code,
        ),
    )

    assert outcomes["ok"] == 1
    assert outcomes["auth.totp.wrong"] == THREADS - 1
