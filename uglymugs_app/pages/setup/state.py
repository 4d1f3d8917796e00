"""The first admin's account from the one-time token; she enrols two-factor next."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.services.members import login
from uglymugs_app.services.security import sessions
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.state.actions import attempt
from uglymugs_app.state.auth import AuthState


class SetupState(rx.State):
    error: str = ""

    @rx.event
    async def create_admin(self, form_data: dict):
        token = str(self.router.page.params.get("token", ""))[:200]
        name = str(form_data.get("working_name", ""))[:80]
        password = str(form_data.get("password", ""))[:200]

        def create(db):
            admin = login.create_first_admin(
                db, secrets=current_secrets(), token=token, working_name=name, password=password
            )
            return sessions.open_session(db, member_id=admin.id, complete=False)

        created = await attempt(self, create)
        if created.refused:
            return rx.set_value("setup-password", "")
        (await self.get_state(AuthState)).session_token = created.value
        return rx.redirect(routes.TWO_FACTOR)
