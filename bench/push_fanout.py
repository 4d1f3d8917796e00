"""Fan-out benchmark: one warning to N subscriptions through the real sender.

A push service stand-in runs in another process on 127.0.0.1 and answers 201
after a delay modelling a remote push service. Each of ``--runs`` runs
publishes the warning anew (empty outbox) and times until every entry is
delivered. The same invocation times the naive way (``pywebpush.webpush()``
for each subscription in a loop) on a sample. The last line is
``fanout: <deliveries/s> naive: <deliveries/s> ratio: <x>`` (medians).

The sender runs on the event loop the app's workers run it on: uvicorn's
workers pick uvloop when it is installed (a dependency of the app), so does
this bench; ``--loop asyncio`` runs it on the standard loop for comparison.

    .venv/bin/python -m bench.push_fanout [--subscriptions 10000] [--delay 0.05] [--runs 3]
    .venv/bin/python -m bench.push_fanout --database-url postgresql+psycopg://... --senders 2
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import delete, func, text
from sqlmodel import Session, SQLModel, select

import uglymugs_app.models  # noqa: F401  (registers the tables)
from uglymugs_app.models import Member
from uglymugs_app.models.push import OutboxStatus, PushOutbox
from uglymugs_app.services.database import build_engine
from uglymugs_app.services.push.outbox import enqueue_for_warning
from uglymugs_app.services.push.sender import PushSender, wake_push_senders
from uglymugs_app.services.push.subscriptions import save_subscription
from uglymugs_app.services.security.instance_secrets import ensure_secrets
from uglymugs_app.settings import Settings

RECEIVER = "bench.support.push_receiver"


@dataclass(frozen=True)
class Run:
    """One fan-out: deliveries per second, and CPU per delivery of this process's sender."""

    rate: float
    delivered: int
    cpu_ms_per_delivery: float
    publish_seconds: float


def _device_keys() -> tuple[str, str]:
    key = ec.generate_private_key(ec.SECP256R1())
    point = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    encode = base64.urlsafe_b64encode
    return encode(point).rstrip(b"=").decode(), encode(os.urandom(16)).rstrip(b"=").decode()


def _settings(args: argparse.Namespace, workdir: Path) -> Settings:
    return Settings(
        data_dir=workdir,
        instance_dir=workdir / "instance",
        push_endpoint_hosts=["127.0.0.1"],
        push_allow_http=True,
        push_concurrency=args.concurrency,
        push_batch_size=args.batch,
        push_encrypt_workers=args.encrypt_workers,
    )


def _run(args: argparse.Namespace, coroutine):
    """Run ``coroutine`` on the loop ``--loop`` names (``app``: the workers' choice)."""
    factory = asyncio.new_event_loop
    if args.loop == "app":
        try:
            import uvloop
        except ImportError:
            pass
        else:
            factory = uvloop.new_event_loop
    with asyncio.Runner(loop_factory=factory) as runner:
        args.loop_name = type(runner.get_loop()).__module__.split(".")[0]
        return runner.run(coroutine)


def _unsettled(engine) -> int:
    with Session(engine) as session:
        return session.exec(
            select(func.count())
            .select_from(PushOutbox)
            .where(PushOutbox.status.in_([OutboxStatus.PENDING, OutboxStatus.SENDING]))
        ).one()


def _publish(engine) -> int:
    with Session(engine) as session:
        session.exec(delete(PushOutbox))  # each run starts from an empty outbox
        added = enqueue_for_warning(session, warning_id=1, severity="high", regions=["*"])
        session.commit()
    return added


# -- a sender in another process (--senders > 1, PostgreSQL) ---------------
def send(args: argparse.Namespace) -> None:
    workdir = Path(args.workdir)
    settings = _settings(args, workdir)
    engine = build_engine(args.database_url)
    secrets = ensure_secrets(settings.instance_dir, allow_generate=False)

    async def main() -> None:
        stop = asyncio.Event()
        sender = PushSender(engine=engine, secrets=secrets, settings=settings)
        task = asyncio.create_task(sender.run(stop))
        loop = asyncio.get_running_loop()
        reader = loop.run_in_executor(None, sys.stdin.read)  # the parent closes stdin: stop
        await reader
        stop.set()
        await task
        print(sender.outcomes["delivered"], flush=True)

    _run(args, main())


async def fanout(args, engine, secrets, settings) -> Run:
    helpers = [
        subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "bench.push_fanout",
                "--send",
                "--workdir",
                args.workdir,
                "--database-url",
                args.database_url,
                "--concurrency",
                str(args.concurrency),
                "--batch",
                str(args.batch),
                "--encrypt-workers",
                str(args.encrypt_workers),
                "--loop",
                args.loop,
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(args.senders - 1)
    ]
    await asyncio.sleep(2.0 if helpers else 0)  # let helper senders import and go idle
    stop = asyncio.Event()
    sender = PushSender(engine=engine, secrets=secrets, settings=settings)
    task = asyncio.create_task(sender.run(stop))
    await asyncio.sleep(0.2)
    started, cpu_started = time.perf_counter(), time.process_time()
    added = await asyncio.to_thread(_publish, engine)
    publish_seconds = time.perf_counter() - started
    wake_push_senders()
    deadline = started + 600
    # Polling the database costs the sender CPU: with one sender, wait on its
    # own count first, then confirm every entry is recorded as final.
    while not helpers and sender.outcomes["delivered"] < added:
        if time.perf_counter() > deadline or task.done():
            raise SystemExit("fan-out did not finish")
        await asyncio.sleep(0.01)
    while await asyncio.to_thread(_unsettled, engine):
        if time.perf_counter() > deadline or task.done():
            raise SystemExit("fan-out did not finish")
        await asyncio.sleep(0.02)
    elapsed = time.perf_counter() - started
    sender_cpu = time.process_time() - cpu_started
    stop.set()
    await task
    delivered = sender.outcomes["delivered"]
    cpu_ms_per_delivery = sender_cpu * 1000 / max(1, delivered)
    for helper in helpers:
        out, _ = helper.communicate("", timeout=60)
        delivered += int(out.strip() or 0)
    if delivered != added:
        raise SystemExit(f"delivered {delivered} of {added}")
    return Run(added / elapsed, delivered, cpu_ms_per_delivery, publish_seconds)


def naive(args, devices, secrets, port) -> float:
    from py_vapid import Vapid02
    from pywebpush import webpush

    key = serialization.load_pem_private_key(secrets.vapid_private_pem.encode(), None)
    vapid = Vapid02(private_key=key)
    sample = devices[: args.naive_sample]
    started = time.perf_counter()
    for name, p256dh, auth in sample:
        webpush(
            {
                "endpoint": f"http://127.0.0.1:{port}/push/{name}",
                "keys": {"p256dh": p256dh, "auth": auth},
            },
            data='{"title":"New warning: the whole country","body":"Tap to read it now."}',
            vapid_private_key=vapid,
            vapid_claims={"sub": "mailto:admin@example.org"},
            ttl=172800,
            timeout=10,
        )
    return len(sample) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscriptions", type=int, default=10_000)
    parser.add_argument("--delay", type=float, default=0.05, help="push service latency (s)")
    parser.add_argument("--naive-sample", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=512)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--encrypt-workers", type=int, default=1)
    parser.add_argument("--senders", type=int, default=1, help="> 1 needs PostgreSQL")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--workdir", default="")
    parser.add_argument(
        "--receiver", choices=("lean", "aiohttp"), default="lean", help="push service stand-in"
    )
    parser.add_argument(
        "--loop",
        choices=("app", "asyncio"),
        default="app",
        help="the sender's event loop: the app's (uvloop when installed) or asyncio's",
    )
    parser.add_argument("--runs", type=int, default=3, help="fan-outs, for their median")
    parser.add_argument("--send", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.send:
        return send(args)
    if not 1 <= args.subscriptions <= 200_000 or not 1 <= args.senders <= 8:
        raise SystemExit("subscriptions 1..200000, senders 1..8")
    if not 1 <= args.runs <= 9:
        raise SystemExit("runs 1..9")
    runs: list[Run] = []

    with tempfile.TemporaryDirectory(prefix="push-bench-") as tmp:
        args.workdir = args.workdir or tmp
        workdir = Path(args.workdir)
        args.database_url = args.database_url or f"sqlite:///{workdir / 'bench.db'}"
        if args.senders > 1 and args.database_url.startswith("sqlite"):
            raise SystemExit("several senders need PostgreSQL (--database-url)")
        settings = _settings(args, workdir)
        secrets = ensure_secrets(settings.instance_dir, allow_generate=True)
        engine = build_engine(args.database_url)
        SQLModel.metadata.drop_all(engine)
        SQLModel.metadata.create_all(engine)
        receiver = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", RECEIVER, "--delay", str(args.delay), "--kind", args.receiver],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            port = int(receiver.stdout.readline())
            devices = [(f"d{n}", *_device_keys()) for n in range(args.subscriptions)]
            with Session(engine) as session:
                # Warnings reach active verified members only: the devices' owner is one.
                session.add(
                    Member(
                        id=1,
                        working_name="bench",
                        name_key="bench",
                        password_hash="-",
                        role="member",
                        status="active",
                    )
                )
                for name, p256dh, auth in devices:
                    save_subscription(
                        session,
                        secrets=secrets,
                        settings=settings,
                        member_id=1,
                        endpoint=f"http://127.0.0.1:{port}/push/{name}",
                        p256dh=p256dh,
                        auth=auth,
                        language="en",
                        regions=["*"],
                    )
                session.commit()
            for number in range(args.runs):
                runs.append(_run(args, fanout(args, engine, secrets, settings)))
                print(f"run {number + 1}: {runs[-1].rate:,.0f} deliveries/s", flush=True)
            naive_rate = naive(args, devices, secrets, port)
        finally:
            receiver.stdin.close()
            receiver_cpu = receiver.stdout.read().strip()
            receiver.wait(10)
            if not args.database_url.startswith("sqlite"):
                SQLModel.metadata.drop_all(engine)
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            engine.dispose()
    print(
        f"subscriptions: {runs[0].delivered}  delay: {args.delay * 1000:.0f} ms  "
        f"senders: {args.senders}  database: {engine.dialect.name}  "
        f"concurrency: {args.concurrency}  encrypt workers: {args.encrypt_workers}  "
        f"loop: {args.loop_name}  receiver: {args.receiver} ({receiver_cpu} s cpu in all)  "
        f"runs: {args.runs}  naive sample: {args.naive_sample}"
    )
    _report(runs, naive_rate)


def _report(runs: list[Run], naive_rate: float) -> None:
    """Median [min-max] of each figure over the runs, and the ratio to the naive loop."""

    def spread(values: list[float], form: str) -> str:
        low, middle, high = min(values), statistics.median(values), max(values)
        return f"{middle:{form}} [{low:{form}}-{high:{form}}]"

    rates = [run.rate for run in runs]
    print(
        f"fan-out {spread(rates, ',.0f')} deliveries/s  "
        f"sender cpu {spread([run.cpu_ms_per_delivery for run in runs], '.3f')} ms/delivery "
        f"(all threads)  publishing {spread([run.publish_seconds for run in runs], '.2f')} s "
        "(outbox written, in the timed window)"
    )
    rate = statistics.median(rates)
    print(f"fanout: {rate:.0f} naive: {naive_rate:.1f} ratio: {rate / naive_rate:.0f}")


if __name__ == "__main__":
    main()
