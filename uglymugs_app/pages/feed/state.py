"""The feed's and the warning page's state: thin, every handler re-checks who asks.

Live updates: while the feed is open, the page and the server pass a token back
and forth every few seconds (``wait`` sleeps in the background, ``refresh``
compares a fingerprint of the visible warnings and reloads only on change). It
works across workers because each step is an ordinary event, and it stops by
itself when she leaves the page or closes it: nothing keeps running for her.
"""

import asyncio
import secrets
import time

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.services.actors import VERIFIED
from uglymugs_app.services.errors import NotFound
from uglymugs_app.services.regions.directory import regions_catalogue
from uglymugs_app.services.warnings import feed
from uglymugs_app.services.warnings.text import WarningText, warning_text
from uglymugs_app.state.actions import in_db
from uglymugs_app.state.auth import acting_actor, authorised, current_actor
from uglymugs_app.state.badge import app_badge
from uglymugs_app.state.ui import UiState, retranslated_by

POLL_SECONDS = 4
# Every open feed in a worker shares one fingerprint this fresh (seconds).
VERSION_FRESH_SECONDS = 1.0
_version_seen: tuple[float, str] = (float("-inf"), "")


async def _shared_version() -> str:
    """The feed fingerprint, read from the database at most about once a second."""
    global _version_seen
    read_at, version = _version_seen
    if time.monotonic() - read_at < VERSION_FRESH_SECONDS:
        return version
    version = await in_db(lambda db: feed.feed_version(db))
    _version_seen = (time.monotonic(), version)
    return version


async def _language(state: rx.State) -> str:
    return (await state.get_state(UiState)).language


class FeedState(rx.State):
    cards: list[WarningText] = []
    unread: int = 0
    whole_country: bool = False
    loaded: bool = False
    _version: str = ""
    _language: str = ""
    _watch: str = ""

    @rx.event
    @authorised(*VERIFIED)
    async def load(self):
        self._watch = secrets.token_hex(8)
        await self._reload()
        return [app_badge(self.unread), FeedState.wait(self._watch)]

    @rx.event
    @authorised(*VERIFIED)
    async def show_whole_country(self, on: bool):
        self.whole_country = bool(on)
        await self._reload()

    @rx.event
    @authorised(*VERIFIED)
    async def mark_all_read(self):
        actor = acting_actor()
        await in_db(lambda db: feed.mark_all_read(db, actor=actor))
        await self._reload()
        return app_badge(self.unread)

    @rx.event(background=True)
    async def wait(self, watch: str):
        """Sleep, then ask for a refresh; touches no state and reads nothing."""
        await asyncio.sleep(POLL_SECONDS)
        return FeedState.refresh(str(watch)[:32])

    @rx.event
    async def refresh(self, watch: str):
        """One beat of the live feed: reload when the warnings or her language changed.

        Nothing new (the usual case) says nothing and reads nothing private,
        so it does not ask the database who she is: thousands of open feeds
        cost one fingerprint query a second per worker. Any change goes
        through ``_refresh_changed``, which does.
        """
        # A page she left, or an older loop of this tab, ends here.
        if not self._watch or watch != self._watch or self.router.page.path != routes.FEED:
            return None
        if await _shared_version() == self._version and await _language(self) == self._language:
            return FeedState.wait(watch)  # type: ignore[misc]  # see pyproject: Reflex typing
        return await self._refresh_changed(watch)

    @authorised(*VERIFIED)
    async def _refresh_changed(self, watch: str):
        await self._reload()
        return [app_badge(self.unread), FeedState.wait(watch)]  # type: ignore[misc]  # see pyproject: Reflex typing

    @rx.event
    async def show_badge(self):
        """On the member home: the unread count on the icon; nothing for anyone else."""
        actor = await current_actor(self)
        if actor is None or actor.role not in VERIFIED:
            return None
        entries = await in_db(lambda db: feed.member_feed(db, actor=actor))
        self.unread = entries.unread
        return app_badge(self.unread)

    async def _reload(self) -> None:
        actor, whole = acting_actor(), self.whole_country
        language = await _language(self)

        def work(db):
            return feed.feed_version(db), feed.member_feed(db, actor=actor, whole_country=whole)

        self._version, result = await in_db(work)
        self._language = language
        words = regions_catalogue(language)
        self.cards = [
            warning_text(e.warning, language, unread=e.unread, words=words) for e in result.entries
        ]
        self.unread, self.loaded = result.unread, True


class WarningPageState(rx.State):
    card: list[WarningText] = []  # one, or none when it is gone
    loaded: bool = False

    @rx.event
    @authorised(*VERIFIED)
    async def load(self):
        actor, language = acting_actor(), await _language(self)
        try:
            params = self.router.page.params
            warning_id = int(str(params.get("id") or params.get("warning_id", ""))[:12])
            view = await in_db(lambda db: feed.open_warning(db, actor=actor, warning_id=warning_id))
            self.card = [warning_text(view, language, words=regions_catalogue(language))]
        except (ValueError, NotFound):
            self.card = []
        self.loaded = True


# Warnings are written out in her language on the server: a switch rewrites them.
retranslated_by(routes.WARNING, WarningPageState.load)
retranslated_by(routes.WARNING_BY_PATH, WarningPageState.load)
retranslated_by(routes.FEED, FeedState.load)
