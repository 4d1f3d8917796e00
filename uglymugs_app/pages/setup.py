"""The first admin's one-time setup page (/setup?token=...), printed to the console."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.forms import error_box, field, page_title, submit
from uglymugs_app.services.errors import ServiceError
from uglymugs_app.services.members import login
from uglymugs_app.services.security import sessions
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.state.auth import AuthState, in_db, message_for


class SetupState(rx.State):
    error: str = ""

    @rx.event
    async def create_admin(self, form_data: dict):
        token = str(self.router.page.params.get("token", ""))[:200]
        name = str(form_data.get("working_name", ""))[:80]
        password = str(form_data.get("password", ""))[:200]

        def create(db):
            admin = login.create_first_admin(db, secrets=current_secrets(), token=token,
                                             working_name=name, password=password)
            return sessions.open_session(db, member_id=admin.id, complete=False)

        try:
            session_token = await in_db(create)
        except ServiceError as error:
            self.error = await message_for(self, error)
            return rx.set_value("setup-password", "")
        self.error = ""
        (await self.get_state(AuthState)).session_token = session_token
        return rx.redirect(routes.TWO_FACTOR)


@shell_page(routes.SETUP)
def setup_page() -> rx.Component:
    return rx.vstack(
        page_title("setup.title"),
        rx.text(tr("setup.body")),
        error_box(SetupState.error, "setup-error"),
        rx.form(rx.vstack(
            field("account.working_name", "working_name", id="setup-name", required=True),
            field("account.password", "password", type_="password", id="setup-password",
                  hint_key="account.password.hint", autocomplete="new-password", required=True),
            submit("setup.submit", "setup-submit"), width="100%"),
            on_submit=SetupState.create_admin, width="100%"),
        spacing="4", width="100%",
    )
