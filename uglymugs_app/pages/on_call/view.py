"""Admins keep the on-call rota: weekly hours per moderator or admin."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.choices import SELECT_STYLE
from uglymugs_app.components.forms import TOUCH, error_box, notice_box, page_title, submit
from uglymugs_app.pages.on_call.state import OnCallState
from uglymugs_app.services.urgent.on_call import WEEKDAYS
from uglymugs_app.state.ui import UiState

S = OnCallState
INPUT_STYLE = {"min-height": TOUCH, "font-size": "16px"}


def _labelled(label_key: str, element_id: str, control: rx.Component) -> rx.Component:
    return rx.vstack(
        rx.el.label(tr(label_key), html_for=element_id, style={"font-weight": "600"}),
        control,
        spacing="1",
        width="100%",
    )


def _add_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            _labelled(
                "on_call.person",
                "on-call-member",
                rx.el.select(
                    rx.foreach(S.people, lambda p: rx.el.option(p["name"], value=p["id"])),
                    name="member",
                    id="on-call-member",
                    style=SELECT_STYLE,
                ),
            ),
            _labelled(
                "on_call.weekday",
                "on-call-weekday",
                rx.el.select(
                    *[rx.el.option(tr(f"on_call.day.{day}"), value=str(day)) for day in WEEKDAYS],
                    name="weekday",
                    id="on-call-weekday",
                    style=SELECT_STYLE,
                ),
            ),
            rx.flex(
                _labelled(
                    "on_call.starts",
                    "on-call-starts",
                    rx.el.input(type="time", name="starts", id="on-call-starts", style=INPUT_STYLE),
                ),
                _labelled(
                    "on_call.ends",
                    "on-call-ends",
                    rx.el.input(type="time", name="ends", id="on-call-ends", style=INPUT_STYLE),
                ),
                gap="4",
                width="100%",
            ),
            rx.text(tr("on_call.overnight"), size="2"),
            submit("on_call.add", "on-call-add"),
            width="100%",
        ),
        on_submit=S.add,
        reset_on_submit=False,
        width="100%",
        id="on-call-form",
    )


def _row(row: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.text(
            UiState.t["on_call.day." + row["weekday"]],
            " · ",
            row["hours"],
            " · ",
            rx.text.strong(row["name"]),
        ),
        rx.spacer(),
        rx.button(
            rx.icon("trash-2", aria_hidden="true"),
            tr("on_call.remove"),
            on_click=S.remove(row["id"]),
            variant="outline",
            color_scheme="tomato",
            size="3",
            class_name="on-call-remove",
        ),
        width="100%",
        align="center",
        class_name="on-call-row",
    )


@shell_page(routes.ADMIN_ON_CALL, on_load=[S.load])
def on_call_page() -> rx.Component:
    return rx.vstack(
        page_title("on_call.title"),
        rx.text(tr("on_call.intro")),
        error_box(S.error, "on-call-error"),
        notice_box(S.notice, "on-call-notice"),
        rx.callout(
            rx.cond(
                S.on_call_now.length() == 0,
                tr("on_call.nobody_now"),
                rx.text(tr("on_call.now"), " ", S.on_call_now.join(", ")),
            ),
            icon="clock",
            id="on-call-now",
            width="100%",
        ),
        rx.card(_add_form(), width="100%"),
        rx.cond(
            S.rota.length() == 0,
            rx.text(tr("on_call.empty"), id="on-call-empty"),
            rx.vstack(rx.foreach(S.rota, _row), width="100%", id="on-call-rota"),
        ),
        spacing="4",
        width="100%",
    )
