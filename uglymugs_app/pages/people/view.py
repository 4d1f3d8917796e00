"""Admins: staff accounts, suspension and reinstatement with a reason."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.forms import INPUT_STYLE, error_box, field, page_title, submit
from uglymugs_app.pages.people.state import PeopleState


def _person(item: rx.Var) -> rx.Component:
    suspended = item["status"] == "suspended"
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading(item["name"], size="3", as_="h3"),
                rx.text(
                    tr("role." + item["role"]),
                    " · ",
                    tr("people.status." + item["status"]),
                    " ",
                    item["reason"],
                    size="2",
                ),
                rx.el.input(type="hidden", name="member_id", value=item["id"]),
                rx.el.input(
                    type="hidden", name="action", value=rx.cond(suspended, "reinstate", "suspend")
                ),
                rx.el.input(
                    name="reason",
                    placeholder=tr("people.reason"),
                    required=True,
                    aria_label=tr("people.reason"),
                    style=INPUT_STYLE,
                ),
                rx.button(
                    rx.cond(suspended, tr("people.reinstate"), tr("people.suspend")),
                    type="submit",
                    size="2",
                ),
            ),
            on_submit=PeopleState.change_status,
        ),
        width="100%",
        custom_attrs={"data-person": item["name"]},
    )


@shell_page(routes.ADMIN_PEOPLE, on_load=[PeopleState.load])
def people_page() -> rx.Component:
    return rx.vstack(
        page_title("people.title"),
        error_box(PeopleState.error, "people-error"),
        rx.heading(tr("people.new"), size="4", as_="h2"),
        rx.form(
            rx.vstack(
                field("account.working_name", "working_name", id="staff-name"),
                field(
                    "account.password",
                    "password",
                    type_="password",
                    id="staff-password",
                    autocomplete="new-password",
                ),
                rx.el.select(
                    *[
                        rx.el.option(tr(f"role.{r}"), value=r)
                        for r in ("outreach", "moderator", "admin")
                    ],
                    name="role",
                    aria_label=tr("people.role"),
                    style=INPUT_STYLE,
                ),
                submit("people.create", "staff-create"),
                width="100%",
            ),
            on_submit=PeopleState.create_staff,
            width="100%",
        ),
        rx.foreach(PeopleState.people, _person),
        spacing="4",
        width="100%",
    )
