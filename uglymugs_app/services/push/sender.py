"""The push sender: claims outbox entries and delivers them to push services.

One asyncio task per process. It posts through a ``PushTransport`` (by
default aiohttp, keep-alive connections per push service) with at most
``push_concurrency`` requests in flight; database work runs in a thread
so the event loop (shared with the app) never blocks on it. Logs hold counts
and status codes only: never an endpoint, key or payload.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import socket
from collections import Counter, deque
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

from sqlalchemy.engine import Engine
from sqlmodel import Session

from uglymugs_app.models.common import utcnow
from uglymugs_app.models.push import Channel
from uglymugs_app.services.push.channels import ChannelSender, open_channels
from uglymugs_app.services.push.encryption import VapidSigner
from uglymugs_app.services.push.held import release_held
from uglymugs_app.services.push.outbox import ClaimedEntry, claim_batch
from uglymugs_app.services.push.prepare import open_and_encrypt, prepare_chunk
from uglymugs_app.services.push.results import DeliveryResult, Outcome, record_results
from uglymugs_app.services.push.retry import classify
from uglymugs_app.services.push.transport import (
    AiohttpTransport,
    OpenTransport,
    PushTransport,
    TransportError,
)
from uglymugs_app.services.security.instance_secrets import InstanceSecrets
from uglymugs_app.settings import Settings

log = logging.getLogger("uglymugs.push")

IDLE_POLL_SECONDS = 1.0
FLUSH_EVERY_SECONDS = 0.2
STOP_GRACE_SECONDS = 5.0
# Entries encrypted together (one round trip to an encryption process).
ENCRYPT_CHUNK = 64
# Chunks handed to encryption before the one being sent is done: the
# encryption process never waits for the event loop to ask for more.
PREPARE_AHEAD = 3
_wakers: set[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = set()
OpenChannels = Callable[..., dict[str, ChannelSender]]
# A chunk of claimed entries being encrypted, and the future of its messages.
Preparation = tuple[
    dict[int, ClaimedEntry], "asyncio.Future[list[tuple[ClaimedEntry, str, bytes]]]"
]


def wake_push_senders() -> None:
    """Tell this process's senders that new entries are due (call after commit).

    Without it a sender still finds them, within ``IDLE_POLL_SECONDS``.
    """
    for loop, event in list(_wakers):
        with contextlib.suppress(RuntimeError):  # loop already closed
            loop.call_soon_threadsafe(event.set)


class PushSender:
    """Delivers due outbox entries until told to stop."""

    def __init__(
        self,
        *,
        engine: Engine,
        secrets: InstanceSecrets,
        settings: Settings,
        open_transport: OpenTransport = AiohttpTransport,
        open_other_channels: OpenChannels = open_channels,
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.open_transport = open_transport
        self.open_other_channels = open_other_channels
        self._channels: dict[str, ChannelSender] = {}
        self.field_key = secrets.field_key  # all the delivery pool needs to open addresses
        self.signer = VapidSigner(
            private_pem=secrets.vapid_private_pem, subject=settings.push_vapid_subject
        )
        self.sender_id = f"{socket.gethostname()[:24]}:{os.getpid()}:{id(self):x}"
        self._results: list[DeliveryResult] = []
        self._orphaned_claims: list[ClaimedEntry] = []
        # What this sender concluded, by outcome (for logs, tests, benchmarks).
        self.outcomes: Counter[str] = Counter()
        self._wake = asyncio.Event()

    # -- database (runs in a worker thread) --------------------------------
    def _claim(self, limit: int) -> list[ClaimedEntry]:
        with Session(self.engine) as session:
            release_held(session)
            return claim_batch(
                session,
                sender_id=self.sender_id,
                limit=limit,
                lease_seconds=self.settings.push_lease_seconds,
            )

    def _record(self, results: list[DeliveryResult]) -> None:
        with Session(self.engine) as session:
            record_results(session, results=results)

    async def _flush(self) -> None:
        results, self._results = self._results, []
        if not results:
            return
        try:
            await asyncio.to_thread(self._record, results)
        except Exception as error:
            # Keep them for the next flush; if none succeeds, the leases run
            # out and the entries are sent again under the same Topic.
            log.error("recording push results failed (%s)", type(error).__name__)
            self._results[:0] = results

    # -- one delivery ------------------------------------------------------
    async def _prepare(
        self, chunk: list[ClaimedEntry], pool: ProcessPoolExecutor | None
    ) -> list[tuple[ClaimedEntry, str, bytes]]:
        sendable, settled = await prepare_chunk(chunk, field_key=self.field_key, pool=pool)
        for result in settled:
            self._keep(result)
        return sendable

    @staticmethod
    def _result(entry: ClaimedEntry, outcome: str) -> DeliveryResult:
        return DeliveryResult(entry.id, entry.token, entry.subscription_id, outcome)

    async def _post(
        self, transport: PushTransport, entry: ClaimedEntry, endpoint: str, body: bytes
    ) -> DeliveryResult:
        headers = {
            "Authorization": self.signer.authorization(endpoint),
            "Content-Encoding": "aes128gcm",
            "Content-Type": "application/octet-stream",
            "TTL": str(entry.ttl_seconds),
            "Urgency": entry.urgency,
            "Topic": entry.topic,
        }
        status: int | None = None
        retry_after: str | None = None
        try:
            answer = await transport.post(endpoint, headers=headers, body=body)
            status, retry_after = answer.status, answer.retry_after
        except TransportError:
            status = None
        return classify(
            entry, status=status, retry_after=retry_after, settings=self.settings, now=utcnow()
        )

    def _keep(self, result: DeliveryResult) -> None:
        self.outcomes[result.outcome] += 1
        self._results.append(result)

    async def _deliver_elsewhere(self, entry: ClaimedEntry) -> DeliveryResult:
        """An entry of another channel, through that channel's sender."""
        channel = self._channels.get(entry.channel)
        if channel is None:  # not set up (any more): retried, in case it is again
            return classify(
                entry, status=None, retry_after=None, settings=self.settings, now=utcnow()
            )
        return await channel.deliver(entry)

    async def _send_into_results(
        self,
        transport: PushTransport,
        entry: ClaimedEntry,
        endpoint: str,
        body: bytes,
        slots: asyncio.Semaphore,
    ) -> None:
        try:
            if entry.channel == Channel.WEBPUSH:
                result = await self._post(transport, entry, endpoint, body)
            else:
                result = await self._deliver_elsewhere(entry)
        except Exception as error:
            log.warning("push entry failed while sending (%s)", type(error).__name__)
            result = self._result(entry, Outcome.FAILED)
        finally:
            slots.release()
        self._keep(result)

    async def _claim_shielded(self) -> list[ClaimedEntry]:
        """Claim a batch; if cancelled meanwhile, still return what was claimed."""
        claiming = asyncio.ensure_future(
            asyncio.to_thread(self._claim, self.settings.push_batch_size)
        )
        try:
            return await asyncio.shield(claiming)
        except asyncio.CancelledError:
            self._orphaned_claims = await claiming
            raise

    # -- the loop ----------------------------------------------------------
    async def run(self, stop_event: asyncio.Event) -> None:
        """Deliver until ``stop_event`` is set or the task is cancelled.

        On either, it stops claiming, lets requests in flight finish for a
        few seconds and records them, and hands unsent claims back at once.
        """
        loop = asyncio.get_running_loop()
        log.info("push sender started (event loop: %s)", type(loop).__module__.split(".")[0])
        concurrency = self.settings.push_concurrency
        slots = asyncio.Semaphore(concurrency)
        inflight: set[asyncio.Task] = set()
        backlog: list[ClaimedEntry] = []
        waker = (loop, self._wake)
        _wakers.add(waker)
        next_claim = loop.time()
        flusher = asyncio.create_task(self._flush_periodically(stop_event))
        pool = (
            ProcessPoolExecutor(
                self.settings.push_encrypt_workers, mp_context=multiprocessing.get_context("spawn")
            )
            if self.settings.push_encrypt_workers > 0
            else None
        )
        if pool is not None:
            # Start the process now, not on the first warning.
            pool.submit(open_and_encrypt, b"", [])
        transport = self.open_transport(
            connections_per_service=concurrency,
            timeout=self.settings.push_request_timeout_seconds,
        )
        self._channels = self.open_other_channels(settings=self.settings, field_key=self.field_key)
        try:
            preparing: deque[Preparation] = deque()
            dispatching: dict[int, ClaimedEntry] = {}
            try:
                while not stop_event.is_set():
                    if not backlog and (self._wake.is_set() or loop.time() >= next_claim):
                        self._wake.clear()
                        backlog = await self._claim_shielded()
                        backlog.reverse()  # pop() from the end keeps due order
                        if not backlog:
                            next_claim = loop.time() + IDLE_POLL_SECONDS
                    self._prepare_ahead(preparing, backlog, pool)
                    if not preparing:
                        await self._idle(stop_event, until=next_claim - loop.time())
                        continue
                    sendable = await preparing[0][1]
                    preparing.popleft()
                    dispatching = {entry.id: entry for entry, _, _ in sendable}
                    # Keep the encryption process busy while this chunk is sent.
                    self._prepare_ahead(preparing, backlog, pool)
                    for entry, endpoint, body in sendable:
                        await slots.acquire()  # bounds the requests in flight
                        del dispatching[entry.id]
                        task = asyncio.create_task(
                            self._send_into_results(transport, entry, endpoint, body, slots)
                        )
                        inflight.add(task)
                        task.add_done_callback(inflight.discard)
            finally:
                flusher.cancel()
                # Claimed but not sent: handed back at once.
                backlog.extend(dispatching.values())
                for preparation in preparing:
                    backlog.extend(self._unprepared(preparation))
                backlog.extend(self._orphaned_claims)
                await self._stop(inflight, backlog)
        finally:
            await transport.close()
            for channel in self._channels.values():
                await channel.close()
            _wakers.discard(waker)
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)

    def _prepare_ahead(
        self,
        preparing: deque[Preparation],
        backlog: list[ClaimedEntry],
        pool: ProcessPoolExecutor | None,
    ) -> None:
        while backlog and len(preparing) < PREPARE_AHEAD:
            preparing.append(self._start_prepare(backlog, pool))

    def _start_prepare(
        self, backlog: list[ClaimedEntry], pool: ProcessPoolExecutor | None
    ) -> Preparation:
        taken = [backlog.pop() for _ in range(min(ENCRYPT_CHUNK, len(backlog)))]
        return {entry.id: entry for entry in taken}, asyncio.ensure_future(
            self._prepare(taken, pool)
        )

    @staticmethod
    def _unprepared(preparation: Preparation) -> list[ClaimedEntry]:
        """The entries of a preparation that were neither sent nor settled."""
        chunk, future = preparation
        if future.done() and not future.cancelled() and future.exception() is None:
            return [entry for entry, _, _ in future.result()]
        future.cancel()
        return list(chunk.values())

    async def _flush_periodically(self, stop_event: asyncio.Event) -> None:
        while not stop_event.is_set():
            await asyncio.sleep(FLUSH_EVERY_SECONDS)
            await self._flush()

    async def _idle(self, stop_event: asyncio.Event, *, until: float) -> None:
        if until <= 0 or self._wake.is_set():
            return
        stopping = asyncio.create_task(stop_event.wait())
        waking = asyncio.create_task(self._wake.wait())
        try:
            await asyncio.wait(
                {stopping, waking}, timeout=until, return_when=asyncio.FIRST_COMPLETED
            )
        finally:
            stopping.cancel()
            waking.cancel()

    async def _stop(self, inflight: set[asyncio.Task], backlog: list[ClaimedEntry]) -> None:
        """Finish what is in flight, record it, release the rest. Survives one cancel."""
        for entry in backlog:
            self._results.append(
                DeliveryResult(entry.id, entry.token, entry.subscription_id, Outcome.RELEASE)
            )
        backlog.clear()
        if inflight:
            _done, pending = await asyncio.wait(set(inflight), timeout=STOP_GRACE_SECONDS)
            # Unfinished requests keep their lease: after it runs out they are
            # sent again, under the same Topic, so the phone shows one notice.
            for task in pending:
                task.cancel()
        await self._flush()
        log.info("push sender stopped: %s", dict(self.outcomes))
