"""The first admin's one-time setup page (/setup?token=...), printed to the console."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.forms import error_box, field, page_title, submit
from uglymugs_app.pages.setup.state import SetupState


@shell_page(routes.SETUP)
def setup_page() -> rx.Component:
    return rx.vstack(
        page_title("setup.title"),
        rx.text(tr("setup.body")),
        error_box(SetupState.error, "setup-error"),
        rx.form(
            rx.vstack(
                field("account.working_name", "working_name", id="setup-name", required=True),
                field(
                    "account.password",
                    "password",
                    type_="password",
                    id="setup-password",
                    hint_key="account.password.hint",
                    autocomplete="new-password",
                    required=True,
                ),
                submit("setup.submit", "setup-submit"),
                width="100%",
            ),
            on_submit=SetupState.create_admin,
            width="100%",
        ),
        spacing="4",
        width="100%",
    )
