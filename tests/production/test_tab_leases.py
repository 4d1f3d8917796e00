"""Tab leases on Redis: a tab's state stays right across leases and workers,
and the worker forgets the locks of tabs that are gone."""

from __future__ import annotations

import asyncio
import contextlib
import secrets

import pytest
import redis.asyncio
import reflex as rx
from reflex.istate.manager.redis import StateManagerRedis

from tests.fixtures.app import run_async
from tests.production.conftest import REDIS, needs_servers
from uglymugs_app.runtime.tab_leases import forget_idle_tab_locks, sweep_forever
from uglymugs_app.state.ui import UiState

pytestmark = needs_servers

HOLD_MS = 200
LONG_HOLD_MS = 8000  # under the lock's 10 s expiry


@contextlib.asynccontextmanager
async def _workers(monkeypatch, count: int, hold_ms: int = HOLD_MS):
    """``count`` workers' state managers, leasing tabs for ``hold_ms``; closed after.

    As in a serving worker, each listens for other workers asking for a tab
    before it leases any.
    """
    monkeypatch.setenv("REFLEX_OPLOCK_ENABLED", "1")
    managers = [
        StateManagerRedis(redis=redis.asyncio.Redis.from_url(REDIS), oplock_hold_time_ms=hold_ms)
        for _ in range(count)
    ]
    try:
        for manager in managers:
            await manager._ensure_lock_task_subscribed()
        yield managers
    finally:
        for manager in managers:
            await manager.close()


def _tab() -> rx.BaseStateToken:
    return rx.BaseStateToken(ident=secrets.token_hex(8), cls=UiState)


async def _choose(manager: StateManagerRedis, tab: rx.BaseStateToken, language: str) -> None:
    async with manager.modify_state(tab) as root:
        (await root.get_state(UiState)).language = language


async def _language(manager: StateManagerRedis, tab: rx.BaseStateToken) -> str:
    async with manager.modify_state(tab) as root:
        return (await root.get_state(UiState)).language


async def _until_leases_end(manager: StateManagerRedis) -> None:
    for _ in range(100):
        if not manager._local_leases:
            return
        await asyncio.sleep(HOLD_MS / 1000)
    pytest.fail("a lease never ended")


def test_a_lease_ends_with_her_state_in_redis_and_its_lock_forgotten(monkeypatch):
    async def scenario():
        tabs = [_tab() for _ in range(20)]
        async with _workers(monkeypatch, 2) as (first, second):
            for tab in tabs:
                await _choose(first, tab, "nl")
            assert len(first._cached_states_locks) == len(tabs)
            await _until_leases_end(first)

            assert forget_idle_tab_locks(first) == len(tabs)
            assert first._cached_states_locks == {}
            # What she chose was written back: another worker reads it.
            assert [await _language(second, tab) for tab in tabs] == ["nl"] * len(tabs)
            # And the first worker serves her again, with a fresh lock.
            await _choose(first, tabs[0], "pl")
            assert await _language(first, tabs[0]) == "pl"

    run_async(scenario())


def test_another_worker_gets_her_latest_state_without_waiting_out_the_lease(monkeypatch):
    """She reloads and lands on another worker while the first still holds her tab."""

    async def scenario():
        tab = _tab()
        async with _workers(monkeypatch, 2) as (first, second):
            first.oplock_hold_time_ms = LONG_HOLD_MS
            await _choose(first, tab, "bg")
            assert first._local_leases  # the first worker holds her tab
            language = await asyncio.wait_for(_language(second, tab), timeout=LONG_HOLD_MS / 2000)
            assert language == "bg"

    run_async(scenario())


def test_a_tab_within_its_lease_keeps_its_lock(monkeypatch):
    async def scenario():
        tab = _tab()
        # Held for long enough however slow the machine.
        async with _workers(monkeypatch, 1, hold_ms=LONG_HOLD_MS) as (manager,):
            await _choose(manager, tab, "ro")
            (lock,) = manager._cached_states_locks.values()
            assert forget_idle_tab_locks(manager) == 0
            async with manager.modify_state(tab) as root:
                # Her next event, from memory, under the same lock.
                assert lock.locked()
                assert forget_idle_tab_locks(manager) == 0
                assert (await root.get_state(UiState)).language == "ro"
            assert list(manager._cached_states_locks.values()) == [lock]

    run_async(scenario())


def test_the_sweep_runs_until_the_worker_stops(monkeypatch):
    async def scenario():
        async with _workers(monkeypatch, 1) as (manager,):

            class App:
                _state_manager = manager

            await _choose(manager, _tab(), "th")
            await _until_leases_end(manager)
            stop = asyncio.Event()
            sweeping = asyncio.create_task(sweep_forever(stop, App(), every=0.05))
            await asyncio.sleep(0.2)
            assert manager._cached_states_locks == {}
            stop.set()
            await asyncio.wait_for(sweeping, timeout=2)

    run_async(scenario())
