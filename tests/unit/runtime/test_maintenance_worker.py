"""The periodic lifespan task and the `uglymugs maintenance` command."""

import asyncio
import time
from datetime import timedelta

import pytest
from sqlmodel import Session, func, select

from tests.fixtures.app import run_async
from tests.unit.maintenance.helpers import checked
from uglymugs_app.cli import main
from uglymugs_app.models import CheckAttempt
from uglymugs_app.models.common import utcnow
from uglymugs_app.runtime import maintenance_worker
from uglymugs_app.runtime.maintenance_worker import maintenance_lifespan, run_maintenance_forever


def attempts(engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(CheckAttempt)).one()


async def until(condition, *, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


def test_the_loop_runs_a_round_at_once_and_stops_on_cancel(engine, session, secrets, settings):
    checked(session, secrets, settings, at=utcnow() - timedelta(days=2))

    async def scenario() -> asyncio.Task:
        task = asyncio.create_task(
            run_maintenance_forever(asyncio.Event(), engine=engine, settings=settings)
        )
        await until(lambda: attempts(engine) == 0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return task

    assert run_async(scenario()).cancelled()


def test_a_failed_round_is_logged_by_type_and_the_loop_goes_on(
    engine, settings, monkeypatch, caplog
):
    rounds: list[str] = []

    def flaky_round(_engine, *, settings):
        rounds.append("round")
        if len(rounds) == 1:
            raise ConnectionError("could not reach db.internal:5432 as uglymugs")
        return {}

    monkeypatch.setattr(maintenance_worker, "maintenance_round", flaky_round)
    settings.maintenance_interval_minutes = 0.001

    async def scenario() -> None:
        stop = asyncio.Event()
        task = asyncio.create_task(run_maintenance_forever(stop, engine=engine, settings=settings))
        await until(lambda: len(rounds) >= 2)
        stop.set()
        await asyncio.wait_for(task, timeout=5)

    with caplog.at_level("ERROR", logger="uglymugs.maintenance"):
        run_async(scenario())
    assert "maintenance round failed (ConnectionError)" in caplog.text
    assert "db.internal" not in caplog.text


def test_the_lifespan_runs_rounds_and_stops_with_the_server(
    installation, engine, session, secrets, settings
):
    installation(UGLYMUGS_MAINTENANCE_INTERVAL_MINUTES="15")
    checked(session, secrets, settings, at=utcnow() - timedelta(days=2))

    async def serve() -> set[str]:
        async with maintenance_lifespan():
            await until(lambda: attempts(engine) == 0)
        # Shutdown waited for the loop: no maintenance task is left behind.
        return {task.get_name() for task in asyncio.all_tasks()}

    assert "maintenance" not in run_async(serve())


def test_interval_zero_leaves_maintenance_to_cron(installation, engine, session, secrets, settings):
    installation(UGLYMUGS_MAINTENANCE_INTERVAL_MINUTES="0")
    checked(session, secrets, settings, at=utcnow() - timedelta(days=2))

    async def serve() -> set[str]:
        async with maintenance_lifespan():
            await asyncio.sleep(0.3)
            return {task.get_name() for task in asyncio.all_tasks()}

    assert "maintenance" not in run_async(serve())
    assert attempts(engine) == 1


def test_the_command_runs_a_round_and_prints_the_counts(
    installation, engine, session, secrets, settings, capsys
):
    installation()
    checked(session, secrets, settings, at=utcnow() - timedelta(days=2))
    checked(session, secrets, settings, at=utcnow())

    main(["maintenance"])

    printed = capsys.readouterr().out.splitlines()
    assert "check_attempts_rolled_up: 1" in printed
    assert "warnings_expired: 0" in printed
    assert attempts(engine) == 1
