"""Enrolment of staff's authenticator app; her new secret is cleared once confirmed."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.services.security import sessions, two_factor
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.state.actions import attempt, in_db
from uglymugs_app.state.auth import AuthState, current_actor, home_for

ENROLLING = ("moderator", "admin")


class TwoFactorState(rx.State):
    # Her own new secret, shown to her alone while she enrols; cleared after.
    secret: str = ""
    uri: str = ""
    recovery_codes: list[str] = []
    error: str = ""

    @rx.event
    async def start(self):
        # Her session is not complete yet, so not @authorised: checked here.
        actor = await current_actor(self, allow_incomplete=True)
        if actor is None or actor.role not in ENROLLING:
            return rx.redirect(routes.LOGIN)
        secrets = current_secrets()
        enrolment = await attempt(
            self,
            lambda db: two_factor.start_enrolment(db, secrets=secrets, member_id=actor.member_id),
        )
        if enrolment.refused:  # already enrolled
            return rx.redirect(home_for(actor.role))
        self.secret, self.uri = enrolment.value.secret, enrolment.value.uri
        self.recovery_codes = []
        return None

    @rx.event
    async def confirm(self, form_data: dict):
        actor = await current_actor(self, allow_incomplete=True)
        if actor is None or actor.role not in ENROLLING:
            return rx.redirect(routes.LOGIN)
        secrets, code = current_secrets(), str(form_data.get("code", ""))[:12]
        session = (await self.get_state(AuthState))._session()
        confirmed = await attempt(
            self,
            lambda db: two_factor.confirm_enrolment(
                db, secrets=secrets, member_id=actor.member_id, code=code
            ),
        )
        if confirmed.refused:
            return None
        await in_db(lambda db: sessions.complete_session(db, reference=session))
        await current_actor(self)
        self.secret = self.uri = ""
        self.recovery_codes = confirmed.value
        return None
