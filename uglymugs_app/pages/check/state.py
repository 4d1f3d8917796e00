"""The check's state. The searched value is never a var: it arrives in the
form's data, is passed to the service and dropped; only the answer stays,
masked, in the page, with the masked readings it is for.

``answered`` echoes the number the browser gave this check (assets/check.js),
so the browser shows an answer only for the check she made last, and says
plainly when no answer came ("Not checked — no connection").
"""

import re

import reflex as rx

from uglymugs_app.i18n import translate
from uglymugs_app.services.actors import VERIFIED
from uglymugs_app.services.members import accounts
from uglymugs_app.services.regions.help_contacts import help_contacts
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.services.warnings import check as check_service
from uglymugs_app.services.warnings.text import WarningText, warning_text
from uglymugs_app.settings import get_settings
from uglymugs_app.state.actions import attempt, in_db
from uglymugs_app.state.auth import acting_actor, authorised
from uglymugs_app.state.ui import UiState

INPUT_ID = "check-input"
MAX_INPUT = 300
LOW_LEFT = 5  # show how many checks are left only when few are
KIND_CHOICES = ("phone", "email", "handle", "plate")
_SEQUENCE = re.compile(r"^[0-9a-z]{1,32}$")


class CheckState(rx.State):
    outcome: str = ""  # "" | "found" | "none"
    searched: str = ""  # "Checked: Phone +31 6 12•• ••78" (masked, never the value)
    matched_on: str = ""  # "Reported under: Phone +31 6 12•• ••78"
    matches: list[WarningText] = []
    error: str = ""
    left: str = ""  # "Checks left this hour: 3" when few are left
    answered: str = ""  # the browser's number for the check this answer is for
    # At her check limit: the organisation's number, to call instead (when set).
    at_limit: bool = False
    call_text: str = ""  # "Call the organisation: 030 123 45 67"
    call_href: str = ""  # "tel:0301234567"

    @rx.event
    @authorised(*VERIFIED)
    async def load(self):
        """A fresh page; a number shared from another app is handed over by the
        service worker in the browser (assets/check.js), never through the URL."""
        self._clear()
        self.answered = ""
        return rx.call_script("window.umCheck && window.umCheck.mounted()")

    @rx.event
    @authorised(*VERIFIED)
    async def check(self, form_data: dict):
        """Keys ``q`` (anything she pasted), optionally ``kind`` and ``seq``."""
        raw = str(form_data.get("q", ""))[:MAX_INPUT]
        kind = str(form_data.get("kind", ""))
        sequence = str(form_data.get("seq", ""))
        actor, settings, secrets = acting_actor(), get_settings(), current_secrets()
        language = (await self.get_state(UiState)).language
        self._clear()
        self.answered = sequence if _SEQUENCE.match(sequence) else ""
        checked = await attempt(
            self,
            lambda db: check_service.check_identifier(
                db,
                secrets=secrets,
                settings=settings,
                member_id=actor.member_id,
                raw=raw,
                kind=kind if kind in KIND_CHOICES else None,
                country=accounts.my_phone_country(db, actor=actor),
            ),
        )
        if checked.refused:
            if checked.refusal and checked.refusal.key.startswith("check.limit."):
                await self._offer_call(language)
            return
        result = checked.value
        self.searched = translate(
            language, "check.searched", kind=_readings(language, result.searched)
        )
        if result.matched:
            self.matched_on = translate(
                language, "check.found_by", kind=_readings(language, result.matched)
            )
        self.matches = [warning_text(view, language) for view in result.matches]
        self.outcome = "found" if result.matches else "none"
        self.left = (
            translate(language, "check.left", count=result.left) if result.left <= LOW_LEFT else ""
        )

    async def _offer_call(self, language: str) -> None:
        self.at_limit = True
        contacts = await in_db(help_contacts)
        phone = next((c.phone for c in contacts if c.key == "organisation" and c.phone), "")
        if phone:
            self.call_text = translate(language, "check.limit.call", phone=phone)
            self.call_href = "tel:" + re.sub(r"[^0-9+]", "", phone)

    def _clear(self):
        self.outcome, self.searched, self.matched_on, self.error, self.left = "", "", "", "", ""
        self.call_text, self.call_href, self.at_limit = "", "", False
        self.matches = []


def _readings(language: str, values: list[check_service.CheckedValue]) -> str:
    """``Phone +40 721 2••• •7 · Phone +31 72 1••• ••67``: what was looked up."""
    return " · ".join(
        f"{translate(language, f'identifier.kind.{value.kind}')} {value.masked}" for value in values
    )
