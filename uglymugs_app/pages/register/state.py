"""Applying: her account and first session are made together, her password never kept."""

import reflex as rx

from uglymugs_app.services.members import accounts, privacy_notice
from uglymugs_app.services.security import sessions
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.settings import get_settings
from uglymugs_app.state.actions import attempt
from uglymugs_app.state.auth import AuthState, home_for
from uglymugs_app.state.form_data import picked, ticked
from uglymugs_app.state.ui import UiState


class RegisterState(rx.State):
    error: str = ""

    @rx.event
    async def register(self, form_data: dict):
        language = (await self.get_state(UiState)).language
        kind = str(form_data.get("evidence_kind") or "ad_link")
        values = dict(
            working_name=str(form_data.get("working_name", ""))[:80],
            password=str(form_data.get("password", ""))[:200],
            language=language,
            regions=picked(form_data, "region"),
            gender=str(form_data.get("gender", "")),
            work_kinds=picked(form_data, "work"),
            evidence_kind=kind,
            evidence=str(form_data.get("evidence", ""))[:600],
        )
        secrets, settings = current_secrets(), get_settings()
        address = self.router.session.client_ip or None
        notice_read = ticked(form_data, "privacy_read")

        def apply(db):
            privacy_notice.require_notice_read(notice_read)
            member = accounts.register_applicant(
                db, secrets=secrets, settings=settings, address=address, **values
            )
            return member.role, sessions.open_session(db, member_id=member.id)

        done = await attempt(self, apply)
        if done.refused:
            return rx.set_value("register-password", "")
        role, token = done.value
        auth = await self.get_state(AuthState)
        auth.session_token = token
        return rx.redirect(home_for(role))
