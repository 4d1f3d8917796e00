"""The moderator dashboard's state. Staff only: every handler checks the role.

Unmasked report data (identifiers, her words) is put in these vars only after
``@authorised(*STAFF)`` has resolved a moderator or admin from the database.
"""

from collections.abc import Callable
from typing import Any

import reflex as rx
from sqlmodel import Session

from uglymugs_app.pages.moderate import sections as views
from uglymugs_app.pages.moderate.case import CaseState
from uglymugs_app.services.actors import STAFF
from uglymugs_app.services.regions.directory import current_for_app, regions_catalogue
from uglymugs_app.services.reports import moderation, threads
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.services.warnings import lifecycle as warnings
from uglymugs_app.services.warnings import publishing
from uglymugs_app.services.warnings.publishing import WarningDraft
from uglymugs_app.services.warnings.text import WarningText, warning_text
from uglymugs_app.settings import get_settings
from uglymugs_app.state.actions import attempt, in_db
from uglymugs_app.state.auth import acting_actor, authorised
from uglymugs_app.state.field_errors import look_here
from uglymugs_app.state.ui import UiState

THREAD_ID = "moderator-thread"
# A refused draft: the error beside what it is about, else beside her button.
PREVIEW_ERROR, PUBLISH_ERROR = "preview-warning-error", "publish-warning-error"
COMPOSE_FIELDS = {
    "moderation.summary.": "warning-summary",
    "moderation.text.": "warning-summary",
    "moderation.severity.": "severity-error",
    "moderation.regions.": "warning-regions-error",
}


class ModerationState(rx.State):
    queue: list[dict[str, str]] = []
    status_filter: str = ""
    region_filter: str = ""
    selected: int = 0
    detail: dict[str, str] = {}
    incident_types: list[str] = []
    appearance: list[dict[str, str]] = []
    wishes: list[str] = []
    identifiers: list[dict[str, str]] = []
    linked: list[dict[str, str]] = []
    warning: dict[str, str] = {}
    warning_identifiers: list[dict[str, str]] = []
    # The previewed warning (one, or none) and, on the server only, its draft.
    preview: list[WarningText] = []
    _draft: WarningDraft | None = None
    error: str = ""
    error_field: str = ""  # where the error shows: "" at the top, else by that element
    notice: str = ""

    @rx.event
    @authorised(*STAFF)
    async def load(self):
        await self._load_queue()

    async def _load_queue(self) -> None:
        actor = acting_actor()
        statuses = [self.status_filter] if self.status_filter else None
        region = self.region_filter or None
        found = await in_db(
            lambda db: moderation.moderator_queue(db, actor=actor, statuses=statuses, region=region)
        )
        self.queue = [views.queue_row(item) for item in found]

    @rx.event
    @authorised(*STAFF)
    async def filter(self, form_data: dict):
        self.status_filter = views.known_status(form_data.get("status"))
        self.region_filter = views.known_region(form_data.get("region"), current_for_app().known)
        return ModerationState.load

    @rx.event
    @authorised(*STAFF)
    async def select(self, report_id: str):
        self.notice = ""
        await self._open(views.number(report_id))

    @rx.event
    @authorised(*STAFF)
    async def send(self, form_data: dict):
        actor, body = acting_actor(), str(form_data.get("body", ""))[:4000]
        if await self._act(
            lambda db, secrets, report_id: threads.send_moderator_message(
                db, secrets=secrets, actor=actor, report_id=report_id, body=body
            ),
            "",
        ):
            return rx.set_value(f"{THREAD_ID}-body", "")
        return None

    @rx.event
    @authorised(*STAFF)
    async def preview_draft(self, form_data: dict):
        """Show the warning exactly as members would see it; publishing comes after."""
        actor, settings, secrets = acting_actor(), get_settings(), current_secrets()
        draft, report_id = views.warning_draft(form_data), self.selected
        self.preview, self._draft = [], None
        previewed = await attempt(
            self,
            lambda db: publishing.preview_warning(
                db,
                secrets=secrets,
                settings=settings,
                actor=actor,
                report_id=report_id,
                draft=draft,
            ),
            fields=COMPOSE_FIELDS,
            fallback=PREVIEW_ERROR,
        )
        if previewed.refused:
            return look_here(self.error_field)
        language = (await self.get_state(UiState)).language
        self.notice = ""
        self.preview, self._draft = (
            [warning_text(previewed.value, language, words=regions_catalogue(language))],
            draft,
        )

    @rx.event
    @authorised(*STAFF)
    async def publish(self):
        """Publish the draft last previewed, so members get what she saw."""
        actor, settings, draft = acting_actor(), get_settings(), self._draft
        if draft is None:
            return
        published = await self._act(
            lambda db, secrets, report_id: publishing.publish_warning(
                db,
                secrets=secrets,
                settings=settings,
                actor=actor,
                report_id=report_id,
                draft=draft,
            ),
            "moderate.published",
            fields=COMPOSE_FIELDS,
            fallback=PUBLISH_ERROR,
        )
        return None if published else look_here(self.error_field)

    @rx.event
    @authorised(*STAFF)
    async def decline(self, form_data: dict):
        actor, reason = acting_actor(), str(form_data.get("reason", ""))[:1000]
        await self._act(
            lambda db, secrets, report_id: moderation.decline_report(
                db, secrets=secrets, actor=actor, report_id=report_id, reason=reason
            ),
            "moderate.declined",
        )

    @rx.event
    @authorised(*STAFF)
    async def close(self):
        actor = acting_actor()
        await self._act(
            lambda db, secrets, report_id: moderation.close_report(
                db, actor=actor, report_id=report_id
            ),
            "moderate.closed",
        )

    @rx.event
    @authorised(*STAFF)
    async def correct(self, form_data: dict):
        actor, warning_id = acting_actor(), views.number(self.warning.get("id"))
        correction = views.correction(form_data)
        reason = str(form_data.get("reason", ""))[:500]
        await self._act(
            lambda db, secrets, report_id: warnings.correct_warning(
                db,
                secrets=secrets,
                actor=actor,
                warning_id=warning_id,
                correction=correction,
                reason=reason,
            ),
            "moderate.corrected",
        )

    @rx.event
    @authorised(*STAFF)
    async def retract(self, form_data: dict):
        actor, warning_id = acting_actor(), views.number(self.warning.get("id"))
        reason = str(form_data.get("reason", ""))[:500]
        await self._act(
            lambda db, secrets, report_id: warnings.retract_warning(
                db, actor=actor, warning_id=warning_id, reason=reason
            ),
            "moderate.retracted",
        )

    @rx.event
    @authorised(*STAFF)
    async def keep_warning(self, form_data: dict):
        """She withdrew; the moderator keeps the warning, saying why."""
        actor, warning_id = acting_actor(), views.number(self.warning.get("id"))
        reason = str(form_data.get("reason", ""))[:500]
        await self._act(
            lambda db, secrets, report_id: warnings.keep_after_review(
                db, actor=actor, warning_id=warning_id, reason=reason
            ),
            "moderate.review.kept",
        )

    async def _act(self, work: Callable, notice_key: str, **placing: Any) -> bool:
        """Run a moderator action on the open report, then show it afresh.

        ``placing``: ``fields`` and ``fallback`` of ``attempt``, to show a
        refusal beside what it is about instead of at the top."""
        secrets, report_id = current_secrets(), self.selected
        done = await attempt(
            self, lambda db: work(db, secrets, report_id), notice=notice_key, **placing
        )
        if done.refused:
            return False
        await self._open(report_id, viewing=False)  # her action is audited, not a view
        await self._load_queue()
        return True

    async def _open(self, report_id: int, *, viewing: bool = True) -> None:
        """Show one report; a notice about what was just done to it stays."""
        actor, secrets = acting_actor(), current_secrets()

        def read(db: Session):
            detail = moderation.report_detail(
                db, secrets=secrets, actor=actor, report_id=report_id, viewing=viewing
            )
            warning = views.published_warning(db, actor=actor, warning_id=detail.warning_id)
            return detail, warning

        # A preview belongs to one report and one moment: opened afresh, it goes.
        self.preview, self._draft = [], None
        found = await attempt(self, read)
        case = await self.get_state(CaseState)
        if found.refused:
            self.selected, self.detail = 0, {}
            case._forget()
            return
        detail, warning = found.value
        # Its thread, who handles it and the notes: they update by themselves.
        await case._show(report_id)
        self.selected = report_id
        self.detail = views.detail_fields(detail)
        content = detail.content
        self.incident_types, self.wishes = content.incident_types, views.wishes(content)
        language = (await self.get_state(UiState)).language
        self.appearance = views.appearance_rows(content.appearance, language)
        self.identifiers = [views.identifier_row(i) for i in content.identifiers]
        self.linked = [views.linked_row(link) for link in detail.linked]
        self.warning, self.warning_identifiers = views.warning_fields(warning)
