"""Reset codes for members who forgot their password: staff only, on every handler."""

import reflex as rx

from uglymugs_app.services.actors import STAFF
from uglymugs_app.services.members import login
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.settings import get_settings
from uglymugs_app.state.actions import attempt
from uglymugs_app.state.auth import acting_actor, authorised


class MemberCodesState(rx.State):
    reset_code: str = ""
    error: str = ""

    @rx.event
    @authorised(*STAFF)
    async def load(self):
        self.reset_code, self.error = "", ""

    @rx.event
    @authorised(*STAFF)
    async def issue_reset_code(self, form_data: dict):
        actor, settings = acting_actor(), get_settings()
        name = str(form_data.get("working_name", ""))[:80]
        issued = await attempt(
            self,
            lambda db: login.issue_reset_code(
                db, secrets=current_secrets(), settings=settings, actor=actor, working_name=name
            ),
        )
        self.reset_code = "" if issued.refused else issued.value
