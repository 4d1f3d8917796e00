"""The verification queue's state: moderators and admins only, checked on every handler.

The queue is read a page at a time. While the page is open it refreshes
itself the way the feed does (``wait`` sleeps in the background, ``refresh``
compares the queue's fingerprint and reloads only on change), so a claim or
a decision by a colleague shows within seconds. The application she has
taken lives in ``current``, apart from the list: a refresh never touches
what she is typing.
"""

import asyncio
import secrets as token_source
import time

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.pages.verifications.rows import duplicate_rows, entry_row, exchange_rows
from uglymugs_app.services.actors import STAFF
from uglymugs_app.services.members import claims, queue, verification
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.settings import get_settings
from uglymugs_app.state.actions import attempt, in_db
from uglymugs_app.state.auth import acting_actor, authorised

POLL_SECONDS = 5
_version_seen: tuple[float, str] = (float("-inf"), "")


async def _shared_version() -> str:
    """The queue's fingerprint, read at most about once a second per worker."""
    global _version_seen
    read_at, version = _version_seen
    if time.monotonic() - read_at < 1.0:
        return version
    version = await in_db(queue.queue_version)
    _version_seen = (time.monotonic(), version)
    return version


def _member_id(value: object) -> int | None:
    try:
        return int(str(value))
    except ValueError:
        return None


class VerificationState(rx.State):
    # Filled only after the server has checked she is a moderator or admin.
    entries: list[dict[str, str]] = []
    counts: dict[str, int] = {}
    total: int = 0
    first: int = 0  # 1-based number of the first entry shown
    last: int = 0
    view: str = "all"
    search: str = ""
    # The taken application; its "id" is "" when none is open (the page
    # tests the id, and a missing key would not read as "").
    current: dict[str, str] = {"id": ""}
    exchange: list[dict[str, str]] = []
    duplicates: list[dict[str, str]] = []  # the taken application's: name, status
    error: str = ""
    notice: str = ""
    _offset: int = 0
    _version: str = ""
    _watch: str = ""

    @rx.event
    @authorised(*STAFF)
    async def load(self):
        self._watch = token_source.token_hex(8)
        await self._reload()
        return VerificationState.wait(self._watch)

    @rx.event
    @authorised(*STAFF)
    async def show(self, view: str):
        """One of the counts' views: all, pending, more_info, unclaimed, mine."""
        self.view = view if view in queue.VIEWS else "all"
        self._offset = 0
        await self._reload()

    @rx.event
    @authorised(*STAFF)
    async def find(self, form_data: dict):
        self.search = str(form_data.get("search", ""))[: queue.SEARCH_MAX]
        self._offset = 0
        await self._reload()

    @rx.event
    @authorised(*STAFF)
    async def clear_search(self):
        self.search, self._offset = "", 0
        await self._reload()

    @rx.event
    @authorised(*STAFF)
    async def next_page(self):
        self._offset += get_settings().verification_page_size
        await self._reload()

    @rx.event
    @authorised(*STAFF)
    async def previous_page(self):
        self._offset = max(0, self._offset - get_settings().verification_page_size)
        await self._reload()

    @rx.event
    @authorised(*STAFF)
    async def take(self, member_id: str):
        """ "I'm handling this": claim the application and open it."""
        actor, settings, secrets = acting_actor(), get_settings(), current_secrets()
        target = _member_id(member_id)
        if target is None:
            return None
        taken = await attempt(
            self,
            lambda db: verification.open_application(
                db, secrets=secrets, settings=settings, actor=actor, member_id=target
            ),
        )
        if not taken.refused:
            application = taken.value
            self.current = {**entry_row(application.entry), "evidence": application.evidence}
            self.exchange = exchange_rows(application.exchange)
            self.duplicates = duplicate_rows(application.entry.duplicates)
            self.notice = ""
        await self._reload()
        return None if taken.refused else rx.scroll_to("current-application")

    @rx.event
    @authorised(*STAFF)
    async def hand_back(self, member_id: str):
        """Back to the queue: her own claim, or (admins) a colleague's."""
        actor, settings = acting_actor(), get_settings()
        target = _member_id(member_id)
        if target is None:
            return
        handed = await attempt(
            self,
            lambda db: claims.hand_back(db, settings=settings, actor=actor, member_id=target),
        )
        if not handed.refused and self.current.get("id") == str(target):
            self._close()
        await self._reload()

    @rx.event
    @authorised(*STAFF)
    async def close(self):
        """Back to the list; she keeps the claim until it lapses or she decides."""
        self._close()

    @rx.event
    @authorised(*STAFF)
    async def decide(self, form_data: dict):
        """``member_id``, ``decision`` (approve | reject | more) and ``message``."""
        actor, secrets, settings = acting_actor(), current_secrets(), get_settings()
        decision = str(form_data.get("decision", ""))
        decision = decision if decision in ("approve", "reject") else "more"
        message = str(form_data.get("message", ""))[:1200]
        target = _member_id(form_data.get("member_id", ""))
        if target is None:
            return
        if decision == "approve":
            work = lambda db: verification.approve(  # noqa: E731
                db, actor=actor, member_id=target, settings=settings
            )
        elif decision == "reject":
            work = lambda db: verification.reject(  # noqa: E731
                db, actor=actor, member_id=target, message=message, settings=settings
            )
        else:
            work = lambda db: verification.ask_for_more(  # noqa: E731
                db,
                secrets=secrets,
                actor=actor,
                member_id=target,
                message=message,
                settings=settings,
            )
        if (await attempt(self, work, notice=f"verify.done.{decision}")).refused:
            return
        self._close()
        await self._reload()

    @rx.event(background=True)
    async def wait(self, watch: str):
        """Sleep, then ask for a refresh; touches no state and reads nothing."""
        await asyncio.sleep(POLL_SECONDS)
        return VerificationState.refresh(str(watch)[:32])

    @rx.event
    async def refresh(self, watch: str):
        """One beat of the live queue: reload only when the queue changed."""
        if (
            not self._watch
            or watch != self._watch
            or self.router.page.path != routes.MODERATE_VERIFICATIONS
        ):
            return None
        if await _shared_version() == self._version:
            return VerificationState.wait(watch)  # type: ignore[misc]  # see pyproject: Reflex typing
        return await self._refresh_changed(watch)

    @authorised(*STAFF)
    async def _refresh_changed(self, watch: str):
        await self._reload()
        return VerificationState.wait(watch)  # type: ignore[misc]  # see pyproject: Reflex typing

    def _close(self) -> None:
        self.current, self.exchange, self.duplicates = {"id": ""}, [], []

    async def _reload(self) -> None:
        actor, settings, secrets = acting_actor(), get_settings(), current_secrets()
        view, search, offset = self.view, self.search, self._offset

        def work(db):
            return queue.queue_version(db), queue.queue_page(
                db,
                secrets=secrets,
                settings=settings,
                actor=actor,
                view=view,
                search=search,
                offset=offset,
            )

        self._version, page = await in_db(work)
        self._offset = page.offset
        self.entries = [entry_row(e) for e in page.entries]
        self.counts, self.total = page.counts, page.total
        self.first = page.offset + 1 if page.entries else 0
        self.last = page.offset + len(page.entries)
