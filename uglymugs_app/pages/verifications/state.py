"""The verification queue's state: moderators and admins only, checked on every handler."""

import reflex as rx

from uglymugs_app.services.actors import STAFF
from uglymugs_app.services.members import login, verification
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.settings import get_settings
from uglymugs_app.state.actions import attempt, in_db
from uglymugs_app.state.auth import acting_actor, authorised


class VerificationState(rx.State):
    # Filled only after the server has checked she is a moderator or admin.
    applications: list[dict[str, str]] = []
    error: str = ""
    reset_code: str = ""

    @rx.event
    @authorised(*STAFF)
    async def load(self):
        actor, secrets = acting_actor(), current_secrets()
        queue = await in_db(
            lambda db: verification.verification_queue(db, secrets=secrets, actor=actor)
        )
        self.applications = [
            {
                "id": str(a.member_id),
                "name": a.working_name,
                "status": a.status,
                "applied": a.applied_at.strftime("%Y-%m-%d %H:%M"),
                "kind": a.evidence_kind,
                "evidence": a.evidence,
                "vouched_by": a.vouched_by,
                "regions": ",".join(a.regions),  # codes: the page names them
                "message": a.message,
            }
            for a in queue
        ]
        return None

    @rx.event
    @authorised(*STAFF)
    async def decide(self, form_data: dict):
        """``member_id``, ``decision`` (approve | reject | more) and ``message``."""
        actor = acting_actor()
        decision = str(form_data.get("decision", ""))
        message = str(form_data.get("message", ""))[:1200]
        try:
            member_id = int(form_data.get("member_id", 0))
        except ValueError:
            self.error = ""
            return None
        if decision == "approve":
            work = lambda db: verification.approve(db, actor=actor, member_id=member_id)  # noqa: E731
        elif decision == "reject":
            work = lambda db: verification.reject(  # noqa: E731
                db, actor=actor, member_id=member_id, message=message
            )
        else:
            work = lambda db: verification.ask_for_more(  # noqa: E731
                db, actor=actor, member_id=member_id, message=message
            )
        if (await attempt(self, work)).refused:
            return None
        return VerificationState.load

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
