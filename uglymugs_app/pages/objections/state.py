"""State of the objection queue. Staff only: every handler checks the role.

His identifier, reason and contact are put in these vars only after
``@authorised(*STAFF)`` resolved a moderator or admin; the warnings naming
it are looked up then, never on the public page.
"""

import dataclasses
from collections.abc import Callable

import reflex as rx
from sqlmodel import Session

from uglymugs_app.models import ObjectionStatus
from uglymugs_app.services.actors import STAFF
from uglymugs_app.services.errors import InvalidInput
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.services.warnings import objections
from uglymugs_app.state.actions import attempt
from uglymugs_app.state.auth import acting_actor, authorised


@dataclasses.dataclass
class ListedItem:
    warning: str
    report: str
    status: str
    summary: str
    masked: str


@dataclasses.dataclass
class ObjectionItem:
    id: str
    kind: str
    identifier: str
    reason: str
    contact: str
    received: str
    outcome: str
    note: str
    listed: list[ListedItem]


def _number(value) -> int:
    try:
        return int(str(value))
    except ValueError:
        raise InvalidInput("objection.invalid") from None


def _item(view: objections.ObjectionView) -> ObjectionItem:
    return ObjectionItem(
        id=str(view.id),
        kind=view.kind,
        identifier=view.identifier,
        reason=view.reason,
        contact=view.contact,
        received=view.received_at.strftime("%Y-%m-%d %H:%M"),
        outcome=view.outcome,
        note=view.note,
        listed=[
            ListedItem(str(w.warning_id), str(w.report_id), w.status, w.summary, w.masked)
            for w in view.listed
        ],
    )


class ObjectionsState(rx.State):
    items: list[ObjectionItem] = []
    showing: str = ObjectionStatus.OPEN.value
    error: str = ""
    notice: str = ""

    @rx.event
    @authorised(*STAFF)
    async def load(self):
        await self._load()

    @rx.event
    @authorised(*STAFF)
    async def show(self, status: str):
        self.showing = status if status in tuple(ObjectionStatus) else ObjectionStatus.OPEN.value
        self.notice = ""
        await self._load()

    @rx.event
    @authorised(*STAFF)
    async def decide(self, form_data: dict):
        """``objection_id``, ``action`` (retract, remove, keep), ``warning_id``, ``note``.

        The service checks that the warning names his identifier and that the
        objection is still open: a forged pair of ids changes nothing.
        """
        actor, secrets = acting_actor(), current_secrets()
        action = str(form_data.get("action", ""))
        note = str(form_data.get("note", ""))[:500]

        def work(db: Session) -> None:
            objection_id = _number(form_data.get("objection_id"))
            if action == "keep":
                objections.keep_listing(
                    db, secrets=secrets, actor=actor, objection_id=objection_id, note=note
                )
                return
            act: Callable[..., None] = {
                "retract": objections.retract_listed,
                "remove": objections.remove_listed_identifier,
            }.get(action) or _unknown
            act(
                db,
                secrets=secrets,
                actor=actor,
                objection_id=objection_id,
                warning_id=_number(form_data.get("warning_id")),
                note=note,
            )

        done = await attempt(self, work, notice="objections.handled")
        if not done.refused:
            await self._load()

    async def _load(self) -> None:
        actor, secrets, status = acting_actor(), current_secrets(), self.showing
        found = await attempt(
            self,
            lambda db: objections.objection_queue(db, secrets=secrets, actor=actor, status=status),
        )
        self.items = [] if found.refused else [_item(view) for view in found.value]


def _unknown(*_args, **_kwargs) -> None:
    raise InvalidInput("objection.invalid")
