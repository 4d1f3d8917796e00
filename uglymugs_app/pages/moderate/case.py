"""The open case's live side: its thread, who handles it, internal notes.

Staff only. ``ModerationState`` opens a case through ``_show`` (after its own
``@authorised`` check); every handler here checks the role again and acts on
the case this tab opened (``_report_id``, never an id from the browser).
While the page is open the thread updates itself (``state/live.py``).
"""

import asyncio
import secrets as random

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components.thread import message_rows
from uglymugs_app.services.actors import STAFF
from uglymugs_app.services.reports import cases, threads
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.state.actions import attempt, in_db
from uglymugs_app.state.auth import acting_actor, authorised
from uglymugs_app.state.live import POLL_SECONDS, forget_fingerprint, threads_fingerprint

NOTE_ID = "case-note"
BACK_TO_QUEUE = "queue"


def _when(moment) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else ""


class CaseState(rx.State):
    messages: list[dict[str, str]] = []
    notes: list[dict[str, str]] = []
    handler: str = ""  # her colleague's working name, "" when nobody handles it
    mine: bool = False
    handled_since: str = ""
    language: str = ""  # the reporter's language by its own name
    colleagues: list[dict[str, str]] = []
    error: str = ""
    notice: str = ""
    _report_id: int = 0
    _version: str = ""
    _fingerprint: str = ""
    _watch: str = ""

    @rx.event
    @authorised(*STAFF)
    async def start(self):
        """On opening the dashboard: nothing shown yet; the beat starts."""
        self.reset()
        self._watch = random.token_hex(8)
        return CaseState.wait(self._watch)

    @rx.event
    @authorised(*STAFF)
    async def take(self):
        """ "I'm handling this": for herself only, never for someone else."""
        actor, report_id = acting_actor(), self._report_id
        await self._act(lambda db: cases.take_case(db, actor=actor, report_id=report_id), "taken")

    @rx.event
    @authorised(*STAFF)
    async def hand_over(self, form_data: dict):
        """To a colleague (checked by the service) or back to the queue."""
        actor, report_id = acting_actor(), self._report_id
        chosen = str(form_data.get("to", ""))[:12]
        to = None if chosen == BACK_TO_QUEUE else (int(chosen) if chosen.isdigit() else -1)
        await self._act(
            lambda db: cases.hand_over(db, actor=actor, report_id=report_id, to_member_id=to),
            "handed_over",
        )

    @rx.event
    @authorised(*STAFF)
    async def add_note(self, form_data: dict):
        actor, secrets, report_id = acting_actor(), current_secrets(), self._report_id
        body = str(form_data.get("body", ""))[: cases.MAX_NOTE + 1]
        if await self._act(
            lambda db: cases.add_note(
                db, secrets=secrets, actor=actor, report_id=report_id, body=body
            ),
            "note_added",
        ):
            return rx.set_value(f"{NOTE_ID}-body", "")
        return None

    @rx.event(background=True)
    async def wait(self, watch: str):
        """Sleep, then ask for a refresh; touches no state and reads nothing."""
        await asyncio.sleep(POLL_SECONDS)
        return CaseState.refresh(str(watch)[:32])

    @rx.event
    async def refresh(self, watch: str):
        """One beat: reload the open case only when it changed.

        Unchanged (the usual case) reads one shared fingerprint and nothing
        private, so it does not ask the database who she is.
        """
        if not self._watch or watch != self._watch or self.router.page.path != routes.MODERATE:
            return None
        if not self._report_id:
            return CaseState.wait(watch)  # type: ignore[misc]  # see pyproject: Reflex typing
        fingerprint = await threads_fingerprint()
        if fingerprint == self._fingerprint:
            return CaseState.wait(watch)  # type: ignore[misc]
        self._fingerprint, report_id = fingerprint, self._report_id
        version = await in_db(lambda db: cases.case_version(db, report_id=report_id))
        if version == self._version:
            return CaseState.wait(watch)  # type: ignore[misc]
        return await self._refresh_changed(watch)

    @authorised(*STAFF)
    async def _refresh_changed(self, watch: str):
        await self._show(self._report_id)
        return CaseState.wait(watch)  # type: ignore[misc]

    async def _act(self, work, done: str) -> bool:
        if not self._report_id:
            return False
        outcome = await attempt(self, work, notice=f"case.{done}")
        if outcome.refused:
            return False
        forget_fingerprint()
        await self._show(self._report_id)
        return True

    async def _show(self, report_id: int) -> None:
        """Open ``report_id``'s case; only from a handler that checked for staff."""
        actor, secrets = acting_actor(), current_secrets()

        def read(db):
            view = cases.case_view(db, secrets=secrets, actor=actor, report_id=report_id)
            # Reading the thread marks her messages read for the moderators.
            messages = threads.moderator_thread(
                db, secrets=secrets, actor=actor, report_id=report_id
            )
            others = cases.colleagues(db, actor=actor)
            return view, messages, others, cases.case_version(db, report_id=report_id)

        if report_id != self._report_id:
            self.error = self.notice = ""
        # Read before the case: a change in between shows at the next beat.
        fingerprint = await threads_fingerprint()
        found = await attempt(self, read)
        if found.refused:
            self._forget()
            return
        view, messages, others, version = found.value
        self._report_id, self._version, self._fingerprint = report_id, version, fingerprint
        self.messages = message_rows(messages)
        self.handler, self.mine = view.handler_name, view.handled_by_me
        self.handled_since, self.language = _when(view.handled_since), view.reporter_language
        self.notes = [
            {
                "id": str(note.id),
                "author": note.author,
                "body": note.body,
                "at": _when(note.created_at),
                "mine": "yes" if note.mine else "no",
            }
            for note in view.notes
        ]
        self.colleagues = [{"id": str(c.member_id), "name": c.working_name} for c in others]

    def _forget(self) -> None:
        """Nothing of a case stays when none is open (the beat goes on)."""
        watch = self._watch
        self.reset()
        self._watch = watch
