"""Admins: everyone, paged, sorted and searchable; staff accounts, roles,
two-factor resets, suspension and reinstatement with a reason."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.choices import SELECT_STYLE
from uglymugs_app.components.forms import (
    INPUT_STYLE,
    TOUCH,
    error_box,
    field,
    notice_box,
    page_title,
    submit,
)
from uglymugs_app.pages.people.state import PeopleState as State
from uglymugs_app.services.members.people import ASSIGNABLE_ROLES, SHOWS, SORTS
from uglymugs_app.state.ui import UiState

STAFF_ROLES = ("outreach", "moderator", "admin")
# Filled and bordered like every field, so they show on the dark theme too.
SMALL_INPUT = {**INPUT_STYLE, "width": "auto", "padding": "0 0.5rem"}


def _labelled_select(label_key: str, name: str, options, prefix: str, **props) -> rx.Component:
    element_id = props.pop("id", f"people-{name}")
    return rx.vstack(
        rx.el.label(tr(label_key), html_for=element_id),
        rx.el.select(
            *[rx.el.option(tr(f"{prefix}.{code}"), value=code) for code in options],
            name=name,
            id=element_id,
            style=SELECT_STYLE,
            **props,
        ),
        spacing="1",
        width="100%",
    )


def _finder() -> rx.Component:
    return rx.form(
        rx.flex(
            _labelled_select("people.show", "show", tuple(SHOWS), "people.show", value=State.show),
            _labelled_select("people.sort", "sort", tuple(SORTS), "people.sort", value=State.sort),
            field("people.search", "search", id="people-search", default_value=State.search),
            submit("people.find", "people-find", variant="outline"),
            gap="0.75rem",
            wrap="wrap",
            align="end",
            width="100%",
        ),
        on_submit=State.find,
        width="100%",
    )


def _pager() -> rx.Component:
    return rx.hstack(
        rx.button(
            tr("people.previous"),
            on_click=State.go_to_page(State.page - 1),
            disabled=State.page <= 1,
            id="people-previous",
            variant="outline",
            style={"min-height": TOUCH},
        ),
        rx.text(
            UiState.t["people.page"]
            .to(str)
            .replace("{page}", State.page.to_string())
            .replace("{pages}", State.pages.to_string())
            .replace("{total}", State.total.to_string()),
            id="people-page",
        ),
        rx.button(
            tr("people.next"),
            on_click=State.go_to_page(State.page + 1),
            disabled=State.page >= State.pages,
            id="people-next",
            variant="outline",
            style={"min-height": TOUCH},
        ),
        align="center",
        wrap="wrap",
    )


def _action_form(item: rx.Var, handler, *children, element_id) -> rx.Component:
    return rx.form(
        rx.hstack(
            rx.el.input(type="hidden", name="member_id", value=item["id"]),
            *children,
            align="end",
            wrap="wrap",
        ),
        on_submit=handler,
        reset_on_submit=True,
        id=element_id,
    )


def _reason(item: rx.Var, what: str) -> rx.Component:
    return rx.el.input(
        name="reason",
        placeholder=tr("people.reason"),
        required=True,
        aria_label=tr("people.reason"),
        id="people-" + what + "-reason-" + item["id"],
        style=SMALL_INPUT,
    )


def _person(item: rx.Var) -> rx.Component:
    suspended = item["status"] == "suspended"
    applicant = item["role"] == "applicant"
    return rx.card(
        rx.vstack(
            rx.heading(item["name"], size="3", as_="h3"),
            rx.text(
                UiState.t["role." + item["role"]],
                " · ",
                UiState.t["people.status." + item["status"]],
                " · ",
                tr("people.joined"),
                " ",
                item["joined"],
                " · ",
                tr("people.last_login"),
                " ",
                item["last_login"],
                size="2",
            ),
            rx.cond(item["reason"] != "", rx.text(item["reason"], size="2"), rx.fragment()),
            rx.cond(
                applicant,
                rx.fragment(),
                _action_form(
                    item,
                    State.change_role,
                    rx.el.select(
                        *[rx.el.option(tr(f"role.{r}"), value=r) for r in ASSIGNABLE_ROLES],
                        name="role",
                        default_value=item["role"],
                        aria_label=tr("people.role"),
                        style=SMALL_INPUT,
                    ),
                    rx.button(tr("people.role.save"), type="submit", style={"min-height": TOUCH}),
                    element_id="people-role-" + item["id"],
                ),
            ),
            rx.cond(
                item["two_factor"] == "yes",
                _action_form(
                    item,
                    State.reset_two_factor,
                    _reason(item, "totp"),
                    rx.button(tr("people.totp.reset"), type="submit", style={"min-height": TOUCH}),
                    element_id="people-totp-" + item["id"],
                ),
                rx.fragment(),
            ),
            _action_form(
                item,
                State.change_status,
                rx.el.input(
                    type="hidden", name="action", value=rx.cond(suspended, "reinstate", "suspend")
                ),
                _reason(item, "status"),
                rx.button(
                    rx.cond(suspended, tr("people.reinstate"), tr("people.suspend")),
                    type="submit",
                    color_scheme=rx.cond(suspended, "grass", "tomato"),
                    style={"min-height": TOUCH},
                ),
                element_id="people-status-" + item["id"],
            ),
            width="100%",
        ),
        width="100%",
        custom_attrs={"data-person": item["name"]},
    )


def _new_staff() -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading(tr("people.new"), size="4", as_="h2"),
                field("account.working_name", "working_name", id="staff-name"),
                field(
                    "account.password",
                    "password",
                    type_="password",
                    id="staff-password",
                    autocomplete="new-password",
                ),
                _labelled_select("people.role", "role", STAFF_ROLES, "role", id="staff-role"),
                submit("people.create", "staff-create"),
                width="100%",
            ),
            on_submit=State.create_staff,
            reset_on_submit=True,
            width="100%",
        ),
        width="100%",
    )


@shell_page(routes.ADMIN_PEOPLE, on_load=[State.load])
def people_page() -> rx.Component:
    return rx.vstack(
        page_title("people.title"),
        error_box(State.error, "people-error"),
        notice_box(State.notice, "people-notice"),
        _finder(),
        _pager(),
        rx.foreach(State.people, _person),
        _pager(),
        _new_staff(),
        spacing="4",
        width="100%",
    )
