"""Admins change the help contacts; the help pages read them through ``HelpState``."""

import reflex as rx

from uglymugs_app.services.regions import help_contacts
from uglymugs_app.state.actions import attempt
from uglymugs_app.state.auth import acting_actor, authorised
from uglymugs_app.state.help import HelpState


class ContactsAdminState(rx.State):
    error: str = ""
    notice: str = ""

    @rx.event
    @authorised("admin")
    async def load(self):
        self.error = self.notice = ""
        return HelpState.load

    @rx.event
    @authorised("admin")
    async def save(self, form_data: dict):
        """Keys ``key``, ``phone``, ``url`` and ``note``."""
        actor = acting_actor()
        values = {
            name: str(form_data.get(name, ""))[:400] for name in ("key", "phone", "url", "note")
        }
        saved = await attempt(
            self,
            lambda db: help_contacts.update_contact(db, actor=actor, **values),
            notice="contacts.saved",
        )
        return None if saved.refused else HelpState.load
