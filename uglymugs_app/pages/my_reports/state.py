"""Her own reports and their threads: the server finds them from her session.

While the page is open her reports and the open thread update by themselves
(``state/live.py``): a moderator's answer shows without reloading.
"""

import asyncio
import secrets as random

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components.thread import message_rows
from uglymugs_app.services.reports import live, threads, withdrawal
from uglymugs_app.services.reports import submission as reports
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.state.actions import attempt, in_db, say
from uglymugs_app.state.auth import acting_actor, authorised
from uglymugs_app.state.live import POLL_SECONDS, forget_fingerprint, threads_fingerprint
from uglymugs_app.state.unread import REPORTERS, UnreadState

THREAD_ID = "my-thread"


def _report_id(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


class MyReportsState(rx.State):
    # Only her own reports, filled after the server has checked who she is.
    reports: list[dict[str, str]] = []
    open_id: int = 0
    messages: list[dict[str, str]] = []
    # What she is asked to confirm: "report" or "consent", for ``asking_id``.
    asking: str = ""
    asking_id: str = ""
    error: str = ""
    # The ids of the reports the server listed for her, for the live beat.
    _report_ids: list[int] = []
    _version: str = ""
    _fingerprint: str = ""
    _watch: str = ""
    notice: str = ""

    @rx.event
    @authorised(*REPORTERS)
    async def load(self):
        await self._fill(self.open_id)
        self._watch = random.token_hex(8)
        return MyReportsState.wait(self._watch)

    @rx.event(background=True)
    async def wait(self, watch: str):
        """Sleep, then ask for a refresh; touches no state and reads nothing."""
        await asyncio.sleep(POLL_SECONDS)
        return MyReportsState.refresh(str(watch)[:32])

    @rx.event
    async def refresh(self, watch: str):
        """One beat: reload only when one of her reports changed (a message, a
        status, a message read on her other device)."""
        if not self._watch or watch != self._watch or self.router.page.path != routes.MY_REPORTS:
            return None
        fingerprint = await threads_fingerprint()
        if fingerprint == self._fingerprint:
            return MyReportsState.wait(watch)  # type: ignore[misc]  # see pyproject: Reflex typing
        self._fingerprint, ids = fingerprint, list(self._report_ids)
        version = await in_db(lambda db: live.reporter_version(db, report_ids=ids))
        if version == self._version:
            return MyReportsState.wait(watch)  # type: ignore[misc]
        return await self._refresh_changed(watch)

    @authorised(*REPORTERS)
    async def _refresh_changed(self, watch: str):
        await self._fill(self.open_id)
        return MyReportsState.wait(watch)  # type: ignore[misc]

    @rx.event
    @authorised(*REPORTERS)
    async def open(self, report_id: str):
        """Open the thread of one of her reports (the service refuses others')."""
        await self._fill(_report_id(report_id))

    async def _fill(self, open_id: int) -> None:
        # The thread first: reading it clears that report's unread badge.
        actor, secrets = acting_actor(), current_secrets()
        # Read before her reports: a change in between shows at the next beat.
        fingerprint = await threads_fingerprint()
        self.open_id, self.messages, self.error = 0, [], ""
        self.asking, self.asking_id = "", ""
        if open_id:
            found = await attempt(
                self,
                lambda db: threads.reporter_thread(
                    db, secrets=secrets, member_id=actor.member_id, report_id=open_id
                ),
            )
            if not found.refused:
                self.open_id, self.messages = open_id, message_rows(found.value)
        mine = await in_db(
            lambda db: reports.list_my_reports(db, secrets=secrets, member_id=actor.member_id)
        )
        self.reports = [
            {
                "id": str(r.id),
                "status": r.status,
                "urgent": "yes" if r.urgent else "no",
                "region": r.region,
                "date": r.incident_date.isoformat(),
                "sent": r.created_at.strftime("%Y-%m-%d"),
                "unread": str(r.unread),
                "reason": r.decline_reason,
                "may_publish": "yes" if r.may_publish else "no",
            }
            for r in mine
        ]
        self._report_ids = [r.id for r in mine]
        ids = list(self._report_ids)
        self._version = await in_db(lambda db: live.reporter_version(db, report_ids=ids))
        self._fingerprint = fingerprint
        await (await self.get_state(UnreadState))._recount(actor.member_id)

    @rx.event
    @authorised(*REPORTERS)
    async def send(self, form_data: dict):
        actor, secrets = acting_actor(), current_secrets()
        wanted, body = _report_id(form_data.get("report_id")), str(form_data.get("body", ""))
        sent = await attempt(
            self,
            lambda db: threads.send_reporter_message(
                db, secrets=secrets, member_id=actor.member_id, report_id=wanted, body=body[:4000]
            ),
        )
        if sent.refused:
            return None
        forget_fingerprint()
        return [rx.set_value(f"{THREAD_ID}-body", ""), MyReportsState.open(str(wanted))]

    @rx.event
    @authorised(*REPORTERS)
    async def ask(self, what: str, report_id: str):
        """Ask her to confirm a withdrawal; nothing changes yet."""
        self.notice = ""
        if what in WITHDRAWALS:
            self.asking, self.asking_id = what, str(_report_id(report_id))

    @rx.event
    @authorised(*REPORTERS)
    async def cancel(self):
        self.asking, self.asking_id = "", ""

    @rx.event
    @authorised(*REPORTERS)
    async def confirm(self):
        """Withdraw what she confirmed; the service refuses a report not hers."""
        actor, secrets = acting_actor(), current_secrets()
        what, wanted = self.asking, _report_id(self.asking_id)
        if what not in WITHDRAWALS:
            return
        done = await attempt(
            self,
            lambda db: WITHDRAWALS[what](
                db, secrets=secrets, member_id=actor.member_id, report_id=wanted
            ),
        )
        error = self.error
        await self._fill(self.open_id)
        self.error = error
        if not done.refused:
            self.notice = await say(self, f"withdraw.{what}.done")


WITHDRAWALS = {
    "report": withdrawal.withdraw_report,
    "consent": withdrawal.withdraw_publish_consent,
}
