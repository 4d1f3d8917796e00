"""Her reports with the police consent of each: give or withdraw at any time."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.forms import error_box, notice_box, page_title
from uglymugs_app.components.police_consent import consent_card
from uglymugs_app.state.police_consent import PoliceConsentState


@shell_page(routes.MY_POLICE_CONSENT, on_load=[PoliceConsentState.load])
def my_police_page() -> rx.Component:
    return rx.vstack(
        page_title("police.consent.title"),
        rx.text(tr("police.consent.intro")),
        rx.link(tr("help.police.link"), href=routes.HELP_POLICE),
        error_box(PoliceConsentState.error, "consent-error"),
        notice_box(PoliceConsentState.notice, "consent-notice"),
        rx.cond(
            PoliceConsentState.cards.length() == 0,
            rx.text(tr("police.consent.empty"), id="consent-empty"),
            rx.fragment(),
        ),
        rx.foreach(PoliceConsentState.cards, consent_card),
        spacing="4",
        width="100%",
    )
