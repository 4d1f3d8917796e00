"""What the production benchmarks share: the server under test, members, figures.

By default a bench starts its own server (``tests/production/server.py``:
``reflex run --env prod``, PostgreSQL + Redis, 3 workers) on a scratch
database; ``--url`` targets one already running, seeded through
``--database-url`` and ``--instance-dir``.
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import statistics
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

import uglymugs_app.models  # noqa: F401  (registers the tables)
from tests.fixtures.reports import publish, report
from tests.production.server import scratch_database, serve
from tests.security.reflex_client import storage_key
from uglymugs_app.services.database import build_engine
from uglymugs_app.services.members.accounts import create_account
from uglymugs_app.services.reports.submission import IdentifierInput
from uglymugs_app.services.security import passwords
from uglymugs_app.services.security.instance_secrets import InstanceSecrets, ensure_secrets
from uglymugs_app.services.security.sessions import open_session
from uglymugs_app.settings import Settings

# Seeded members never log in: a cheap argon2 saves minutes of hashing
# (1,000 members at the real cost take ~5 min here) and changes nothing served.
passwords._context.update(argon2__memory_cost=64, argon2__rounds=1, argon2__parallelism=1)
PASSWORD = "bench-password-not-used"


@dataclass
class Target:
    url: str
    engine: object
    secrets: InstanceSecrets
    pid: int | None  # the server's process group leader, when this bench started it


def add_server_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--url", default="", help="a running server (default: start one)")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("TEST_DATABASE_URL", ""),
        help="PostgreSQL: scratch databases are made next to it; with --url, "
        "the server's own database",
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    )
    parser.add_argument("--instance-dir", default="", help="with --url: the server's secrets")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3, help="rounds against one server")
    parser.add_argument(
        "--server-dir",
        default="",
        help="serve from (and keep) this folder, e.g. to read server.log",
    )


@contextmanager
def target(args: argparse.Namespace, env: dict[str, str]) -> Iterator[Target]:
    """The server under test, started here unless ``--url`` names one."""
    if not args.database_url.startswith("postgresql"):
        raise SystemExit("--database-url (or TEST_DATABASE_URL) must be PostgreSQL")
    if args.url:
        if not args.instance_dir:
            raise SystemExit("--url needs --instance-dir (to seed with the server's keys)")
        yield _target(args.url, args.database_url, Path(args.instance_dir), None)
        return
    with (
        scratch_database(args.database_url, prefix="uglymugs_bench") as database_url,
        serve(
            database_url=database_url,
            redis_url=args.redis_url,
            workers=args.workers,
            env=env,
            folder=Path(args.server_dir) if args.server_dir else None,
        ) as server,
    ):
        yield _target(server.url, database_url, server.instance_dir, server.process.pid)


def _target(url: str, database_url: str, instance_dir: Path, pid: int | None) -> Target:
    return Target(
        url=url,
        engine=build_engine(database_url),
        secrets=ensure_secrets(instance_dir, allow_generate=False),
        pid=pid,
    )


def seed_members(engine, count: int) -> list[tuple[int, str]]:
    """``count`` verified members, each with an open session: (member id, token)."""
    batch = uuid.uuid4().hex[:6]
    signed_in = []
    with Session(engine, expire_on_commit=False) as session:
        for number in range(count):
            member = create_account(
                session,
                working_name=f"Bench {batch} {number}",
                password=PASSWORD,
                role="member",
                regions=["utrecht"],
            )
            signed_in.append((member.id, open_session(session, member_id=member.id)))
    return signed_in


def seed_warnings(
    engine, secrets: InstanceSecrets, settings: Settings, phones: list[str]
) -> dict[str, int]:
    """One published warning naming each phone number (submit_report +
    publish_warning, which writes its check-table rows); warning id by number."""
    published = {}
    with Session(engine, expire_on_commit=False) as session:
        for phone in phones:
            made = report(
                session,
                secrets,
                identifiers=[IdentifierInput("phone", phone)],
                client_id=uuid.uuid4(),
            )
            published[phone] = publish(session, secrets, settings, made.id).id
    return published


def signed_in_storage(token: str) -> dict[str, str]:
    """The browser's LocalStorage as a signed-in member's tab presents it on hydrate."""
    from uglymugs_app.state.auth import AuthState

    return {storage_key(AuthState.get_full_name(), "session_token"): token}


def raise_open_files(wanted: int) -> int:
    """Raise this process's descriptor limit towards ``wanted``; the new soft limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    new = min(max(soft, wanted), hard)
    resource.setrlimit(resource.RLIMIT_NOFILE, (new, hard))
    return new


def load_average() -> str:
    return "/".join(f"{value:.1f}" for value in os.getloadavg())


def spread(values: list[float], unit: str = "", digits: int = 1) -> str:
    """'median [min–max] unit' over the runs."""
    if not values:
        return "n/a"
    fmt = f"{{:.{digits}f}}"
    middle = fmt.format(statistics.median(values))
    return f"{middle} [{fmt.format(min(values))}–{fmt.format(max(values))}]{unit}"


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (``share`` in 0..1) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def server_processes(pid: int | None) -> list:
    """The server's process tree (psutil.Process), the leader first; empty without a pid."""
    import psutil

    if pid is None:
        return []
    leader = psutil.Process(pid)
    return [leader, *leader.children(recursive=True)]


def tree_cpu_seconds(pid: int | None) -> float:
    """User + system CPU seconds used so far by the server's processes."""
    total = 0.0
    for process in server_processes(pid):
        try:
            times = process.cpu_times()
        except Exception:  # noqa: BLE001  (a process gone meanwhile)
            continue
        total += times.user + times.system
    return total
