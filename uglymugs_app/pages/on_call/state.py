"""Admins set who is on call when; urgent requests go to those people's devices."""

import reflex as rx

from uglymugs_app.models import Role
from uglymugs_app.services.urgent import on_call
from uglymugs_app.state.actions import attempt, in_db
from uglymugs_app.state.auth import acting_actor, authorised


def _number(value, default: int = -1) -> int:
    try:
        return int(str(value)[:12])
    except (TypeError, ValueError):
        return default


class OnCallState(rx.State):
    rota: list[dict[str, str]] = []
    people: list[dict[str, str]] = []
    on_call_now: list[str] = []  # working names of staff on call at this moment
    error: str = ""
    notice: str = ""

    @rx.event
    @authorised(Role.ADMIN)
    async def load(self):
        self.error = self.notice = ""
        await self._reload()

    @rx.event
    @authorised(Role.ADMIN)
    async def add(self, form_data: dict):
        """Keys ``member``, ``weekday``, ``starts`` and ``ends``; the service checks each."""
        actor = acting_actor()
        member_id, weekday = _number(form_data.get("member")), _number(form_data.get("weekday"))
        starts, ends = str(form_data.get("starts", ""))[:5], str(form_data.get("ends", ""))[:5]
        added = await attempt(
            self,
            lambda db: on_call.add_on_call(
                db, actor=actor, member_id=member_id, weekday=weekday, starts=starts, ends=ends
            ),
            notice="on_call.added",
        )
        if not added.refused:
            await self._reload()

    @rx.event
    @authorised(Role.ADMIN)
    async def remove(self, hours_id: str):
        actor, number = acting_actor(), _number(hours_id)
        removed = await attempt(
            self,
            lambda db: on_call.remove_on_call(db, actor=actor, hours_id=number),
            notice="on_call.removed",
        )
        if not removed.refused:
            await self._reload()

    async def _reload(self) -> None:
        actor = acting_actor()

        def read(db):
            return (
                on_call.on_call_rota(db, actor=actor),
                on_call.staff_people(db, actor=actor),
                on_call.on_call_now(db),
            )

        rota, people, now = await in_db(read)
        self.rota = [
            {
                "id": str(row.id),
                "name": row.working_name,
                "weekday": str(row.weekday),
                "hours": f"{row.starts}–{row.ends}",
            }
            for row in rota
        ]
        self.people = [{"id": str(p.member_id), "name": p.working_name} for p in people]
        self.on_call_now = [p.working_name for p in people if p.member_id in now]
