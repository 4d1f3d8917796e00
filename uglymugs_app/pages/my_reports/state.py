"""Her own reports and their threads: the server finds them from her session."""

import reflex as rx

from uglymugs_app.components.thread import message_rows
from uglymugs_app.services.reports import submission as reports
from uglymugs_app.services.reports import threads, withdrawal
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.state.actions import attempt, in_db, say
from uglymugs_app.state.auth import acting_actor, authorised

REPORTERS = ("member", "outreach")
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
    notice: str = ""

    @rx.event
    @authorised(*REPORTERS)
    async def load(self):
        await self._fill(self.open_id)

    @rx.event
    @authorised(*REPORTERS)
    async def open(self, report_id: str):
        """Open the thread of one of her reports (the service refuses others')."""
        await self._fill(_report_id(report_id))

    async def _fill(self, open_id: int) -> None:
        # The thread first: reading it clears that report's unread badge.
        actor, secrets = acting_actor(), current_secrets()
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
