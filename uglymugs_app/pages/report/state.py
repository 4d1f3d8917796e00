"""The report page's state: which step she is on, and what went wrong.

The typed values are never kept here: they live in the form on her device
(see assets/report_draft.js) and reach the server only as form data when she
moves on or submits.
"""

import json
import uuid

import reflex as rx

from uglymugs_app.i18n import translate
from uglymugs_app.models import Role
from uglymugs_app.pages.report import form as report_form
from uglymugs_app.services.errors import ServiceError
from uglymugs_app.services.members import accounts
from uglymugs_app.services.regions.directory import current_for_app
from uglymugs_app.services.reports import submission as reports
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.services.urgent import requests as urgent
from uglymugs_app.state.actions import attempt, in_db, message_for
from uglymugs_app.state.auth import acting_actor, authorised
from uglymugs_app.state.form_data import ticked
from uglymugs_app.state.ui import UiState

REPORTERS = (Role.MEMBER, Role.OUTREACH)
_NO_ERRORS = [""] * report_form.IDENTIFIER_ROWS
# The id of the draft on her device (assets/report_draft.js keeps it in the form).
DRAFT_ID = (
    "(function () { var f = document.getElementById('report-form');"
    " var i = f && f.elements.namedItem('client_id');"
    " return { client_id: (i && i.value) || '' }; })()"
)


class ReportState(rx.State):
    step: int = 0
    rows: int = 1  # identifier rows shown
    error: str = ""
    identifier_errors: list[str] = _NO_ERRORS
    sent_id: int = 0  # her new report's number, once stored
    _sent_draft: str = ""  # the on-device id of the draft that became it
    # Her urgent request from this draft: "" not asked, "sent" (or "sent
    # before"), and what went wrong, beside the button she tapped.
    contact: str = ""
    contact_error: str = ""

    @rx.event
    @authorised(*REPORTERS)
    async def load(self):
        """Resume where the draft on this device left off.

        A confirmation just shown stays (see ``resume``): after a dropped
        connection the page loads again right behind her delivered submit.
        """
        self.error, self.identifier_errors = "", _NO_ERRORS
        return rx.call_script(
            "window.umDraft && window.umDraft.meta()", callback=ReportState.resume
        )

    @rx.event
    async def resume(self, meta: dict):
        # Only shapes the form (step, row count): nothing to authorise.
        if not isinstance(meta, dict):
            return
        # A draft begun since the last report shows the form; the draft that
        # report came from (read just before it was forgotten) does not.
        if self.sent_id and not meta.get("started"):
            return None
        if self.sent_id and meta.get("client_id") == self._sent_draft:
            # Its answer was lost on the way to her phone: it did arrive.
            return rx.call_script("window.umDraft && window.umDraft.clear()")
        self.sent_id = 0
        self.step = _bounded(meta.get("step"), 0, report_form.LAST_STEP)
        self.rows = _bounded(meta.get("rows"), 1, report_form.IDENTIFIER_ROWS)

    @rx.event
    def add_identifier(self):
        self.rows = min(self.rows + 1, report_form.IDENTIFIER_ROWS)
        return [self._remember(), _focus(f"id-kind-{self.rows - 1}")]

    @rx.event
    def back(self):
        self.step, self.error = max(self.step - 1, 0), ""
        return [self._remember(), _focus(report_form.step_title(self.step))]

    @rx.event
    def new_report(self):
        self.sent_id, self.step, self.rows = 0, 0, 1
        self.contact = self.contact_error = ""
        return [self._remember(), _focus(report_form.step_title(0))]

    @rx.event
    @authorised(*REPORTERS)
    async def advance(self, form_data: dict):
        """Check the current step; on the last one, submit the report."""
        if self.sent_id:  # a late second tap on a report already sent
            return None
        # The step she was looking at when she tapped: after a reconnect the
        # server may have lost it, and the tap still means "this step is done".
        self.step = _bounded(form_data.get("step"), 0, report_form.LAST_STEP)
        if not await self._step_ok(self.step, form_data):
            return None
        if self.step < report_form.LAST_STEP:
            self.step += 1
            return [
                self._remember(),
                rx.scroll_to("page-title"),
                _focus(report_form.step_title(self.step), keep_scroll=True),
            ]
        for step in range(1, report_form.LAST_STEP):
            if not await self._step_ok(step, form_data):
                self.step = step
                return self._remember()
        return await self._submit(form_data)

    @rx.event
    @authorised(*REPORTERS)
    async def ask_contact(self, found: dict):
        """'Ask the organisation to contact me now': sent at once, before the form.

        ``found`` is the draft id the page read from the form; anything else
        the browser says is ignored, and the service limits how often she asks.
        """
        actor, secrets = acting_actor(), current_secrets()
        self.contact_error = ""
        try:
            client_id = uuid.UUID(str((found or {}).get("client_id", ""))[:40])
            asked = await in_db(
                lambda db: urgent.request_contact(
                    db, secrets=secrets, actor=actor, client_id=client_id
                )
            )
        except ServiceError as error:
            self.contact_error = await message_for(self, error)
            return None
        except (AttributeError, TypeError, ValueError):
            self.contact_error = await message_for(self, ServiceError("urgent.failed"))
            return None
        self.contact = "sent_before" if asked.repeated else "sent"
        return _focus("contact-sent")

    async def _submit(self, form_data: dict):
        actor, secrets = acting_actor(), current_secrets()
        on_behalf = actor.role == Role.OUTREACH and ticked(form_data, "on_behalf")
        country = await _her_phone_country(actor)

        def submit(db):
            sent = report_form.submission(form_data, country)
            return sent, reports.submit_report(
                db,
                secrets=secrets,
                submission=sent,
                reporter_id=None if on_behalf else actor.member_id,
                submitted_by_id=actor.member_id if on_behalf else None,
            )

        submitted = await attempt(self, submit)
        if submitted.refused:
            # The draft stays on her device: she can try again as it is.
            return None
        sent, summary = submitted.value
        self.sent_id, self.step, self.rows = summary.id, 0, 1
        self._sent_draft = str(sent.client_id)
        self.contact = self.contact_error = ""
        return [
            rx.call_script("window.umDraft && window.umDraft.clear()"),
            _focus(report_form.SENT_TITLE),
        ]

    async def _step_ok(self, step: int, form_data: dict) -> bool:
        language = (await self.get_state(UiState)).language
        # The database's regions, never the page's list (a browser can set that).
        key = report_form.step_error(step, form_data, regions=current_for_app().offered)
        self.error = translate(language, key) if key else ""
        if step == 3:
            keys = report_form.identifier_errors(
                form_data, await _her_phone_country(acting_actor())
            )
            self.identifier_errors = [translate(language, k) if k else "" for k in keys]
            key = key or next((k for k in keys if k), "")
        return not key

    def _remember(self):
        return rx.call_script(
            f"window.umDraft && window.umDraft.remember({json.dumps(self.step)}, "
            f"{json.dumps(self.rows)})"
        )


async def _her_phone_country(actor) -> str:
    """Where her national numbers are read first: the same rule as the check."""
    return await in_db(lambda db: accounts.my_phone_country(db, actor=actor))


def _focus(element_id: str, *, keep_scroll: bool = False):
    """Keyboard focus to what just appeared (assets/shell.js), so Tab goes on from
    there rather than from a button that moved or disappeared."""
    return rx.call_script(
        f"window.umFocus && window.umFocus({json.dumps(element_id)}, {json.dumps(keep_scroll)})"
    )


def _bounded(value, low: int, high: int) -> int:
    try:
        return min(max(int(value), low), high)
    except (TypeError, ValueError):
        return low
