"""Applying: her account and first session are made together, her password never kept."""

import reflex as rx

from uglymugs_app.services.members import accounts, privacy_notice
from uglymugs_app.services.security import sessions
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.settings import get_settings
from uglymugs_app.state.actions import attempt
from uglymugs_app.state.auth import AuthState, home_for
from uglymugs_app.state.field_errors import look_here
from uglymugs_app.state.form_data import picked, ticked
from uglymugs_app.state.ui import UiState

FORM_ERROR = "register-error"
# Which field a refusal is about (catalogue key prefix -> the id her focus goes to).
FIELDS = {
    "account.name.": "register-name",
    "account.password.": "register-password",
    "account.regions.": "region-choices-error",
    "account.gender.": "gender-choices-error",
    "account.work.": "work-choices-error",
    "verification.": "register-evidence",
    "code.": "register-evidence",  # an invite or vouch code is typed there
    "privacy.read.": "privacy-read-error",  # the tick that she read the notice
}


class RegisterState(rx.State):
    error: str = ""
    error_field: str = ""

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

        done = await attempt(self, apply, fields=FIELDS, fallback=FORM_ERROR)
        if done.refused:
            # What she typed stays: the error sits beside it, her focus on it.
            return look_here(self.error_field)
        role, token = done.value
        auth = await self.get_state(AuthState)
        auth.session_token = token
        return rx.redirect(home_for(role))
