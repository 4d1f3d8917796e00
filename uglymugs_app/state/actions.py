"""How a handler calls a service: in a database session off the event loop, and
with a refusal shown to her as her own message, in her language.

Handlers decide who may ask (``@authorised`` in ``state/auth.py``) and capture
the actor in the work they pass; ``attempt`` runs that work and maps a
``ServiceError`` to the state's ``error`` var, so no handler repeats the
``try``/``except ServiceError`` dance.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable, Mapping
from typing import Generic, TypeVar, cast

import reflex as rx
from sqlmodel import Session

from uglymugs_app.i18n import supported, translate
from uglymugs_app.i18n.formatting import plural
from uglymugs_app.services.database import session_scope
from uglymugs_app.services.errors import ServiceError
from uglymugs_app.services.security.throttle import LoginThrottled
from uglymugs_app.state.field_errors import field_of
from uglymugs_app.state.ui import UiState

__all__ = ["Outcome", "attempt", "in_db", "message_for", "say"]

T = TypeVar("T")


async def in_db(work: Callable[[Session], T]) -> T:
    """Run service work in a database session off the event loop (argon2 is slow)."""

    def run() -> T:
        with session_scope() as db:
            return work(db)

    return await asyncio.to_thread(run)


async def say(state: rx.State, key: str) -> str:
    """A catalogue text in her language."""
    return translate(supported((await state.get_state(UiState)).language), key)


async def message_for(state: rx.State, error: ServiceError) -> str:
    """The error's text in her language (placeholders filled where it has any)."""
    if isinstance(error, LoginThrottled):
        language = supported((await state.get_state(UiState)).language)
        return plural(language, error.key, error.seconds)
    return await say(state, error.key)


@dataclasses.dataclass(frozen=True)
class Outcome(Generic[T]):
    """What a service call came to: its value, or the refusal she was shown
    (``value`` is then None and means nothing)."""

    value: T
    refusal: ServiceError | None = None

    @property
    def refused(self) -> bool:
        return self.refusal is not None


async def attempt(
    state: rx.State,
    work: Callable[[Session], T],
    *,
    notice: str | None = None,
    fields: Mapping[str, str] | None = None,
    fallback: str = "",
) -> Outcome[T]:
    """Run ``work(db)`` for a handler of ``state`` and show her how it went.

    Refused (a ``ServiceError``): her message goes into ``state.error`` and a
    notice shown before goes away. Done: ``state.error`` is cleared and, when
    ``notice`` is given, ``state.notice`` says that catalogue text ("" clears
    it; ``None`` leaves it as it is).

    A state with ``error_field`` places its errors (``state/field_errors.py``):
    ``fields`` maps catalogue key prefixes to the ids of the fields they are
    about, ``fallback`` is the id of the form's error beside its button.
    """
    placed = "error_field" in type(state).base_vars
    if placed:
        state.error_field = ""
    try:
        value = await in_db(work)
    except ServiceError as error:
        state.error = await message_for(state, error)
        if placed and (fields or fallback):
            state.error_field = field_of(error.key, fields or {}, fallback)
        if "notice" in type(state).base_vars:
            state.notice = ""
        return Outcome(cast(T, None), refusal=error)
    state.error = ""
    if notice is not None:
        state.notice = await say(state, notice) if notice else ""
    return Outcome(value)
