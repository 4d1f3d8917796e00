"""Help: emergency numbers and how the app keeps her safe."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr


def _contact(label_key: str, number: str) -> rx.Component:
    return rx.hstack(
        rx.text(tr(label_key), flex="1"),
        rx.link(number, href=f"tel:{number.replace(' ', '')}", weight="bold", size="5",
                style={"min-height": "44px", "display": "inline-flex", "align-items": "center"}),
        width="100%",
        align="center",
    )


@shell_page(routes.HELP)
def help_page() -> rx.Component:
    return rx.vstack(
        rx.heading(tr("help.title"), size="7", as_="h1", id="page-title"),
        rx.card(
            rx.vstack(
                _contact("help.emergency", "112"),
                _contact("help.police", "0900 8844"),
                width="100%",
            ),
            width="100%",
        ),
        rx.heading(tr("help.exit.title"), size="4", as_="h2"),
        rx.text(tr("help.exit.body")),
        rx.heading(tr("help.install.title"), size="4", as_="h2"),
        rx.text(tr("help.install.body")),
        spacing="4",
    )
