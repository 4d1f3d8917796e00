"""People for admins: every handler checks she is an admin, every service again."""

import reflex as rx

from uglymugs_app.i18n.formatting import format_date
from uglymugs_app.services.members import people
from uglymugs_app.state.actions import attempt
from uglymugs_app.state.auth import acting_actor, authorised
from uglymugs_app.state.ui import UiState


def _member_id(form_data: dict) -> int:
    try:
        return int(str(form_data.get("member_id", ""))[:12])
    except ValueError:
        return 0


class PeopleState(rx.State):
    people: list[dict[str, str]] = []
    show: str = "all"
    sort: str = "role"
    search: str = ""
    page: int = 1
    pages: int = 1
    total: int = 0
    error: str = ""
    notice: str = ""

    @rx.event
    @authorised("admin")
    async def load(self):
        await self._show()

    @rx.event
    @authorised("admin")
    async def find(self, form_data: dict):
        """``show``, ``sort`` and ``search``; back to the first page."""
        self.show = str(form_data.get("show", "all"))[:12]
        self.sort = str(form_data.get("sort", "role"))[:12]
        self.search = str(form_data.get("search", ""))[:40]
        self.page = 1
        await self._show()

    @rx.event
    @authorised("admin")
    async def go_to_page(self, page: int):
        try:
            self.page = max(1, int(page))
        except (TypeError, ValueError):
            return
        await self._show()

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
            notice="people.done",
        )
        if not created.refused:
            await self._show()

    @rx.event
    @authorised("admin")
    async def change_status(self, form_data: dict):
        """``member_id``, ``action`` (suspend | reinstate) and ``reason``."""
        actor, member_id = acting_actor(), _member_id(form_data)
        reason = str(form_data.get("reason", ""))[:600]
        change = people.suspend if form_data.get("action") == "suspend" else people.reinstate
        await self._act(lambda db: change(db, actor=actor, member_id=member_id, reason=reason))

    @rx.event
    @authorised("admin")
    async def change_role(self, form_data: dict):
        """``member_id`` and ``role``."""
        actor, member_id = acting_actor(), _member_id(form_data)
        role = str(form_data.get("role", ""))[:12]
        await self._act(
            lambda db: people.change_role(db, actor=actor, member_id=member_id, role=role)
        )

    @rx.event
    @authorised("admin")
    async def reset_two_factor(self, form_data: dict):
        """``member_id`` and ``reason``."""
        actor, member_id = acting_actor(), _member_id(form_data)
        reason = str(form_data.get("reason", ""))[:600]
        await self._act(
            lambda db: people.reset_two_factor(db, actor=actor, member_id=member_id, reason=reason)
        )

    async def _act(self, work) -> None:
        done = await attempt(self, work, notice="people.done")
        if not done.refused:
            await self._show()

    async def _show(self) -> None:
        actor = acting_actor()
        query = people.PeopleQuery(
            show=self.show, sort=self.sort, search=self.search, page=self.page
        )
        found = await attempt(self, lambda db: people.people_page(db, actor=actor, query=query))
        if found.refused:
            return
        language = (await self.get_state(UiState)).language
        listed = found.value
        self.page, self.pages, self.total = listed.page, listed.pages, listed.total
        self.people = [
            {
                "id": str(p.member_id),
                "name": p.working_name,
                "role": p.role,
                "status": p.status,
                "reason": p.reason,
                "two_factor": "yes" if p.two_factor else "no",
                "joined": format_date(language, p.created_at),
                "last_login": format_date(language, p.last_login_at) if p.last_login_at else "—",
            }
            for p in listed.people
        ]
