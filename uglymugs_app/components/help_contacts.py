"""The list of help numbers, as the admin configured them."""

import reflex as rx

from uglymugs_app.components.text import tr
from uglymugs_app.state.help import HelpState
from uglymugs_app.state.ui import UiState


def _contact(item: rx.Var) -> rx.Component:
    return rx.cond(
        (item["phone"] != "") | (item["url"] != ""),
        rx.vstack(
            rx.text(UiState.t[item["label"]], weight="medium"),
            rx.hstack(
                rx.cond(
                    item["phone"] != "",
                    rx.link(
                        item["phone"],
                        href=item["tel"],
                        weight="bold",
                        size="5",
                        style={
                            "min-height": "44px",
                            "display": "inline-flex",
                            "align-items": "center",
                        },
                    ),
                    rx.fragment(),
                ),
                rx.cond(
                    item["url"] != "",
                    rx.link(
                        tr("contact.web"),
                        href=item["url"],
                        is_external=True,
                        rel="noopener noreferrer",
                    ),
                    rx.fragment(),
                ),
                rx.cond(item["note"] != "", rx.text(item["note"], size="2"), rx.fragment()),
                align="center",
                spacing="4",
                wrap="wrap",
            ),
            spacing="0",
            width="100%",
            custom_attrs={"data-contact": item["key"]},
        ),
        rx.fragment(),
    )


def help_contacts() -> rx.Component:
    return rx.card(
        rx.vstack(rx.foreach(HelpState.contacts, _contact), width="100%"),
        width="100%",
        id="help-contacts",
    )
