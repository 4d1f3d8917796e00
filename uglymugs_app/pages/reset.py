"""A new password with the one-time code a moderator gave her."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.forms import error_box, field, notice_box, page_title, submit
from uglymugs_app.i18n import translate
from uglymugs_app.services.errors import ServiceError
from uglymugs_app.services.members import login
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.settings import get_settings
from uglymugs_app.state.auth import in_db, message_for
from uglymugs_app.state.ui import UiState


class ResetState(rx.State):
    error: str = ""
    notice: str = ""

    @rx.event
    async def set_new_password(self, form_data: dict):
        name = str(form_data.get("working_name", ""))[:80]
        code = str(form_data.get("code", ""))[:80]
        password = str(form_data.get("password", ""))[:200]
        secrets, settings = current_secrets(), get_settings()
        address = self.router.session.client_ip or None
        try:
            await in_db(lambda db: login.reset_password(
                db, secrets=secrets, settings=settings, working_name=name, code=code,
                new_password=password, address=address))
        except ServiceError as error:
            self.error, self.notice = await message_for(self, error), ""
            return rx.set_value("reset-password", "")
        language = (await self.get_state(UiState)).language
        self.error, self.notice = "", translate(language, "reset.done")
        return rx.set_value("reset-password", "")


@shell_page(routes.RESET)
def reset_page() -> rx.Component:
    return rx.vstack(
        page_title("reset.title"),
        rx.text(tr("reset.body")),
        error_box(ResetState.error, "reset-error"),
        notice_box(ResetState.notice, "reset-notice"),
        rx.form(rx.vstack(
            field("account.working_name", "working_name", id="reset-name", required=True),
            field("reset.code", "code", id="reset-code-input", required=True),
            field("account.password.new", "password", type_="password", id="reset-password",
                  hint_key="account.password.hint", autocomplete="new-password", required=True),
            submit("reset.submit", "reset-submit"), width="100%"),
            on_submit=ResetState.set_new_password, width="100%"),
        rx.link(tr("register.to_login"), href=routes.LOGIN),
        spacing="4", width="100%",
    )
