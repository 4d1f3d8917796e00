"""Her consent for police support, per report: the card of each report.

``police_consent_for(report_id)`` shows the card of one report (for "my
reports"), ``consent_card`` any card; their state is
``state.police_consent.PoliceConsentState``, shared by both pages that show them.
"""

from __future__ import annotations

import reflex as rx

from uglymugs_app.components.forms import error_box, notice_box, submit
from uglymugs_app.components.text import tr
from uglymugs_app.state.police_consent import PoliceConsentState


def _checkbox(name: str, checked: rx.Var, label: rx.Component | rx.Var, element_id) -> rx.Component:
    return rx.el.label(
        rx.el.input(
            type="checkbox",
            name=name,
            id=element_id,
            default_checked=checked,
            style={"width": "22px", "height": "22px", "flex-shrink": "0"},
        ),
        label,
        html_for=element_id,
        style={"display": "flex", "gap": "0.5rem", "align-items": "center", "min-height": "44px"},
    )


def _message(card: rx.Var, message: rx.Var) -> rx.Component:
    return _checkbox(
        "message:" + message.id,
        message.chosen,
        rx.text(message.body, size="2"),
        "consent-" + card.report_id + "-message-" + message.id,
    )


def consent_card(card: rx.Var) -> rx.Component:
    """The consent form of one report card."""
    prefix = "consent-" + card.report_id
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading(
                    tr("police.consent.report").replace("{date}", card.incident_date),
                    size="3",
                    as_="h2",
                ),
                rx.el.input(type="hidden", name="report_id", value=card.report_id),
                rx.cond(
                    card.requested,
                    rx.text(
                        tr("police.consent.requested"), size="2", class_name="consent-requested"
                    ),
                    rx.fragment(),
                ),
                _checkbox(
                    "police_report",
                    card.police_report,
                    tr("police.consent.police_report"),
                    prefix + "-police-report",
                ),
                _checkbox(
                    "anonymous",
                    card.anonymous_sharing,
                    tr("police.consent.anonymous"),
                    prefix + "-anonymous",
                ),
                rx.cond(
                    card.messages.length() > 0,
                    rx.text(tr("police.consent.messages")),
                    rx.fragment(),
                ),
                rx.foreach(card.messages, lambda message: _message(card, message)),
                submit("police.consent.save", prefix + "-save"),
                width="100%",
            ),
            on_submit=PoliceConsentState.save,
        ),
        width="100%",
        custom_attrs={"data-consent-report": card.report_id},
    )


def police_consent_for(report_id: rx.Var | str) -> rx.Component:
    """The card of one of her reports, for embedding in "my reports".

    ``report_id`` is the report's number as text, as the cards hold it (a
    ``to_string()`` of a text var quotes it, and then no card ever matched).
    """
    wanted = report_id
    return rx.vstack(
        error_box(PoliceConsentState.error, "consent-error"),
        notice_box(PoliceConsentState.notice, "consent-notice"),
        rx.foreach(
            PoliceConsentState.cards,
            lambda card: rx.cond(card.report_id == wanted, consent_card(card), rx.fragment()),
        ),
        width="100%",
    )
