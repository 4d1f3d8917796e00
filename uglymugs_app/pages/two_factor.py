"""Staff enrol their authenticator app before their session opens anything else."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.forms import error_box, field, page_title, submit
from uglymugs_app.services.errors import ServiceError
from uglymugs_app.services.security import sessions, two_factor
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.state.auth import AuthState, current_actor, home_for, in_db, message_for


class TwoFactorState(rx.State):
    # Her own new secret, shown to her alone while she enrols; cleared after.
    secret: str = ""
    uri: str = ""
    recovery_codes: list[str] = []
    error: str = ""

    @rx.event
    async def start(self):
        actor = await current_actor(self, allow_incomplete=True)
        if actor is None or actor.role not in ("moderator", "admin"):
            return rx.redirect(routes.LOGIN)
        secrets = current_secrets()
        try:
            enrolment = await in_db(lambda db: two_factor.start_enrolment(
                db, secrets=secrets, member_id=actor.member_id))
        except ServiceError:
            return rx.redirect(home_for(actor.role))
        self.secret, self.uri, self.recovery_codes, self.error = (
            enrolment.secret, enrolment.uri, [], "")
        return None

    @rx.event
    async def confirm(self, form_data: dict):
        actor = await current_actor(self, allow_incomplete=True)
        if actor is None or actor.role not in ("moderator", "admin"):
            return rx.redirect(routes.LOGIN)
        secrets, code = current_secrets(), str(form_data.get("code", ""))[:12]
        session = (await self.get_state(AuthState))._session()
        try:
            codes = await in_db(lambda db: two_factor.confirm_enrolment(
                db, secrets=secrets, member_id=actor.member_id, code=code))
        except ServiceError as error:
            self.error = await message_for(self, error)
            return None
        await in_db(lambda db: sessions.complete_session(db, reference=session))
        await current_actor(self)
        self.secret = self.uri = self.error = ""
        self.recovery_codes = codes
        return None


@shell_page(routes.TWO_FACTOR, on_load=[TwoFactorState.start])
def two_factor_page() -> rx.Component:
    return rx.vstack(
        page_title("totp.title"),
        rx.cond(
            TwoFactorState.recovery_codes.length() > 0,
            rx.vstack(
                rx.text(tr("totp.recovery.body")),
                rx.vstack(rx.foreach(TwoFactorState.recovery_codes,
                                     lambda c: rx.code(c, size="4")), id="recovery-codes"),
                rx.link(tr("totp.continue"), href=routes.MODERATE_VERIFICATIONS, id="totp-done"),
            ),
            rx.vstack(
                rx.text(tr("totp.body")),
                rx.code(TwoFactorState.secret, id="totp-secret", size="5"),
                rx.link(tr("totp.open_app"), href=TwoFactorState.uri),
                error_box(TwoFactorState.error, "totp-error"),
                rx.form(rx.vstack(
                    field("login.totp", "code", id="totp-code", input_mode="numeric",
                          autocomplete="one-time-code"),
                    submit("totp.confirm", "totp-confirm"), width="100%"),
                    on_submit=TwoFactorState.confirm, width="100%"),
                width="100%",
            ),
        ),
        spacing="4", width="100%",
    )
