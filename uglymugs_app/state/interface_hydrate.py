"""Every hydrate carries the interface state: her language, its catalogue and
the regions.

A page that (re)connects starts from what the bundle holds (English, the
shipped regions) and is brought up to date by its hydrate, which sends the
states the worker has loaded for the tab. Which those are depends on where
the tab's state lives (all of it in one worker's memory, or read from disk or
Redis as needed), so the interface state is loaded here, always: a reload in
Romanian gets her catalogue with the hydrate, once, and ``UiState.on_visit``
need not send it again. Reflex leaves out what equals the bundle's values on
a page's first hydrate, so an English page gets no catalogue at all.
"""

from __future__ import annotations

from reflex.middleware import Middleware

from uglymugs_app.state.session_binding import HYDRATES
from uglymugs_app.state.ui import UiState


class InterfaceWithHydrate(Middleware):
    async def preprocess(self, app, state, event):
        if event.name in HYDRATES:
            await state.get_state(UiState)
        return None
