"""Admins: staff accounts, suspension and reinstatement with a reason."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.forms import error_box, field, page_title, submit
from uglymugs_app.services.errors import ServiceError
from uglymugs_app.services.members import people
from uglymugs_app.state.auth import acting_actor, authorised, in_db, message_for


class PeopleState(rx.State):
    people: list[dict[str, str]] = []
    error: str = ""

    @rx.event
    @authorised("admin")
    async def load(self):
        actor = acting_actor()
        rows = await in_db(lambda db: people.list_people(db, actor=actor))
        self.people = [{"id": str(p.member_id), "name": p.working_name, "role": p.role,
                        "status": p.status, "reason": p.reason} for p in rows]

    @rx.event
    @authorised("admin")
    async def create_staff(self, form_data: dict):
        actor = acting_actor()
        name, role = str(form_data.get("working_name", ""))[:80], str(form_data.get("role", ""))
        password = str(form_data.get("password", ""))[:200]
        return await self._run(lambda db: people.create_staff(
            db, actor=actor, working_name=name, password=password, role=role))

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
        return await self._run(lambda db: change(db, actor=actor, member_id=member_id,
                                                 reason=reason))

    async def _run(self, work):
        try:
            await in_db(work)
        except ServiceError as error:
            self.error = await message_for(self, error)
            return None
        self.error = ""
        return PeopleState.load


def _person(item: rx.Var) -> rx.Component:
    suspended = item["status"] == "suspended"
    return rx.card(rx.form(
        rx.vstack(
            rx.heading(item["name"], size="3", as_="h3"),
            rx.text(item["role"], " · ", item["status"], " ", item["reason"], size="2"),
            rx.el.input(type="hidden", name="member_id", value=item["id"]),
            rx.el.input(type="hidden", name="action",
                        value=rx.cond(suspended, "reinstate", "suspend")),
            rx.el.input(name="reason", placeholder=tr("people.reason"), required=True,
                        aria_label=tr("people.reason"), style={"min-height": "44px"}),
            rx.button(rx.cond(suspended, tr("people.reinstate"), tr("people.suspend")),
                      type="submit", size="2"),
        ),
        on_submit=PeopleState.change_status), width="100%",
        custom_attrs={"data-person": item["name"]})


@shell_page(routes.ADMIN_PEOPLE, on_load=[PeopleState.load])
def people_page() -> rx.Component:
    return rx.vstack(
        page_title("people.title"),
        error_box(PeopleState.error, "people-error"),
        rx.heading(tr("people.new"), size="4", as_="h2"),
        rx.form(rx.vstack(
            field("account.working_name", "working_name", id="staff-name"),
            field("account.password", "password", type_="password", id="staff-password",
                  autocomplete="new-password"),
            rx.el.select(*[rx.el.option(tr(f"role.{r}"), value=r)
                           for r in ("outreach", "moderator", "admin")],
                         name="role", aria_label=tr("people.role"),
                         style={"min-height": "44px"}),
            submit("people.create", "staff-create"), width="100%"),
            on_submit=PeopleState.create_staff, width="100%"),
        rx.foreach(PeopleState.people, _person),
        spacing="4", width="100%",
    )
