"""A loop that runs beside the web app for as long as the backend serves."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any


@contextlib.asynccontextmanager
async def running_beside_the_app(
    loop: Callable[[asyncio.Event], Coroutine[Any, Any, None]],
    *,
    name: str,
    grace_seconds: float,
    log: logging.Logger,
    late: str,
) -> AsyncIterator[None]:
    """Start ``loop(stop_event)`` as a task; on shutdown set the event and wait.

    A loop still running after ``grace_seconds`` is cancelled and ``late`` is
    logged as a warning.
    """
    stop = asyncio.Event()
    task = asyncio.create_task(loop(stop), name=name)
    try:
        yield
    finally:
        stop.set()
        try:
            await asyncio.wait_for(task, timeout=grace_seconds)
        except TimeoutError:
            log.warning(late)
