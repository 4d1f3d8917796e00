"""The applicant's status, her exchange with the moderator and her answers;
a verified member is sent on."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.pages.verifications.rows import exchange_rows
from uglymugs_app.services.members import exchange, verification
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.state.actions import attempt, in_db
from uglymugs_app.state.auth import acting_actor, authorised, current_actor, home_for


class StatusState(rx.State):
    status: str = ""
    message: str = ""
    exchange: list[dict[str, str]] = []
    error: str = ""
    notice: str = ""

    @rx.event
    async def load(self):
        actor = await current_actor(self)
        if actor is None:
            return rx.redirect(routes.LOGIN)
        if actor.role != "applicant":  # verified meanwhile: her home is the app
            return rx.redirect(home_for(actor.role))
        secrets = current_secrets()
        found = await in_db(
            lambda db: verification.application_status(db, actor=actor, secrets=secrets)
        )
        self.status, self.message = found.status, found.message
        self.exchange = exchange_rows(found.exchange)
        return None

    @rx.event
    @authorised("applicant")
    async def answer(self, form_data: dict):
        """Her words, a new ad link, or both."""
        actor, secrets = acting_actor(), current_secrets()
        text = str(form_data.get("answer", ""))[:1200]
        link = str(form_data.get("evidence", ""))[:600]
        answered = await attempt(
            self,
            lambda db: exchange.answer(db, secrets=secrets, actor=actor, text=text, link=link),
            notice="status.answer.sent",
        )
        return None if answered.refused else StatusState.load

    @rx.event
    @authorised("applicant")
    async def add_code(self, form_data: dict):
        """An invite code from an outreach worker."""
        actor, secrets = acting_actor(), current_secrets()
        code = str(form_data.get("code", ""))[:80]
        added = await attempt(
            self,
            lambda db: verification.add_evidence(
                db, secrets=secrets, actor=actor, kind="invite", evidence=code
            ),
        )
        if added.refused:
            return None
        now = await current_actor(self)
        return rx.redirect(routes.HOME) if now and now.role == "member" else StatusState.load
