"""The check's state. What she typed never reaches it: the page reads her
input, blinds every reading of it in the browser (assets/private_check.js,
driven by assets/check.js) and sends only the blinded elements. This state
hands the browser the check table and the warnings a check can find when the
page opens, and evaluates the blinded elements, counted against her limits.
The answer is worked out and shown in the browser; nothing is sent back.

``seq`` is the browser's number for one check; the evaluation carries it
back, so the browser shows an answer only for the check she made last.
"""

import json
import re

import reflex as rx

from uglymugs_app.i18n import catalogue, supported, translate
from uglymugs_app.services.actors import VERIFIED
from uglymugs_app.services.private_check.evaluation import ELEMENTS_PER_CHECK, evaluate_check
from uglymugs_app.services.private_check.opening import (
    OpenedCheck,
    open_check,
    reopened_if_changed,
)
from uglymugs_app.services.regions.help_contacts import help_contacts
from uglymugs_app.services.security.instance_secrets import current_secrets
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
# The texts the browser composes the answer from, in her language.
BROWSER_WORDS = (
    *(f"identifier.kind.{kind}" for kind in KIND_CHOICES),
    "identifier.empty",
    "identifier.phone.invalid",
    "identifier.email.invalid",
    "identifier.handle.invalid",
    "identifier.handle.platform",
    "identifier.plate.invalid",
    "identifier.kind.invalid",
    "identifier.kind.not_checkable",
    "identifier.several",
    "check.searched",
    "check.found_by",
    "private_check.unavailable",
    "private_check.failed",
)


class CheckState(rx.State):
    # Every warning a check can find, held by the page so that showing an
    # answer asks the server nothing (services/private_check/opening.py).
    cards: list[WarningText] = []
    error: str = ""  # a refusal, handed to the browser at once and cleared
    # At her check limit: the organisation's number, to call instead (when set).
    at_limit: bool = False
    call_text: str = ""  # "Call the organisation: 030 123 45 67"
    call_href: str = ""  # "tel:0301234567"

    @rx.event
    @authorised(*VERIFIED)
    async def load(self):
        """A fresh page: the table, the warnings and her country for the
        browser; a number shared from another app is handed over by the
        service worker in the browser (assets/check.js), never through the URL."""
        self.cards, self.error = [], ""
        self._no_call()
        actor, secrets = acting_actor(), current_secrets()
        language = supported((await self.get_state(UiState)).language)
        opened = await attempt(self, lambda db: open_check(db, actor=actor, secrets=secrets))
        if opened.refused:
            return rx.call_script("window.umCheck && window.umCheck.mounted()")
        setup = self._hold(opened.value, language)
        return [
            rx.call_script(f"window.umCheck && window.umCheck.setup({json.dumps(setup)})"),
            rx.call_script("window.umCheck && window.umCheck.mounted()"),
        ]

    def _hold(self, opened: OpenedCheck, language: str) -> dict:
        """Keep the warnings for the page; what the browser's script gets."""
        self.cards = [warning_text(view, language) for view in opened.warnings]
        words = catalogue(language)
        return {
            "table": opened.table.__dict__,
            "country": opened.country,
            "words": {key: words[key] for key in BROWSER_WORDS},
        }

    @rx.event
    @authorised(*VERIFIED)
    async def check(self, form_data: dict):
        """Keys ``blinded`` (a JSON list of base64 points), ``seq`` and
        ``table`` (the version of the table the page holds)."""
        sequence = str(form_data.get("seq", ""))
        version = str(form_data.get("table", ""))[:200]
        sequence = sequence if _SEQUENCE.match(sequence) else ""
        blinded = _blinded(form_data.get("blinded"))
        actor, settings, secrets = acting_actor(), get_settings(), current_secrets()
        language = supported((await self.get_state(UiState)).language)

        def work(db):
            evaluation = evaluate_check(
                db, actor=actor, secrets=secrets, settings=settings, blinded=blinded
            )
            fresh = reopened_if_changed(db, actor=actor, secrets=secrets, version=version)
            return evaluation, fresh

        checked = await attempt(self, work)
        self._no_call()
        if checked.refused:
            if checked.refusal and checked.refusal.key.startswith("check.limit."):
                await self._offer_call(language)
            refusal = {"seq": sequence, "message": self.error}
            self.error = ""
            return rx.call_script(
                f"window.umCheck && window.umCheck.refused({json.dumps(refusal)})"
            )
        result, fresh = checked.value
        answer = {
            "seq": sequence,
            "key_id": result.key_id,
            "evaluated": result.evaluated,
            "proof": result.proof,
            "left": translate(language, "check.left", count=result.left)
            if result.left <= LOW_LEFT
            else "",
            # A warning published since the page opened is checked too.
            "setup": self._hold(fresh, language) if fresh else None,
        }
        return rx.call_script(f"window.umCheck && window.umCheck.evaluated({json.dumps(answer)})")

    async def _offer_call(self, language: str) -> None:
        self.at_limit = True
        contacts = await in_db(help_contacts)
        phone = next((c.phone for c in contacts if c.key == "organisation" and c.phone), "")
        if phone:
            self.call_text = translate(language, "check.limit.call", phone=phone)
            self.call_href = "tel:" + re.sub(r"[^0-9+]", "", phone)

    def _no_call(self) -> None:
        self.call_text, self.call_href, self.at_limit = "", "", False


def _blinded(raw: object) -> list[str]:
    """The blinded elements from the form; anything malformed becomes [] (refused)."""
    try:
        value = json.loads(str(raw or "[]")[: 64 * ELEMENTS_PER_CHECK])
    except ValueError:
        return []
    return value if isinstance(value, list) else []
