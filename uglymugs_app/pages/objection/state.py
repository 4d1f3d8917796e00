"""A person's objection to being listed. Public: no account, any visitor.

Whatever he sends, a received objection gets one answer, the same words for
a listed and an unlisted identifier (the service does no lookup), so this
page can never serve as a check for clients.
"""

import reflex as rx

from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.services.warnings import objections
from uglymugs_app.services.warnings.objections import ObjectionInput
from uglymugs_app.settings import get_settings
from uglymugs_app.state.actions import attempt

RECEIVED = "objection.received"


def _text(form_data: dict, name: str, limit: int) -> str:
    return str(form_data.get(name) or "")[:limit]


class ObjectionState(rx.State):
    error: str = ""
    notice: str = ""

    @rx.event
    async def start(self):
        """A fresh form on every visit (a shared device shows no earlier answer)."""
        self.error, self.notice = "", ""

    @rx.event
    async def submit(self, form_data: dict):
        objection = ObjectionInput(
            kind=_text(form_data, "kind", 10),
            identifier=_text(form_data, "identifier", 300),
            platform=_text(form_data, "platform", 20) or None,
            reason=_text(form_data, "reason", 2100),
            contact=_text(form_data, "contact", 250),
        )
        secrets, settings = current_secrets(), get_settings()
        address = self.router.session.client_ip or None
        done = await attempt(
            self,
            lambda db: objections.submit_objection(
                db, secrets=secrets, settings=settings, address=address, objection=objection
            ),
            notice=RECEIVED,
        )
        if not done.refused:
            return rx.set_value("objection-reason", "")
        return None
