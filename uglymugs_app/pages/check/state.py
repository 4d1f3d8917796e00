"""The check's state. The searched value is never a var: it arrives in the
form's data (or once in the share-target URL), is passed to the service and
dropped; only the answer stays, masked, in the page."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.i18n import translate
from uglymugs_app.services.actors import VERIFIED
from uglymugs_app.services.errors import CheckRateLimited
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.services.warnings import check as check_service
from uglymugs_app.services.warnings.text import WarningText, warning_text
from uglymugs_app.settings import get_settings
from uglymugs_app.state.actions import attempt
from uglymugs_app.state.auth import acting_actor, authorised
from uglymugs_app.state.ui import UiState

INPUT_ID = "check-input"
MAX_INPUT = 300
LOW_LEFT = 5  # show how many checks are left only when few are


class CheckState(rx.State):
    outcome: str = ""  # "" | "found" | "none"
    searched: str = ""  # "Checked: phone", never the value
    matches: list[WarningText] = []
    error: str = ""
    left: str = ""  # "Checks left this hour: 3" when few are left

    @rx.event
    @authorised(*VERIFIED)
    async def load(self):
        """Fresh page; a number shared from another app (``?q=``) is checked at once
        and taken out of the address bar and the history entry."""
        self.outcome, self.searched, self.matches, self.error, self.left = "", "", [], "", ""
        shared = str(self.router.page.params.get("q", ""))[:MAX_INPUT]
        if not shared:
            return None
        forget_url = rx.call_script(f"window.history.replaceState(null, '', '{routes.CHECK}')")
        if not await self._check(shared):
            # Not checkable as it came (e.g. text around the number): let her edit it.
            return [forget_url, rx.set_value(INPUT_ID, shared)]
        return forget_url

    @rx.event
    @authorised(*VERIFIED)
    async def check(self, form_data: dict):
        """Keys ``q`` (anything she pasted) and optionally ``kind``."""
        raw = str(form_data.get("q", ""))[:MAX_INPUT]
        if await self._check(raw):
            return rx.set_value(INPUT_ID, "")
        return None

    async def _check(self, raw: str) -> bool:
        """Run the check; True when it gave an answer (so the input is cleared)."""
        actor, settings, secrets = acting_actor(), get_settings(), current_secrets()
        language = (await self.get_state(UiState)).language
        checked = await attempt(self, lambda db: check_service.check_identifier(
            db, secrets=secrets, settings=settings, member_id=actor.member_id, raw=raw))
        if checked.refused:
            self.outcome, self.matches = "", []
            return isinstance(checked.refusal, CheckRateLimited)
        result = checked.value
        kind = translate(language, f"identifier.kind.{result.kind}")
        self.searched = translate(language, "check.searched", kind=kind)
        self.matches = [warning_text(view, language) for view in result.matches]
        self.outcome = "found" if result.matches else "none"
        self.left = (translate(language, "check.left", count=result.left)
                     if result.left <= LOW_LEFT else "")
        return True
