"""The check's server side called directly, without Reflex or a websocket:
the table a member gets (checked against the seeded warnings) and the
floor a check over the websocket is compared with."""

from __future__ import annotations

import time

from sqlmodel import Session

from bench.support.check_device import DeviceTable, blind_check, finish_check
from uglymugs_app.services.actors import Actor, Role
from uglymugs_app.services.private_check.evaluation import evaluate_check
from uglymugs_app.services.private_check.opening import open_check, reopened_if_changed
from uglymugs_app.settings import Settings


def bench_actor(member_id: int) -> Actor:
    return Actor(member_id=member_id, role=Role.MEMBER, working_name="bench", language="en")


def table_holds(
    engine, secrets, settings: Settings, actor: Actor, seeded: dict[str, int]
) -> DeviceTable:
    """The table a member gets, after checking that it finds every seeded
    warning by its number (and nothing else); exits when it does not."""
    with Session(engine, expire_on_commit=False) as session:
        opened = open_check(session, actor=actor, secrets=secrets)
    table = DeviceTable.from_setup({"table": opened.table.__dict__, "country": opened.country})
    with Session(engine, expire_on_commit=False) as session:
        for number, warning_id in seeded.items():
            check = blind_check(number, country=table.country)
            answer = evaluate_check(
                session, actor=actor, secrets=secrets, settings=settings, blinded=check.blinded
            )
            if finish_check(check, answer.__dict__, table) != {warning_id}:
                raise SystemExit(f"the check table does not find the warning seeded for {number}")
        session.commit()
    return table


def floor(
    engine,
    secrets,
    settings: Settings,
    actor: Actor,
    table: DeviceTable,
    numbers: list[str],
) -> list[float]:
    """Seconds per direct call of the handler's work on a check of each number,
    one session each (as the handler); blinding is not timed (the browser's)."""
    timings = []
    for number in numbers:
        check = blind_check(number, country=table.country)
        began = time.perf_counter()
        with Session(engine, expire_on_commit=False) as session:
            evaluate_check(
                session, actor=actor, secrets=secrets, settings=settings, blinded=check.blinded
            )
            reopened_if_changed(session, actor=actor, secrets=secrets, version=table.version)
            session.commit()
        timings.append(time.perf_counter() - began)
    return timings
