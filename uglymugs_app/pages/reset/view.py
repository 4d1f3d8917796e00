"""A new password with the one-time code a moderator gave her."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.forms import error_box, field, notice_box, page_title, submit
from uglymugs_app.pages.reset.state import ResetState


@shell_page(routes.RESET)
def reset_page() -> rx.Component:
    return rx.vstack(
        page_title("reset.title"),
        rx.text(tr("reset.body")),
        error_box(ResetState.error, "reset-error"),
        notice_box(ResetState.notice, "reset-notice"),
        rx.form(
            rx.vstack(
                field("account.working_name", "working_name", id="reset-name", required=True),
                field("reset.code", "code", id="reset-code-input", required=True),
                field(
                    "account.password.new",
                    "password",
                    type_="password",
                    id="reset-password",
                    hint_key="account.password.hint",
                    autocomplete="new-password",
                    required=True,
                ),
                submit("reset.submit", "reset-submit"),
                width="100%",
            ),
            on_submit=ResetState.set_new_password,
            width="100%",
        ),
        rx.link(tr("register.to_login"), href=routes.LOGIN),
        spacing="4",
        width="100%",
    )
