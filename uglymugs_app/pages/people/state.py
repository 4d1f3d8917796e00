"""Staff accounts for admins: every handler checks she is an admin."""

import reflex as rx

from uglymugs_app.services.members import people
from uglymugs_app.state.actions import attempt, in_db
from uglymugs_app.state.auth import acting_actor, authorised


class PeopleState(rx.State):
    people: list[dict[str, str]] = []
    error: str = ""

    @rx.event
    @authorised("admin")
    async def load(self):
        actor = acting_actor()
        rows = await in_db(lambda db: people.list_people(db, actor=actor))
        self.people = [
            {
                "id": str(p.member_id),
                "name": p.working_name,
                "role": p.role,
                "status": p.status,
                "reason": p.reason,
            }
            for p in rows
        ]

    @rx.event
    @authorised("admin")
    async def create_staff(self, form_data: dict):
        actor = acting_actor()
        name, role = str(form_data.get("working_name", ""))[:80], str(form_data.get("role", ""))
        password = str(form_data.get("password", ""))[:200]
        created = await attempt(
            self,
            lambda db: people.create_staff(
                db, actor=actor, working_name=name, password=password, role=role
            ),
        )
        return None if created.refused else PeopleState.load

    @rx.event
    @authorised("admin")
    async def change_status(self, form_data: dict):
        """``member_id``, ``action`` (suspend | reinstate) and ``reason``."""
        actor = acting_actor()
        reason = str(form_data.get("reason", ""))[:600]
        try:
            member_id = int(form_data.get("member_id", 0))
        except ValueError:
            return None
        change = people.suspend if form_data.get("action") == "suspend" else people.reinstate
        changed = await attempt(
            self, lambda db: change(db, actor=actor, member_id=member_id, reason=reason)
        )
        return None if changed.refused else PeopleState.load
