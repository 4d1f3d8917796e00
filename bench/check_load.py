"""Check load: C signed-in members checking numbers over real websockets.

Each member is one socket.io connection speaking Reflex's event protocol
(``bench/reflex_async.py``), signed in by a session token in her tab's
storage, on the check page. She checks a number, waits for the answer, thinks
(exponential, mean ``--think`` s; ``--closed`` drops the think time and
measures saturation), and again, for ``--duration`` s. Part of the numbers
were reported (``--match``): the answer must say "found" for those, "none"
for the rest, or it counts as an error.

Latency is emit -> arrival of the update carrying the answer. The floor is
the same check called directly on ``check_identifier`` against the same
database, in the same run. The per-member check limits are raised for the
bench server (the defaults would refuse most checks).

    .venv/bin/python -m bench.check_load [--members 200] [--duration 60] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
from dataclasses import dataclass, field

from sqlmodel import Session

from bench.support.production import (
    add_server_arguments,
    load_average,
    percentile,
    raise_open_files,
    seed_members,
    seed_warnings,
    signed_in_storage,
    spread,
    target,
    tree_cpu_seconds,
)
from bench.support.reflex_async import AsyncReflexClient, changed
from uglymugs_app.pages.check.state import CheckState
from uglymugs_app.routes import CHECK
from uglymugs_app.services.warnings.check import check_identifier
from uglymugs_app.settings import Settings
from uglymugs_app.state.auth import AuthState

LIMIT = 1_000_000  # checks per member per hour and per day, for the bench server only
ANSWER_TIMEOUT = 10.0


@dataclass
class Round:
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)

    def fail(self, why: str) -> None:
        self.errors[why] = self.errors.get(why, 0) + 1


def numbers(count: int, first_digit: str) -> list[str]:
    """Distinct valid Dutch mobile numbers (06-<digit>xxxxxxx)."""
    picked = random.sample(range(10_000_000), count)
    return [f"06-{first_digit}{n:07d}" for n in picked]


def _signed_in(update: dict) -> bool:
    return changed(update, AuthState.get_full_name()).get("signed_in") is True


def _answer(update: dict) -> bool:
    found = changed(update, CheckState.get_full_name())
    return found.get("outcome") in ("found", "none") or bool(found.get("error"))


@dataclass
class Start:
    """Connecting is not measured: everyone starts once every tab is signed in."""

    gate: asyncio.Semaphore  # connections opened at once
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    settled: int = 0  # tabs signed in or failed
    deadline: float = 0.0


async def member(
    url: str, token: str, reported: list[str], args, start: Start, result: Round
) -> None:
    tab = AsyncReflexClient(
        url, path=CHECK, storage=signed_in_storage(token), timeout=ANSWER_TIMEOUT
    )
    try:
        async with start.gate:
            await tab.connect()
            await tab.expect(_signed_in)
    except Exception as error:  # noqa: BLE001  (counted, not raised)
        result.fail(f"connect: {type(error).__name__}")
        await tab.close()
        return
    finally:
        start.settled += 1
    await start.ready.wait()
    think = (lambda: 0.0) if args.closed else (lambda: random.expovariate(1 / args.think))
    await asyncio.sleep(think())  # members do not all start in step
    check = f"{CheckState.get_full_name()}.check"
    while time.perf_counter() < start.deadline and tab.connected:
        is_reported = random.random() < args.match
        number = random.choice(reported) if is_reported else numbers(1, "3")[0]
        tab.forget()
        sent = time.perf_counter()
        await tab.send(check, {"form_data": {"q": number}})
        try:
            arrived, update = await tab.expect(_answer)
        except TimeoutError:
            result.fail("no answer in time")
            if not await _drained(tab):
                result.fail("gave up: answer lost")
                break
            continue
        answer = changed(update, CheckState.get_full_name())
        if answer.get("error"):
            result.fail(f"error shown: {answer['error'][:40]}")
        elif answer.get("outcome") != ("found" if is_reported else "none"):
            result.fail("wrong answer")
        else:
            result.latencies.append(arrived - sent)
        await asyncio.sleep(think())
    if not tab.connected:
        result.fail("disconnected")
    await tab.close()


async def _drained(tab: AsyncReflexClient) -> bool:
    """After a timeout, wait out the late answer so it is not taken for the next one."""
    try:
        await tab.expect(_answer, timeout=60)
    except TimeoutError:
        return False
    return True


async def crowd(url: str, tokens: list[str], reported: list[str], args) -> Round:
    """Connect everyone, then let them check for the duration."""
    result, start = Round(), Start(gate=asyncio.Semaphore(50))
    tasks = [
        asyncio.ensure_future(member(url, token, reported, args, start, result)) for token in tokens
    ]
    give_up = time.monotonic() + 120
    while start.settled < len(tokens) and time.monotonic() < give_up:
        await asyncio.sleep(0.1)
    started = time.perf_counter()
    start.deadline = started + args.duration
    start.ready.set()
    await asyncio.wait(tasks, timeout=args.duration + ANSWER_TIMEOUT + 30)
    return result


def floor(
    engine,
    secrets,
    settings: Settings,
    member_id: int,
    reported: list[str],
    calls: int,
    match: float,
) -> list[float]:
    """Seconds per direct ``check_identifier`` call, one session each (as the handler)."""
    timings = []
    for _ in range(calls):
        number = random.choice(reported) if random.random() < match else numbers(1, "3")[0]
        began = time.perf_counter()
        with Session(engine, expire_on_commit=False) as session:
            check_identifier(
                session, secrets=secrets, settings=settings, member_id=member_id, raw=number
            )
        timings.append(time.perf_counter() - began)
    return timings


def ms(seconds: float) -> float:
    return seconds * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds per run")
    parser.add_argument(
        "--think", type=float, default=1.0, help="mean think time between checks (s, exponential)"
    )
    parser.add_argument(
        "--closed", action="store_true", help="no think time: a closed loop measuring saturation"
    )
    parser.add_argument("--match", type=float, default=0.2, help="share of reported numbers")
    parser.add_argument("--warnings", type=int, default=50)
    parser.add_argument("--floor-calls", type=int, default=500)
    add_server_arguments(parser)
    args = parser.parse_args()
    if not (1 <= args.members <= 2000 and 1 <= args.duration <= 1800 and 1 <= args.runs <= 20):
        raise SystemExit("members 1..2000, duration 1..1800 s, runs 1..20")
    raise_open_files(args.members * 4 + 256)
    limits = {
        "UGLYMUGS_CHECK_LIMIT_PER_HOUR": str(LIMIT),
        "UGLYMUGS_CHECK_LIMIT_PER_DAY": str(LIMIT),
    }
    settings = Settings(check_limit_per_hour=LIMIT, check_limit_per_day=LIMIT)
    pace = (
        "closed loop, no think time"
        if args.closed
        else f"think time exponential, mean {args.think:g} s"
    )
    print(
        f"check load: {args.members} members, {args.duration:g} s x {args.runs} runs, {pace}, "
        f"{args.match:.0%} reported numbers; check limits raised to {LIMIT}/hour and /day "
        f"for the bench server",
        flush=True,
    )
    reported = numbers(args.warnings, "2")
    with target(args, limits) as served:
        where = args.url or f"started here: prod, PostgreSQL + Redis, {args.workers} workers"
        print(f"server: {where}", flush=True)
        seed_warnings(served.engine, served.secrets, settings, reported)
        tokens = [token for _, token in seed_members(served.engine, args.members)]
        floor_member = seed_members(served.engine, 1)[0][0]
        runs = [
            one_run(args, served, settings, tokens, reported, floor_member, number)
            for number in range(1, args.runs + 1)
        ]
        served.engine.dispose()
    summary(runs)


def one_run(args, served, settings, tokens, reported, floor_member, number) -> dict:
    load_before = load_average()
    server_cpu, client_cpu = tree_cpu_seconds(served.pid), time.process_time()
    result = asyncio.run(crowd(served.url, tokens, reported, args))
    server_cpu = tree_cpu_seconds(served.pid) - server_cpu
    client_cpu = time.process_time() - client_cpu
    checks = max(1, len(result.latencies))
    lat = result.latencies or [float("nan")]
    base = floor(
        served.engine,
        served.secrets,
        settings,
        floor_member,
        reported,
        args.floor_calls,
        args.match,
    )
    figures = {
        "p50": ms(percentile(lat, 0.50)),
        "p95": ms(percentile(lat, 0.95)),
        # Over the run's length: members still thinking at the end do not stretch it.
        "p99": ms(percentile(lat, 0.99)),
        "throughput": len(result.latencies) / args.duration,
        "errors": sum(result.errors.values()),
        "floor_p50": ms(statistics.median(base)),
        "floor_p99": ms(percentile(base, 0.99)),
    }
    figures["ratio_p50"] = figures["p50"] / figures["floor_p50"]
    figures["ratio_p99"] = figures["p99"] / figures["floor_p99"]
    print(
        f"run {number}: checks {len(result.latencies)}  p50 {figures['p50']:.1f} ms  "
        f"p95 {figures['p95']:.1f} ms  p99 {figures['p99']:.1f} ms  "
        f"throughput {figures['throughput']:.1f}/s  errors {figures['errors']} "
        f"{result.errors or ''}  floor p50 {figures['floor_p50']:.1f} ms "
        f"p99 {figures['floor_p99']:.1f} ms  overhead x{figures['ratio_p50']:.1f} (p50) "
        f"x{figures['ratio_p99']:.1f} (p99)  load {load_before} -> {load_average()}  "
        f"cpu per check: server {ms(server_cpu / checks):.1f} ms, "
        f"bench client {ms(client_cpu / checks):.1f} ms",
        flush=True,
    )
    return figures


def summary(runs: list[dict]) -> None:
    def over(key: str, unit: str = "", digits: int = 1) -> str:
        return spread([run[key] for run in runs], unit, digits)

    print(
        f"MEDIAN over {len(runs)} runs [min–max]: p50 {over('p50', ' ms')}  "
        f"p95 {over('p95', ' ms')}  p99 {over('p99', ' ms')}  "
        f"throughput {over('throughput', '/s')}  errors {over('errors', '', 0)}  "
        f"floor p50 {over('floor_p50', ' ms', 2)}  floor p99 {over('floor_p99', ' ms', 2)}  "
        f"overhead p50 x{over('ratio_p50')}  p99 x{over('ratio_p99')}"
    )


if __name__ == "__main__":
    main()
