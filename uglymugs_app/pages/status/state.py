"""The applicant's status and the evidence she adds; a verified member is sent on."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.services.members import verification
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.state.actions import attempt, in_db
from uglymugs_app.state.auth import acting_actor, authorised, current_actor, home_for


class StatusState(rx.State):
    status: str = ""
    message: str = ""
    error: str = ""

    @rx.event
    async def load(self):
        actor = await current_actor(self)
        if actor is None:
            return rx.redirect(routes.LOGIN)
        if actor.role != "applicant":  # verified meanwhile: her home is the app
            return rx.redirect(home_for(actor.role))
        found = await in_db(lambda db: verification.application_status(db, actor=actor))
        self.status, self.message = found.status, found.message
        return None

    @rx.event
    @authorised("applicant")
    async def add_evidence(self, form_data: dict):
        actor, secrets = acting_actor(), current_secrets()
        kind = "invite" if form_data.get("evidence_kind") == "invite" else "ad_link"
        evidence = str(form_data.get("evidence", ""))[:600]
        added = await attempt(
            self,
            lambda db: verification.add_evidence(
                db, secrets=secrets, actor=actor, kind=kind, evidence=evidence
            ),
        )
        if added.refused:
            return None
        now = await current_actor(self)
        return rx.redirect(routes.HOME) if now and now.role == "member" else StatusState.load
