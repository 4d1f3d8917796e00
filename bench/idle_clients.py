"""Idle members: backend memory per connected, signed-in, idle member.

Opens signed-in tabs (socket.io connections speaking Reflex's event protocol,
a session token in each tab's storage) in steps (default 0/250/500/1000) on
the member's start page, lets them sit idle, and after each step sums the
memory of the server's process tree with psutil: USS (memory unique to each
process, so pages the forked workers share are not counted once per worker)
and RSS for comparison. The slope of a least-squares line through the steps
is the cost of one more idle member. Redis holds the states: its
``used_memory`` is shown too (instance-wide, so other users of that Redis
show up in it).

    .venv/bin/python -m bench.idle_clients [--steps 0,250,500,1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import gc

import redis

from bench.support.production import (
    add_server_arguments,
    load_average,
    raise_open_files,
    seed_members,
    server_processes,
    signed_in_storage,
    spread,
    target,
)
from bench.support.reflex_async import AsyncReflexClient, changed, gather_bounded
from uglymugs_app.routes import HOME
from uglymugs_app.state.auth import AuthState

KB, MB = 1024, 1024 * 1024


def memory(pid: int | None) -> tuple[float, float]:
    """(sum of USS, sum of RSS) in bytes over the server's process tree."""
    uss = rss = 0.0
    for process in server_processes(pid):
        info = process.memory_full_info()
        uss, rss = uss + info.uss, rss + info.rss
    return uss, rss


def slope(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope of ys over xs."""
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread_x = sum((x - mean_x) ** 2 for x in xs)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread_x


async def open_tab(url: str, token: str) -> AsyncReflexClient | None:
    tab = AsyncReflexClient(url, path=HOME, storage=signed_in_storage(token), timeout=60)
    try:
        await tab.connect()
        await tab.expect(lambda u: changed(u, AuthState.get_full_name()).get("signed_in"))
    except Exception:  # noqa: BLE001  (counted by the caller)
        await tab.close()
        return None
    tab.forget()  # an idle tab keeps nothing of what it was sent
    return tab


async def warm_up(url: str, tokens: list[str]) -> None:
    """Tabs opened and closed first, so one-time costs (imports, pools, caches, and
    copy-on-write of the pages gunicorn's preloaded workers share, ~45 MB a worker
    with the first few hundred connections) are not counted per member. Memory they
    free is reused by the next tabs: the last step alone shows the cost beyond it."""
    opened = await gather_bounded([open_tab(url, token) for token in tokens], 50)
    await asyncio.gather(*(tab.close() for tab in opened if tab is not None))


async def one_run(args, served, tokens: list[str], store: redis.Redis, number: int) -> dict:
    steps = sorted({int(step) for step in args.steps.split(",")})
    await warm_up(served.url, tokens[: args.warmup])
    tabs: list[AsyncReflexClient] = []
    xs, uss_at, rss_at, redis_at, failed = [], [], [], [], 0
    load_before = load_average()
    for step in steps:
        wanted = tokens[len(tabs) : step]
        opened = await gather_bounded([open_tab(served.url, t) for t in wanted], 50)
        failed += sum(tab is None for tab in opened)
        tabs += [tab for tab in opened if tab is not None]
        gc.collect()
        await asyncio.sleep(args.settle)  # idle: heartbeats only
        uss, rss = memory(served.pid)
        used = store.info("memory")["used_memory"]
        xs.append(len(tabs))
        uss_at.append(uss)
        rss_at.append(rss)
        redis_at.append(used)
        print(
            f"  run {number}: {len(tabs):5d} idle members  server USS {uss / MB:7.1f} MB  "
            f"RSS {rss / MB:7.1f} MB  redis used_memory {used / MB:6.1f} MB",
            flush=True,
        )
    await asyncio.gather(*(tab.close() for tab in tabs))
    figures = {
        "uss_kb": slope(xs, uss_at) / KB,
        "rss_kb": slope(xs, rss_at) / KB,
        "redis_kb": slope(xs, redis_at) / KB,
        "uss_total": uss_at[-1] / MB,
        "uss_base": uss_at[0] / MB,
        "failed": failed,
        # The last step alone: past the first connections' one-time costs.
        "last_kb": (uss_at[-1] - uss_at[-2]) / max(xs[-1] - xs[-2], 1) / KB if len(xs) > 1 else 0.0,
    }
    print(
        f"run {number}: per idle member: USS {figures['uss_kb']:.1f} KB "
        f"(last step alone {figures['last_kb']:.1f} KB)  "
        f"RSS {figures['rss_kb']:.1f} KB  redis {figures['redis_kb']:.1f} KB  "
        f"(USS {figures['uss_base']:.0f} MB at {xs[0]} -> {figures['uss_total']:.0f} MB at "
        f"{xs[-1]})  failed connections {failed}  load {load_before} -> {load_average()}",
        flush=True,
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", default="0,250,500,1000", help="connections at each step")
    parser.add_argument("--warmup", type=int, default=300, help="tabs opened and closed first")
    parser.add_argument("--settle", type=float, default=10.0, help="idle seconds before measuring")
    add_server_arguments(parser)
    args = parser.parse_args()
    most = max(int(step) for step in args.steps.split(","))
    if not (1 <= most <= 5000 and 1 <= args.runs <= 20 and 0 <= args.settle <= 300):
        raise SystemExit("steps up to 5000 connections, runs 1..20, settle 0..300 s")
    # Each connection is a descriptor here and one in the server (started from here,
    # so it inherits the raised limit).
    limit = raise_open_files(most * 2 + 1024)
    print(
        f"idle members: steps {args.steps}, {args.runs} runs, memory = sum of USS over the "
        f"server's process tree (psutil); open files limit {limit}",
        flush=True,
    )
    if args.url:
        raise SystemExit("idle_clients measures a server it starts (it needs the process tree)")
    runs = []
    for number in range(1, args.runs + 1):
        # A fresh server each run: a server that already held (and freed) the
        # last run's connections would hand their memory to the next ones.
        with target(args, {}) as served:
            print(f"server: prod, PostgreSQL + Redis, {args.workers} workers", flush=True)
            tokens = [token for _, token in seed_members(served.engine, most)]
            store = redis.Redis.from_url(args.redis_url)
            runs.append(asyncio.run(one_run(args, served, tokens, store, number)))
            served.engine.dispose()

    def over(key: str, unit: str, digits: int = 1) -> str:
        return spread([run[key] for run in runs], unit, digits)

    print(
        f"MEDIAN over {len(runs)} runs [min–max]: per idle member USS {over('uss_kb', ' KB')}"
        f"  (last step alone {over('last_kb', ' KB')})"
        f"  RSS {over('rss_kb', ' KB')}  redis {over('redis_kb', ' KB')}  server USS with "
        f"{most} members {over('uss_total', ' MB')}  failed {over('failed', '', 0)}"
    )


if __name__ == "__main__":
    main()
