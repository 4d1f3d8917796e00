"""Setting a new password with a reset code; the password field is emptied either way."""

import reflex as rx

from uglymugs_app.services.members import login
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.settings import get_settings
from uglymugs_app.state.actions import attempt


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
        await attempt(
            self,
            lambda db: login.reset_password(
                db,
                secrets=secrets,
                settings=settings,
                working_name=name,
                code=code,
                new_password=password,
                address=address,
            ),
            notice="reset.done",
        )
        return rx.set_value("reset-password", "")
