"""The help contacts every visitor may see (they are public numbers)."""

import reflex as rx

from uglymugs_app.services.regions.help_contacts import help_contacts
from uglymugs_app.state.actions import in_db

DIALLED = set("+0123456789")


class HelpState(rx.State):
    contacts: list[dict[str, str]] = []

    @rx.event
    async def load(self):
        found = await in_db(help_contacts)
        self.contacts = [
            {
                "key": c.key,
                "label": f"contact.{c.key}",
                "phone": c.phone,
                "tel": "tel:" + "".join(ch for ch in c.phone if ch in DIALLED),
                "url": c.url,
                "note": c.note,
            }
            for c in found
        ]
