"""The help contacts every visitor may see (they are public numbers): the
national ones, and the local ones of her regions or of the region she picks."""

import reflex as rx

from uglymugs_app.services.regions import local_contacts
from uglymugs_app.services.regions.help_contacts import DEFAULTS, help_contacts
from uglymugs_app.state.actions import in_db
from uglymugs_app.state.auth import current_actor

DIALLED = set("+0123456789")
# Every contact the help pages can show, in their order (their numbers come from the database).
CONTACT_KEYS = tuple(DEFAULTS)
# Rows of the local list that are not contacts: a region's heading, "none yet".
HEADING, NONE_YET = "", "none"
EMPTY_ROW = dict.fromkeys(("region", "kind", "id", "name", "phone", "tel", "url", "note"), "")
EMPTY_CONTACT = dict.fromkeys(("key", "label", "phone", "tel", "url", "note"), "")


def _tel(phone: str) -> str:
    return "tel:" + "".join(ch for ch in phone if ch in DIALLED)


class HelpState(rx.State):
    # Every contact key, once loaded (the service fills in defaults): empty
    # means the numbers have not come yet.
    contacts: list[dict[str, str]] = []
    # Local contacts as rows: a region's heading ("kind" "") then its contacts.
    local: list[dict[str, str]] = []
    # The region picked on the page ("": those in her settings).
    local_region: str = ""

    @rx.var
    def reach(self) -> dict[str, dict[str, str]]:
        """The contacts by key, one entry per key even before they are loaded,
        so the page draws every contact's name at once and only fills in the
        ways to reach it."""
        loaded = {contact["key"]: contact for contact in self.contacts}
        return {key: loaded.get(key, EMPTY_CONTACT) for key in CONTACT_KEYS}

    @rx.event
    async def load(self):
        found = await in_db(help_contacts)
        self.contacts = [
            {
                "key": c.key,
                "label": f"contact.{c.key}",
                "phone": c.phone,
                "tel": _tel(c.phone),
                "url": c.url,
                "note": c.note,
            }
            for c in found
        ]
        await self._show_local()

    @rx.event
    async def choose_region(self, code: str):
        self.local_region = str(code)[:40]
        await self._show_local()

    async def _show_local(self) -> None:
        actor, chosen = await current_actor(self), self.local_region
        sections = await in_db(
            lambda db: local_contacts.help_sections(db, actor=actor, chosen=chosen)
        )
        rows: list[dict[str, str]] = []
        for code, contacts in sections:
            rows.append({**EMPTY_ROW, "region": code, "kind": HEADING})
            if not contacts:
                rows.append({**EMPTY_ROW, "region": code, "kind": NONE_YET})
            rows.extend(
                {
                    "region": code,
                    "kind": c.kind,
                    "id": str(c.id),
                    "name": c.name,
                    "phone": c.phone,
                    "tel": _tel(c.phone),
                    "url": c.url,
                    "note": c.note,
                }
                for c in contacts
            )
        self.local = rows
