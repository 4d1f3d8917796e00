"""The push sender: claims outbox entries and delivers them to push services.

One asyncio task per process. It keeps a pool of HTTP connections and at
most ``push_concurrency`` requests in flight; database work runs in a thread
so the event loop (shared with the app) never blocks on it. Logs hold counts
and status codes only: never an endpoint, key or payload.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import socket
from collections import Counter

import aiohttp
from sqlalchemy.engine import Engine
from sqlmodel import Session

from uglymugs_app.models.common import utcnow
from uglymugs_app.services.instance_secrets import InstanceSecrets
from uglymugs_app.services.push_crypto import VapidSigner, encrypt_message
from uglymugs_app.services.push_outbox import ClaimedEntry, claim_batch
from uglymugs_app.services.push_results import DeliveryResult, Outcome, record_results
from uglymugs_app.services.push_retry import classify
from uglymugs_app.services.push_sealing import SubscriptionSealer
from uglymugs_app.settings import Settings

log = logging.getLogger("uglymugs.push")

IDLE_POLL_SECONDS = 1.0
FLUSH_EVERY_SECONDS = 0.2
STOP_GRACE_SECONDS = 5.0
_wakers: set[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = set()


def wake_push_senders() -> None:
    """Tell this process's senders that new entries are due (call after commit).

    Without it a sender still finds them, within ``IDLE_POLL_SECONDS``.
    """
    for loop, event in list(_wakers):
        with contextlib.suppress(RuntimeError):  # loop already closed
            loop.call_soon_threadsafe(event.set)


class PushSender:
    """Delivers due outbox entries until told to stop."""

    def __init__(self, *, engine: Engine, secrets: InstanceSecrets, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings
        self.sealer = SubscriptionSealer.from_secrets(secrets)
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
        if results:
            await asyncio.to_thread(self._record, results)

    # -- one delivery ------------------------------------------------------
    async def _deliver(self, http: aiohttp.ClientSession, entry: ClaimedEntry) -> DeliveryResult:
        if entry.endpoint_sealed is None or entry.p256dh_sealed is None:
            return DeliveryResult(entry.id, entry.token, entry.subscription_id, Outcome.ORPHAN)
        if entry.ttl_seconds <= 0:
            return DeliveryResult(entry.id, entry.token, entry.subscription_id, Outcome.FAILED)
        endpoint = self.sealer.open(entry.endpoint_sealed, field="endpoint")
        body = encrypt_message(
            json.dumps(entry.payload, separators=(",", ":")).encode(),
            p256dh=self.sealer.open(entry.p256dh_sealed, field="p256dh"),
            auth=self.sealer.open(entry.auth_sealed or "", field="auth"),
        )
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
            async with http.post(endpoint, data=body, headers=headers) as response:
                status = response.status
                retry_after = response.headers.get("Retry-After")
                await response.read()  # drain, so the connection returns to the pool
        except (aiohttp.ClientError, TimeoutError):
            status = None
        return classify(
            entry, status=status, retry_after=retry_after, settings=self.settings, now=utcnow()
        )

    async def _deliver_into_results(
        self, http: aiohttp.ClientSession, entry: ClaimedEntry, slots: asyncio.Semaphore
    ) -> None:
        try:
            result = await self._deliver(http, entry)
        except Exception as error:
            # Unreadable keys or a broken subscription: retrying cannot help.
            log.warning("push entry failed before sending (%s)", type(error).__name__)
            result = DeliveryResult(entry.id, entry.token, entry.subscription_id, Outcome.FAILED)
        finally:
            slots.release()
        self.outcomes[result.outcome] += 1
        self._results.append(result)

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
        concurrency = self.settings.push_concurrency
        connector = aiohttp.TCPConnector(limit=concurrency, limit_per_host=concurrency)
        timeout = aiohttp.ClientTimeout(total=self.settings.push_request_timeout_seconds)
        slots = asyncio.Semaphore(concurrency)
        inflight: set[asyncio.Task] = set()
        backlog: list[ClaimedEntry] = []
        waker = (loop, self._wake)
        _wakers.add(waker)
        next_claim = last_flush = loop.time()
        try:
            async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
                try:
                    while not stop_event.is_set():
                        if not backlog and (self._wake.is_set() or loop.time() >= next_claim):
                            self._wake.clear()
                            backlog = await self._claim_shielded()
                            backlog.reverse()  # pop() from the end keeps due order
                            if not backlog:
                                next_claim = loop.time() + IDLE_POLL_SECONDS
                        while backlog and not slots.locked():
                            await slots.acquire()
                            task = asyncio.create_task(
                                self._deliver_into_results(http, backlog.pop(), slots)
                            )
                            inflight.add(task)
                            task.add_done_callback(inflight.discard)
                        if inflight:
                            await asyncio.wait(
                                inflight,
                                timeout=FLUSH_EVERY_SECONDS,
                                return_when=asyncio.FIRST_COMPLETED,
                            )
                        elif not backlog:
                            await self._flush()
                            await self._idle(stop_event, until=next_claim - loop.time())
                        flush_due = loop.time() - last_flush >= FLUSH_EVERY_SECONDS
                        if flush_due or len(self._results) >= 1000:
                            last_flush = loop.time()
                            await self._flush()
                finally:
                    backlog.extend(self._orphaned_claims)
                    await self._stop(inflight, backlog)
        finally:
            _wakers.discard(waker)

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


async def run_sender_forever(
    stop_event: asyncio.Event,
    *,
    engine: Engine,
    secrets: InstanceSecrets,
    settings: Settings,
) -> None:
    """Run a sender until ``stop_event`` is set, restarting it after an unexpected error."""
    while not stop_event.is_set():
        try:
            await PushSender(engine=engine, secrets=secrets, settings=settings).run(stop_event)
        except asyncio.CancelledError:
            raise
        except Exception as error:
            # The type only: an exception text could quote an endpoint.
            log.error("push sender failed (%s); restarting", type(error).__name__)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop_event.wait(), timeout=5)
