"""Staff enrol their authenticator app before their session opens anything else."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.forms import error_box, field, page_title, submit
from uglymugs_app.pages.two_factor.state import TwoFactorState


@shell_page(routes.TWO_FACTOR, on_load=[TwoFactorState.start])
def two_factor_page() -> rx.Component:
    return rx.vstack(
        page_title("totp.title"),
        rx.cond(
            TwoFactorState.recovery_codes.length() > 0,
            rx.vstack(
                rx.text(tr("totp.recovery.body")),
                rx.vstack(
                    rx.foreach(TwoFactorState.recovery_codes, lambda c: rx.code(c, size="4")),
                    id="recovery-codes",
                ),
                rx.link(tr("totp.continue"), href=routes.MODERATE_VERIFICATIONS, id="totp-done"),
            ),
            rx.vstack(
                rx.text(tr("totp.body")),
                rx.code(TwoFactorState.secret, id="totp-secret", size="5"),
                rx.link(tr("totp.open_app"), href=TwoFactorState.uri),
                error_box(TwoFactorState.error, "totp-error"),
                rx.form(
                    rx.vstack(
                        field(
                            "login.totp",
                            "code",
                            id="totp-code",
                            input_mode="numeric",
                            autocomplete="one-time-code",
                        ),
                        submit("totp.confirm", "totp-confirm"),
                        width="100%",
                    ),
                    on_submit=TwoFactorState.confirm,
                    width="100%",
                ),
                width="100%",
            ),
        ),
        spacing="4",
        width="100%",
    )
