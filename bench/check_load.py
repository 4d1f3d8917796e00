"""Check load: C signed-in members making private checks over real websockets.

Each member is one socket.io connection speaking Reflex's event protocol
(``bench/support/reflex_async.py``), signed in by a session token in her
tab's storage, on the check page, doing what the page's script does
(``bench/support/check_device.py``): she waits for the table and public key
the page's ``load`` hands over (``window.umCheck.setup``), then checks a
number: reads it as the server would, blinds its readings padded to 16
elements, sends them with a fresh ``seq`` and the table version, waits for
``window.umCheck.evaluated`` with that ``seq``, verifies the proof, unblinds,
looks the tags up in the table and opens the warning id. Then she thinks
(exponential, mean ``--think`` s; ``--closed`` drops the think time and
measures saturation), and again, for ``--duration`` s. Part of the numbers
were reported (``--match``): the check must find exactly that number's
seeded warning, and nothing for the rest, or it counts as an error (as does
a refusal or a proof that does not verify).

Latency is emit -> arrival of the update carrying the evaluation; blinding
before and verifying after are the browser's work and reported apart (in
Python's ``voprf``, not a phone's JavaScript: bench/private_check.py
measures that). The floor is the handler's own work called directly against
the same database in the same run: ``evaluate_check`` on 16 blinded
elements and ``reopened_if_changed``, in one session per call. The
per-member check limits are raised for the bench server (the defaults would
refuse most checks).

    .venv/bin/python -m bench.check_load [--members 200] [--duration 60] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from bench.support.check_device import (
    BlindedCheck,
    DeviceTable,
    answer_in,
    blind_check,
    finish_check,
    setup_in,
)
from bench.support.check_direct import bench_actor, floor, table_holds
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
from bench.support.reflex_async import AsyncReflexClient, Update
from uglymugs_app.pages.check.state import CheckState
from uglymugs_app.routes import CHECK
from uglymugs_app.settings import Settings

LIMIT = 1_000_000  # checks per member per hour and per day, for the bench server only
ANSWER_TIMEOUT = 10.0


@dataclass
class Round:
    latencies: list[float] = field(default_factory=list)
    found: int = 0  # of those, checks that found the number's warning
    blinding: list[float] = field(default_factory=list)  # the browser's work before sending
    verifying: list[float] = field(default_factory=list)  # and after the answer
    errors: dict[str, int] = field(default_factory=dict)

    def fail(self, why: str) -> None:
        self.errors[why] = self.errors.get(why, 0) + 1


def numbers(count: int, first_digit: str) -> list[str]:
    """Distinct valid Dutch mobile numbers (06-<digit>xxxxxxx)."""
    picked = random.sample(range(10_000_000), count)
    return [f"06-{first_digit}{n:07d}" for n in picked]


def pick(seeded: dict[str, int], match: float) -> tuple[str, set[int]]:
    """A number to check and the warning ids the check must find for it."""
    if random.random() < match:
        number = random.choice(list(seeded))
        return number, {seeded[number]}
    return numbers(1, "3")[0], set()  # never reported: those are 06-2...


@dataclass
class Start:
    """Connecting is not measured: everyone starts once every tab has its table."""

    gate: asyncio.Semaphore  # connections opened at once
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    settled: int = 0  # tabs with a table or failed
    deadline: float = 0.0


async def member(
    url: str, token: str, seeded: dict[str, int], args, start: Start, result: Round
) -> None:
    tab = AsyncReflexClient(
        url, path=CHECK, storage=signed_in_storage(token), timeout=ANSWER_TIMEOUT
    )
    try:
        async with start.gate:
            await tab.connect()
            _, update = await tab.expect(lambda update: setup_in(update) is not None)
        table = DeviceTable.from_setup(setup_in(update) or {})
    except Exception as error:  # noqa: BLE001  (counted, not raised)
        result.fail(f"connect: {type(error).__name__}")
        await tab.close()
        return
    finally:
        start.settled += 1
    await start.ready.wait()
    think = (lambda: 0.0) if args.closed else (lambda: random.expovariate(1 / args.think))
    await asyncio.sleep(think())  # members do not all start in step
    while time.perf_counter() < start.deadline and tab.connected:
        number, expected = pick(seeded, args.match)
        began = time.perf_counter()
        check = blind_check(number, country=table.country)
        result.blinding.append(time.perf_counter() - began)
        seq = uuid.uuid4().hex
        tab.forget()
        sent = time.perf_counter()
        await tab.send(
            f"{CheckState.get_full_name()}.check", {"form_data": _form(check, seq, table)}
        )
        try:
            arrived, update = await tab.expect(_answered(seq))
        except TimeoutError:
            result.fail("no answer in time")
            if not await _drained(tab, seq):
                result.fail("gave up: answer lost")
                break
            continue
        table = settle(answer_in(update, seq), check, table, expected, result, arrived - sent)
        await asyncio.sleep(think())
    if not tab.connected:
        result.fail("disconnected")
    await tab.close()


def settle(
    call: tuple[str, dict] | None,
    check: BlindedCheck,
    table: DeviceTable,
    expected: set[int],
    result: Round,
    latency: float,
) -> DeviceTable:
    """Finish one check as the page does and count it; the table the page holds after."""
    method, answer = call or ("", {})
    if method == "refused":
        result.fail(f"refused: {str(answer.get('message'))[:40]}")
        return table
    if answer.get("setup"):  # the table changed since the page opened: the new one came
        table = DeviceTable.from_setup(answer["setup"])
    began = time.perf_counter()
    try:
        found = finish_check(check, answer, table)
    except ValueError as error:
        result.fail(f"failed: {error}")
        return table
    result.verifying.append(time.perf_counter() - began)
    if found != expected:
        result.fail("wrong answer")
        return table
    result.latencies.append(latency)
    result.found += bool(found)
    return table


def _form(check: BlindedCheck, seq: str, table: DeviceTable) -> dict[str, str]:
    """The check form as the page submits it (the input she typed has no name)."""
    return {"blinded": json.dumps(check.blinded), "seq": seq, "table": table.version}


def _answered(seq: str) -> Callable[[Update], bool]:
    return lambda update: answer_in(update, seq) is not None


async def _drained(tab: AsyncReflexClient, seq: str) -> bool:
    """After a timeout, wait out the late answer so the tab is free again."""
    try:
        await tab.expect(_answered(seq), timeout=60)
    except TimeoutError:
        return False
    return True


async def crowd(url: str, tokens: list[str], seeded: dict[str, int], args) -> Round:
    """Connect everyone, then let them check for the duration."""
    result, start = Round(), Start(gate=asyncio.Semaphore(50))
    tasks = [
        asyncio.ensure_future(member(url, token, seeded, args, start, result)) for token in tokens
    ]
    give_up = time.monotonic() + 120
    while start.settled < len(tokens) and time.monotonic() < give_up:
        await asyncio.sleep(0.1)
    started = time.perf_counter()
    start.deadline = started + args.duration
    start.ready.set()
    await asyncio.wait(tasks, timeout=args.duration + ANSWER_TIMEOUT + 30)
    return result


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
        seeded = seed_warnings(served.engine, served.secrets, settings, reported)
        tokens = [token for _, token in seed_members(served.engine, args.members)]
        floor_actor = bench_actor(seed_members(served.engine, 1)[0][0])
        table = table_holds(served.engine, served.secrets, settings, floor_actor, seeded)
        print(
            f"check table: {sum(map(len, table.by_tag.values()))} rows, finds each of the "
            f"{len(seeded)} seeded warnings by its number",
            flush=True,
        )
        runs = [
            one_run(args, served, settings, tokens, seeded, (floor_actor, table), number)
            for number in range(1, args.runs + 1)
        ]
        served.engine.dispose()
    summary(runs)


def one_run(args, served, settings, tokens, seeded, floor_with, number) -> dict:
    load_before = load_average()
    server_cpu, client_cpu = tree_cpu_seconds(served.pid), time.process_time()
    result = asyncio.run(crowd(served.url, tokens, seeded, args))
    server_cpu = tree_cpu_seconds(served.pid) - server_cpu
    client_cpu = time.process_time() - client_cpu
    checks = max(1, len(result.latencies))
    lat = result.latencies or [float("nan")]
    checked = [pick(seeded, args.match)[0] for _ in range(args.floor_calls)]
    base = floor(served.engine, served.secrets, settings, *floor_with, checked)
    figures = {
        "p50": ms(percentile(lat, 0.50)),
        "p95": ms(percentile(lat, 0.95)),
        # Over the run's length: members still thinking at the end do not stretch it.
        "p99": ms(percentile(lat, 0.99)),
        "throughput": len(result.latencies) / args.duration,
        "errors": sum(result.errors.values()),
        "floor_p50": ms(statistics.median(base)),
        "floor_p99": ms(percentile(base, 0.99)),
        "blind_p50": ms(statistics.median(result.blinding or [float("nan")])),
        "verify_p50": ms(statistics.median(result.verifying or [float("nan")])),
    }
    figures["ratio_p50"] = figures["p50"] / figures["floor_p50"]
    figures["ratio_p99"] = figures["p99"] / figures["floor_p99"]
    print(
        f"run {number}: checks {len(result.latencies)} ({result.found} found)  "
        f"p50 {figures['p50']:.1f} ms  "
        f"p95 {figures['p95']:.1f} ms  p99 {figures['p99']:.1f} ms  "
        f"throughput {figures['throughput']:.1f}/s  errors {figures['errors']} "
        f"{result.errors or ''}  floor p50 {figures['floor_p50']:.1f} ms "
        f"p99 {figures['floor_p99']:.1f} ms  overhead x{figures['ratio_p50']:.1f} (p50) "
        f"x{figures['ratio_p99']:.1f} (p99)  load {load_before} -> {load_average()}  "
        f"cpu per check: server {ms(server_cpu / checks):.1f} ms, "
        f"bench client {ms(client_cpu / checks):.1f} ms  client p50 (not in the latency): "
        f"blind {figures['blind_p50']:.2f} ms, verify+open {figures['verify_p50']:.2f} ms",
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
        f"overhead p50 x{over('ratio_p50')}  p99 x{over('ratio_p99')}  "
        f"client blind {over('blind_p50', ' ms', 2)}  verify+open {over('verify_p50', ' ms', 2)}"
    )


if __name__ == "__main__":
    main()
