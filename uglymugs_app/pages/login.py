"""Log in with working name and password (and, for staff, the authenticator code)."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.forms import error_box, field, page_title, submit
from uglymugs_app.state.auth import AuthState


@shell_page(routes.LOGIN)
def login_page() -> rx.Component:
    return rx.vstack(
        page_title("login.title"),
        error_box(AuthState.login_error, "login-error"),
        rx.form(
            rx.vstack(
                field(
                    "account.working_name",
                    "working_name",
                    id="login-name",
                    autocomplete="username",
                    required=True,
                ),
                field(
                    "account.password",
                    "password",
                    type_="password",
                    id="login-password",
                    autocomplete="current-password",
                    required=True,
                ),
                rx.cond(
                    AuthState.needs_totp,
                    field(
                        "login.totp",
                        "totp",
                        id="login-totp",
                        hint_key="login.totp.hint",
                        autocomplete="one-time-code",
                        input_mode="numeric",
                    ),
                    rx.fragment(),
                ),
                submit("login.submit", "login-submit"),
                spacing="3",
                width="100%",
            ),
            on_submit=AuthState.log_in,
            width="100%",
        ),
        rx.link(tr("login.register"), href=routes.REGISTER, id="to-register"),
        rx.link(tr("login.forgot"), href=routes.RESET, id="to-reset"),
        spacing="4",
        width="100%",
    )
