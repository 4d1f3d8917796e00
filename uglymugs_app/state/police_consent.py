"""Her consent for police support, per report, for the two pages that show it
("my reports" and "police consent"). Every handler finds her reports from her
session on the server, never from what the page says.
"""

from __future__ import annotations

import dataclasses

import reflex as rx

from uglymugs_app.services.actors import VERIFIED
from uglymugs_app.services.police import consent as police_consent
from uglymugs_app.services.reports import submission as reports
from uglymugs_app.services.reports import threads
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.state.actions import attempt, in_db
from uglymugs_app.state.auth import acting_actor, authorised
from uglymugs_app.state.form_data import picked, ticked


@dataclasses.dataclass
class ConsentMessage:
    id: str
    author: str
    body: str
    chosen: bool


@dataclasses.dataclass
class ConsentCard:
    report_id: str
    incident_date: str
    police_report: bool
    anonymous_sharing: bool
    messages: list[ConsentMessage]
    requested: bool = False


def _cards(db, secrets, member_id: int) -> list[ConsentCard]:
    cards = []
    for summary in reports.list_my_reports(db, secrets=secrets, member_id=member_id):
        consent = police_consent.my_consent(
            db, secrets=secrets, member_id=member_id, report_id=summary.id
        )
        thread = threads.reporter_thread(
            db, secrets=secrets, member_id=member_id, report_id=summary.id
        )
        cards.append(
            ConsentCard(
                report_id=str(summary.id),
                incident_date=summary.incident_date.isoformat(),
                # Asked for on the form: offered ticked, saved only when she confirms.
                police_report=consent.police_report or consent.requested,
                requested=consent.requested,
                anonymous_sharing=consent.anonymous_sharing,
                messages=[
                    ConsentMessage(
                        str(m.id), m.author_role, m.body, m.id in consent.thread_message_ids
                    )
                    for m in thread
                ],
            )
        )
    return cards


class PoliceConsentState(rx.State):
    cards: list[ConsentCard] = []
    error: str = ""
    notice: str = ""

    @rx.event
    @authorised(*VERIFIED)
    async def load(self):
        self.error = self.notice = ""
        await self._fill()

    async def _fill(self) -> None:
        actor, secrets = acting_actor(), current_secrets()
        self.cards = await in_db(lambda db: _cards(db, secrets, actor.member_id))

    @rx.event
    @authorised(*VERIFIED)
    async def save(self, form_data: dict):
        """``report_id``, ``police_report``, ``anonymous`` and ``message:<id>`` ticks."""
        actor, secrets = acting_actor(), current_secrets()
        try:
            report_id = int(form_data.get("report_id", 0))
            chosen = [int(code) for code in picked(form_data, "message")]
        except ValueError:
            return None
        saved = await attempt(
            self,
            lambda db: police_consent.set_my_consent(
                db,
                secrets=secrets,
                member_id=actor.member_id,
                report_id=report_id,
                police_report=ticked(form_data, "police_report"),
                anonymous_sharing=ticked(form_data, "anonymous"),
                thread_message_ids=chosen,
            ),
            notice="police.consent.saved",
        )
        if not saved.refused:
            await self._fill()  # the confirmation stays on screen
        return None
