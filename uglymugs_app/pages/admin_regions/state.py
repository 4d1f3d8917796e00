"""Admins add, rename, retire and restore regions and edit their local contacts.

Every handler is for admins only and every service checks the actor again.
"""

from __future__ import annotations

import reflex as rx

from uglymugs_app.i18n import LANGUAGES
from uglymugs_app.services.regions import editing, local_contacts
from uglymugs_app.services.regions.directory import RegionDirectory
from uglymugs_app.state.actions import attempt, in_db
from uglymugs_app.state.auth import acting_actor, authorised
from uglymugs_app.state.ui import UiState

MAX_FIELD = 400


def _names(form_data: dict) -> dict[str, str]:
    return {code: str(form_data.get(f"name_{code}", ""))[:MAX_FIELD] for code in LANGUAGES}


def _contact_input(form_data: dict) -> local_contacts.ContactInput:
    def text(name: str) -> str:
        return str(form_data.get(name, ""))[:MAX_FIELD]

    return local_contacts.ContactInput(
        kind=text("kind"),
        name=text("name"),
        phone=text("phone"),
        url=text("url"),
        note=text("note"),
    )


def _contact_id(form_data: dict) -> int:
    try:
        return int(str(form_data.get("contact_id", ""))[:12])
    except ValueError:
        return 0


class RegionsAdminState(rx.State):
    # Every region for the picker: {"code", "retired"} (names come from UiState.t).
    regions: list[dict[str, str]] = []
    chosen: str = ""
    chosen_retired: bool = False
    chosen_whole_country: bool = False
    # The chosen region's names: {"language", "native", "value"}.
    names: list[dict[str, str]] = []
    contacts: list[dict[str, str]] = []
    # Changes with every edit, so the forms show what is stored now.
    form_key: str = ""
    error: str = ""
    notice: str = ""

    @rx.event
    @authorised("admin")
    async def load(self):
        self.error = self.notice = ""
        await self._show(self.chosen)

    @rx.event
    @authorised("admin")
    async def choose(self, code: str):
        self.error = self.notice = ""
        await self._show(str(code)[:40])

    @rx.event
    @authorised("admin")
    async def add_region(self, form_data: dict):
        actor, names = acting_actor(), _names(form_data)
        added = await attempt(
            self,
            lambda db: editing.add_region(db, actor=actor, names=names),
            notice="regionadmin.added",
        )
        if not added.refused:
            await self._show(added.value)
            return UiState.on_visit
        return None

    @rx.event
    @authorised("admin")
    async def save_names(self, form_data: dict):
        actor, code, names = acting_actor(), self.chosen, _names(form_data)
        return await self._edit(
            lambda db: editing.rename_region(db, actor=actor, code=code, names=names),
            "regionadmin.saved",
        )

    @rx.event
    @authorised("admin")
    async def retire(self, code: str):
        """``code``: the region shown (named by the button, not taken from the state)."""
        actor, code = acting_actor(), str(code)[:40]
        return await self._edit(
            lambda db: editing.retire_region(db, actor=actor, code=code), "regionadmin.saved"
        )

    @rx.event
    @authorised("admin")
    async def restore(self, code: str):
        """``code``: the region shown (named by the button, not taken from the state)."""
        actor, code = acting_actor(), str(code)[:40]
        return await self._edit(
            lambda db: editing.restore_region(db, actor=actor, code=code), "regionadmin.saved"
        )

    @rx.event
    @authorised("admin")
    async def add_contact(self, form_data: dict):
        actor, code, data = acting_actor(), self.chosen, _contact_input(form_data)
        return await self._edit(
            lambda db: local_contacts.add_contact(db, actor=actor, region_code=code, data=data),
            "localcontact.saved",
        )

    @rx.event
    @authorised("admin")
    async def save_contact(self, form_data: dict):
        """``contact_id`` and the contact's fields."""
        actor, contact_id = acting_actor(), _contact_id(form_data)
        data = _contact_input(form_data)
        return await self._edit(
            lambda db: local_contacts.update_contact(
                db, actor=actor, contact_id=contact_id, data=data
            ),
            "localcontact.saved",
        )

    @rx.event
    @authorised("admin")
    async def remove_contact(self, contact_id: str):
        actor = acting_actor()
        try:
            number = int(str(contact_id)[:12])
        except ValueError:
            return None
        return await self._edit(
            lambda db: local_contacts.remove_contact(db, actor=actor, contact_id=number),
            "localcontact.removed",
        )

    async def _edit(self, work, notice: str):
        done = await attempt(self, work, notice=notice)
        await self._show(self.chosen)
        # Her own tab shows the new names at once; other tabs on their next page.
        return None if done.refused else UiState.on_visit

    async def _show(self, code: str) -> None:
        actor = acting_actor()
        found: RegionDirectory = await in_db(lambda db: editing.regions_for_admin(db, actor=actor))
        self.regions = [
            {"code": e.code, "retired": "yes" if e.retired else "no"} for e in found.entries
        ]
        entry = found.by_code.get(code) or next(
            (e for e in found.entries if not e.whole_country), found.entries[0]
        )
        self.chosen = entry.code
        self.chosen_retired, self.chosen_whole_country = entry.retired, entry.whole_country
        self.names = [
            {"language": language, "native": native, "value": entry.names.get(language, "")}
            for language, native in LANGUAGES.items()
        ]
        self.contacts = [
            {
                "id": str(c.id),
                "kind": c.kind,
                "name": c.name,
                "phone": c.phone,
                "url": c.url,
                "note": c.note,
            }
            for c in entry.contacts
        ]
        self.form_key = f"{entry.code}-{found.revision}"
