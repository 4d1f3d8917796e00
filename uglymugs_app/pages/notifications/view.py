"""Notifications on this device: subscribe from a tap, preferences, her devices."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.forms import (
    choices,
    error_box,
    field_error,
    notice_box,
    page_title,
    submit,
)
from uglymugs_app.pages.notifications.state import FAILED_ID, SUBSCRIBE, NotificationsState
from uglymugs_app.state.ui import UiState
from uglymugs_app.vocabulary import MEMBER_REGIONS, SEVERITIES

State = NotificationsState


def _section(title_key: str, *children: rx.Component) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(tr(title_key), size="4", as_="h2"), *children, spacing="3", width="100%"
        ),
        width="100%",
    )


def _this_device() -> rx.Component:
    def say(key: str, element_id: str, colour: str = "gray") -> rx.Component:
        return rx.callout(tr(key), icon="info", color_scheme=colour, id=element_id, width="100%")

    return rx.match(
        State.support,
        ("ios_install", say("notify.ios_install", "ios-install", "amber")),
        ("unsupported", say("notify.unsupported", "push-unsupported")),
        ("denied", say("notify.denied", "push-denied", "amber")),
        ("subscribed", say("notify.on", "push-on", "grass")),
        (
            "ready",
            rx.vstack(
                rx.button(
                    rx.icon("bell-ring", aria_hidden="true"),
                    tr("notify.subscribe"),
                    on_click=rx.call_script(SUBSCRIBE, callback=State.subscribed),
                    id="notify-me",
                    size="3",
                    style={"min-height": "44px"},
                ),
                field_error(State.failed, FAILED_ID),
                width="100%",
            ),
        ),
        rx.spinner(),
    )


def _time(name: str, label_key: str, value: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.el.label(tr(label_key), html_for=f"field-{name}"),
        rx.el.input(
            type="time",
            name=name,
            id=f"field-{name}",
            default_value=value,
            style={"min-height": "44px", "font-size": "16px"},
        ),
        spacing="1",
    )


def _preferences() -> rx.Component:
    return rx.form(
        rx.vstack(
            choices(
                "notify.regions", "alert-region", MEMBER_REGIONS, "region", checked=State.regions
            ),
            choices(
                "notify.severity",
                "min_severity",
                SEVERITIES,
                "severity",
                multiple=False,
                checked=State.min_severity,
            ),
            rx.text(tr("notify.quiet.body"), size="2"),
            rx.flex(
                _time("quiet_start", "notify.quiet.start", State.quiet_start),
                _time("quiet_end", "notify.quiet.end", State.quiet_end),
                gap="4",
            ),
            submit("notify.save", "notify-save"),
            width="100%",
        ),
        on_submit=State.save_preferences,
        width="100%",
        id="alert-preferences",
        key=State.regions.join(",") + State.min_severity + State.quiet_start + State.quiet_end,
    )


def _device(row: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.text(
                rx.cond(row.label != "", row.label, "—"),
                rx.cond(
                    row.id == State.this_device,
                    rx.badge(tr("notify.this_device"), margin_left="0.5rem"),
                    rx.fragment(),
                ),
                weight="bold",
            ),
            rx.text(
                rx.foreach(
                    row.regions, lambda code: rx.text.span(UiState.t["region." + code], " ")
                ),
                size="2",
            ),
            rx.text(UiState.t["severity." + row.min_severity], " ", row.quiet, size="2"),
            spacing="1",
            align="start",
        ),
        rx.spacer(),
        rx.button(
            rx.icon("trash-2", aria_hidden="true"),
            tr("notify.remove"),
            on_click=State.remove_device(row.id),
            variant="outline",
            color_scheme="tomato",
            size="3",
            class_name="remove-device",
        ),
        width="100%",
        align="center",
        class_name="push-device",
        custom_attrs={"data-device": row.id},
    )


@shell_page(routes.NOTIFICATIONS, on_load=[State.load])
def notifications_page() -> rx.Component:
    return rx.vstack(
        page_title("notify.title"),
        rx.el.span(id="push-key", hidden=True, custom_attrs={"data-key": State.vapid_key}),
        error_box(State.error, "notify-error"),
        notice_box(State.notice, "notify-notice"),
        _section("notify.device", rx.text(tr("notify.privacy"), size="2"), _this_device()),
        _section("notify.preferences", _preferences()),
        _section(
            "notify.devices",
            rx.cond(
                State.devices.length() == 0,
                rx.text(tr("notify.no_devices")),
                rx.vstack(rx.foreach(State.devices, _device), width="100%", id="push-devices"),
            ),
        ),
        spacing="4",
        width="100%",
    )
