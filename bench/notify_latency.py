"""Notification latency: a moderator's reply committed → the reporter's phone and e-mail.

    python -m bench.notify_latency                     # --events 200, SQLite in a temp folder
    python -m bench.notify_latency --database-url postgresql+psycopg://...

One PushSender runs as in a backend worker (the app's event loop, the
encryption process), with a Web Push stand-in (``bench/support/push_receiver``
answering 201 at once) and a real local SMTP server (aiosmtpd) as the
e-mail channel's server. The reporter has one push device and one e-mail
address. Each event: the moderator's reply is written through the real
service (``threads.send_moderator_message``), which queues her notification
in the same transaction; then, as the reply handler does,
``wake_push_senders`` wakes the sender. Latency runs from
the reply's commit to the push service's request arriving and to the SMTP
server accepting the e-mail's DATA. Between events the sender is idle (0.3
to 0.6 s, random), so each event starts from an idle, polling sender.
Prints p50/p99 (and max) per channel over ``--events`` events.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import socket
import statistics
import tempfile
import threading
import time
import uuid
from datetime import date
from pathlib import Path

from aiosmtpd.controller import Controller
from sqlmodel import Session, SQLModel, func, select

import uglymugs_app.models  # noqa: F401  (registers the tables)
from uglymugs_app.models.push import PushOutbox, PushSubscription
from uglymugs_app.services.actors import Actor, Role
from uglymugs_app.services.database import build_engine
from uglymugs_app.services.mail.addresses import set_address
from uglymugs_app.services.members.accounts import create_account
from uglymugs_app.services.push.device_settings import AlertPreferences
from uglymugs_app.services.push.sender import PushSender, wake_push_senders
from uglymugs_app.services.push.subscriptions import save_subscription
from uglymugs_app.services.reports.submission import ReportSubmission, submit_report
from uglymugs_app.services.reports.threads import send_moderator_message
from uglymugs_app.services.security.instance_secrets import ensure_secrets
from uglymugs_app.settings import Settings

TARGET_P99_PUSH = 2.0


class Arrivals:
    """When each notification arrived (monotonic clock), by channel."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.push: list[float] = []
        self.email: list[float] = []


class _SmtpHandler:
    def __init__(self, arrivals: Arrivals) -> None:
        self.arrivals = arrivals

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        with self.arrivals.lock:
            self.arrivals.email.append(time.monotonic())
        return "250 OK"


class _PushProtocol(asyncio.Protocol):
    """Answers every request 201 at once and notes when its body was complete."""

    def __init__(self, arrivals: Arrivals) -> None:
        self.arrivals = arrivals
        self.buffer = bytearray()
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while (end := self.buffer.find(b"\r\n\r\n")) >= 0:
            length = 0
            for line in bytes(self.buffer[:end]).split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            if len(self.buffer) < end + 4 + length:
                return
            del self.buffer[: end + 4 + length]
            with self.arrivals.lock:
                self.arrivals.push.append(time.monotonic())
            if self.transport is not None:
                self.transport.write(b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _keys() -> tuple[str, str]:
    import base64
    import os

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    point = (
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    )
    encode = base64.urlsafe_b64encode
    return encode(point).rstrip(b"=").decode(), encode(os.urandom(16)).rstrip(b"=").decode()


def _submission() -> ReportSubmission:
    return ReportSubmission(
        client_id=uuid.uuid4(),
        incident_date=date(2026, 11, 1),
        part_of_day="night",
        region="utrecht",
        place_kind="hotel",
        incident_types=["physical_violence"],
        narrative="He hit me and took the money.",
        area="",
        urgent=False,
        identifiers=[],
        appearance={},
    )


def _setup(engine, secrets, settings, push_port: int) -> tuple[int, int, Actor]:
    """A reporter with a phone and an e-mail address, her report, a moderator."""
    with Session(engine) as session:
        reporter = create_account(
            session, working_name="Reporter", password="bench password 1", role="member"
        )
        moderator = create_account(
            session, working_name="Moderator", password="bench password 2", role="moderator"
        )
        assert reporter.id is not None and moderator.id is not None
        p256dh, auth = _keys()
        save_subscription(
            session,
            secrets=secrets,
            settings=settings,
            member_id=reporter.id,
            endpoint=f"http://127.0.0.1:{push_port}/push/reporter",
            p256dh=p256dh,
            auth=auth,
            language="nl",
            regions=["utrecht"],
        )
        her = Actor(member_id=reporter.id, role=Role.MEMBER, working_name="R", language="nl")
        set_address(
            session,
            secrets=secrets,
            settings=settings,
            actor=her,
            address="reporter@example.org",
            language="nl",
            preferences=AlertPreferences(regions=["utrecht"]),
        )
        report = submit_report(
            session, secrets=secrets, submission=_submission(), reporter_id=reporter.id
        )
        session.commit()
        assert report.id is not None
        staff = Actor(member_id=moderator.id, role=Role.MODERATOR, working_name="M", language="nl")
        return reporter.id, report.id, staff


def _reply(engine, secrets, report_id: int, staff: Actor) -> float:
    """The moderator's reply, committed with her notification. Returns the commit time."""
    with Session(engine) as session:
        before = _queued(session)
        send_moderator_message(
            session, secrets=secrets, actor=staff, report_id=report_id, body="Are you safe now?"
        )
        committed = time.monotonic()
        queued = _queued(session) - before
    if queued != 2:
        raise SystemExit(f"expected 2 notifications queued (push, e-mail), got {queued}")
    wake_push_senders()
    return committed


def _queued(session: Session) -> int:
    return session.exec(select(func.count()).select_from(PushOutbox)).one()


async def _measure(args, engine, secrets, settings, arrivals: Arrivals) -> list[tuple[float, ...]]:
    loop = asyncio.get_running_loop()
    push_server = await loop.create_server(lambda: _PushProtocol(arrivals), "127.0.0.1", 0)
    push_port = push_server.sockets[0].getsockname()[1]
    _, report_id, staff = await asyncio.to_thread(_setup, engine, secrets, settings, push_port)
    sender = PushSender(engine=engine, secrets=secrets, settings=settings)
    stop = asyncio.Event()
    task = asyncio.create_task(sender.run(stop))
    samples: list[tuple[float, ...]] = []
    # Event 0 warms up (the encryption process starting, first connections) and
    # is not counted; each later event finds the sender idle.
    for number in range(args.events + 1):
        await asyncio.sleep(random.uniform(0.3, 0.6))  # noqa: S311  (idle gaps, not security)
        committed = await asyncio.to_thread(_reply, engine, secrets, report_id, staff)
        deadline = loop.time() + (120 if number == 0 else 10)
        while loop.time() < deadline:
            with arrivals.lock:
                if len(arrivals.push) > number and len(arrivals.email) > number:
                    break
            await asyncio.sleep(0.002)
        if task.done():
            task.result()  # the sender failed: show why
        with arrivals.lock:
            if len(arrivals.push) <= number or len(arrivals.email) <= number:
                raise SystemExit(
                    f"event {number}: no notification in time (arrived: push "
                    f"{len(arrivals.push)}, e-mail {len(arrivals.email)}; {dict(sender.outcomes)})"
                )
            if number > 0:  # event 0 warmed up
                pushed, mailed = arrivals.push[number], arrivals.email[number]
                samples.append((pushed - committed, mailed - committed))
    stop.set()
    await task
    push_server.close()
    return samples


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--encrypt-workers", type=int, default=1)
    args = parser.parse_args()
    if not 10 <= args.events <= 2000:
        raise SystemExit("events 10..2000")
    arrivals = Arrivals()
    smtp_port = _free_port()
    smtp = Controller(_SmtpHandler(arrivals), hostname="127.0.0.1", port=smtp_port)
    smtp.start()
    try:
        with tempfile.TemporaryDirectory(prefix="notify-bench-") as tmp:
            workdir = Path(tmp)
            settings = Settings(
                data_dir=workdir,
                instance_dir=workdir / "instance",
                public_base_url="https://app.example.org",
                push_endpoint_hosts=["127.0.0.1"],
                push_allow_http=True,
                smtp_host="127.0.0.1",
                smtp_port=smtp_port,
                smtp_tls="none",
                smtp_from="Notifications <notes@example.org>",
                push_encrypt_workers=args.encrypt_workers,
            )
            secrets = ensure_secrets(settings.instance_dir, allow_generate=True)
            url = args.database_url or f"sqlite:///{workdir / 'bench.db'}"
            engine = build_engine(url)
            SQLModel.metadata.drop_all(engine)
            SQLModel.metadata.create_all(engine)
            try:
                import uvloop

                factory = uvloop.new_event_loop
            except ImportError:
                factory = asyncio.new_event_loop
            with asyncio.Runner(loop_factory=factory) as runner:
                samples = runner.run(_measure(args, engine, secrets, settings, arrivals))
            with Session(engine) as session:
                assert session.get(PushSubscription, 1) is not None
            engine.dispose()
    finally:
        smtp.stop()
    print(f"notification latency, {len(samples)} events, database {url.split(':')[0]}")
    for index, channel in enumerate(("push", "e-mail")):
        values = [sample[index] * 1000 for sample in samples]
        print(
            f"  {channel:7} p50 {statistics.median(values):7.1f} ms   "
            f"p99 {_quantile(values, 0.99):7.1f} ms   max {max(values):7.1f} ms"
        )
    push_p99 = _quantile([sample[0] for sample in samples], 0.99)
    verdict = "met" if push_p99 <= TARGET_P99_PUSH else "NOT met"
    print(f"  target p99 <= {TARGET_P99_PUSH:.0f} s for push: {verdict}")


if __name__ == "__main__":
    main()
