"""Her consent for police support, per report: a self-contained card and its state.

``police_consent_for(report_id)`` shows the card of one report (for "my
reports"); ``PoliceConsentState.load`` loads her reports. Every handler finds
her reports from her session on the server, never from what the page says.
"""

from __future__ import annotations

import dataclasses

import reflex as rx

from uglymugs_app.components.forms import error_box, notice_box, picked, submit
from uglymugs_app.components.text import tr
from uglymugs_app.services.actors import VERIFIED
from uglymugs_app.services.errors import ServiceError
from uglymugs_app.services.police import consent as police_consent
from uglymugs_app.services.reports import submission as reports
from uglymugs_app.services.reports import threads
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.state.auth import acting_actor, authorised, in_db, message_for
from uglymugs_app.state.ui import UiState


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


def _cards(db, secrets, member_id: int) -> list[ConsentCard]:
    cards = []
    for summary in reports.list_my_reports(db, secrets=secrets, member_id=member_id):
        consent = police_consent.my_consent(db, secrets=secrets, member_id=member_id,
                                            report_id=summary.id)
        thread = threads.reporter_thread(db, secrets=secrets, member_id=member_id,
                                         report_id=summary.id)
        cards.append(ConsentCard(
            report_id=str(summary.id), incident_date=summary.incident_date.isoformat(),
            police_report=consent.police_report, anonymous_sharing=consent.anonymous_sharing,
            messages=[ConsentMessage(str(m.id), m.author_role, m.body,
                                     m.id in consent.thread_message_ids) for m in thread]))
    return cards


class PoliceConsentState(rx.State):
    cards: list[ConsentCard] = []
    error: str = ""
    notice: str = ""

    @rx.event
    @authorised(*VERIFIED)
    async def load(self):
        actor, secrets = acting_actor(), current_secrets()
        self.cards = await in_db(lambda db: _cards(db, secrets, actor.member_id))
        self.error = self.notice = ""

    @rx.event
    @authorised(*VERIFIED)
    async def save(self, form_data: dict):
        """``report_id``, ``police_report``, ``anonymous`` and ``message:<id>`` ticks."""
        actor, secrets = acting_actor(), current_secrets()
        try:
            report_id = int(form_data.get("report_id", 0))
            chosen = [int(code) for code in picked(form_data, "message")]
            await in_db(lambda db: police_consent.set_my_consent(
                db, secrets=secrets, member_id=actor.member_id, report_id=report_id,
                police_report=_ticked(form_data, "police_report"),
                anonymous_sharing=_ticked(form_data, "anonymous"),
                thread_message_ids=chosen))
        except ServiceError as error:
            self.error, self.notice = await message_for(self, error), ""
            return None
        except ValueError:
            return None
        ui = await self.get_state(UiState)
        self.error, self.notice = "", ui.t["police.consent.saved"]
        return PoliceConsentState.load


def _ticked(form_data: dict, name: str) -> bool:
    return form_data.get(name) not in (None, "", False, "off")


def _checkbox(name: str, checked: rx.Var, label: rx.Component | rx.Var, element_id) -> rx.Component:
    return rx.el.label(
        rx.el.input(type="checkbox", name=name, id=element_id, default_checked=checked,
                    style={"width": "22px", "height": "22px", "flex-shrink": "0"}),
        label, html_for=element_id,
        style={"display": "flex", "gap": "0.5rem", "align-items": "center",
               "min-height": "44px"},
    )


def _message(card: rx.Var, message: rx.Var) -> rx.Component:
    return _checkbox("message:" + message.id, message.chosen,
                     rx.text(message.body, size="2"),
                     "consent-" + card.report_id + "-message-" + message.id)


def consent_card(card: rx.Var) -> rx.Component:
    """The consent form of one report card."""
    prefix = "consent-" + card.report_id
    return rx.card(rx.form(rx.vstack(
        rx.heading(tr("police.consent.report").replace("{date}", card.incident_date),
                   size="3", as_="h2"),
        rx.el.input(type="hidden", name="report_id", value=card.report_id),
        _checkbox("police_report", card.police_report, tr("police.consent.police_report"),
                  prefix + "-police-report"),
        _checkbox("anonymous", card.anonymous_sharing, tr("police.consent.anonymous"),
                  prefix + "-anonymous"),
        rx.cond(card.messages.length() > 0, rx.text(tr("police.consent.messages")),
                rx.fragment()),
        rx.foreach(card.messages, lambda message: _message(card, message)),
        submit("police.consent.save", prefix + "-save"),
        width="100%",
    ), on_submit=PoliceConsentState.save), width="100%",
        custom_attrs={"data-consent-report": card.report_id})


def police_consent_for(report_id: rx.Var | int) -> rx.Component:
    """The card of one of her reports, for embedding in "my reports"."""
    wanted = rx.Var.create(report_id).to_string()
    return rx.vstack(
        error_box(PoliceConsentState.error, "consent-error"),
        notice_box(PoliceConsentState.notice, "consent-notice"),
        rx.foreach(PoliceConsentState.cards,
                   lambda card: rx.cond(card.report_id == wanted, consent_card(card),
                                        rx.fragment())),
        width="100%",
    )
