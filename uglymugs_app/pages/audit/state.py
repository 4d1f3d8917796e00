"""The audit log's state: admins only; the filter is checked before it is used."""

import reflex as rx

from uglymugs_app.i18n import catalogue, supported
from uglymugs_app.models import Role
from uglymugs_app.services.security import audit
from uglymugs_app.state.actions import in_db
from uglymugs_app.state.auth import acting_actor, authorised
from uglymugs_app.state.ui import UiState

# What an audit event can be about; each has a label in i18n/audit_subjects
# (a unit test finds every subject a service records).
SUBJECT_TYPES = (
    "report",
    "warning",
    "member",
    "objection",
    "police_request",
    "region",
    "region_contact",
    "help_contact",
    "push_subscription",
)


class AuditState(rx.State):
    events: list[dict[str, str]] = []
    subject_type: str = ""
    subject_id: str = ""

    @rx.event
    @authorised(Role.ADMIN)
    async def load(self):
        actor = acting_actor()
        kind = self.subject_type or None
        number = int(self.subject_id) if self.subject_id.isdigit() else None
        found = await in_db(
            lambda db: audit.list_audit_events(
                db, actor=actor, subject_type=kind, subject_id=number
            )
        )
        # Every action a service records has a label in i18n/audit (a unit test
        # keeps it so); only an event of an action since retired shows its code.
        texts = catalogue(supported((await self.get_state(UiState)).language))
        self.events = [
            {
                "id": str(e.id),
                "at": e.at.strftime("%Y-%m-%d %H:%M:%S"),
                "actor": str(e.actor_id or "—"),
                "action": e.action,
                "label": texts.get(e.action, e.action),
                "subject": _subject(texts, e.subject_type, e.subject_id),
                "detail": e.detail,
                "before": e.before,
                "after": e.after,
            }
            for e in found
        ]

    @rx.event
    @authorised(Role.ADMIN)
    async def filter(self, form_data: dict):
        kind = str(form_data.get("subject_type", ""))
        self.subject_type = kind if kind in SUBJECT_TYPES else ""
        self.subject_id = str(form_data.get("subject_id", "")).strip()[:12]
        return AuditState.load


def _subject(texts: dict[str, str], kind: str, number: int | None) -> str:
    """ "Report #12": the subject's label, and its number where it has one."""
    label = texts.get(f"audit.subject.{kind}", kind)
    return f"{label} #{number}" if number else label
