"""Notifications on this device: subscribe from a tap, preferences, her devices."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.device_alerts import device_alerts, subscribe_button
from uglymugs_app.components.forms import (
    choices,
    error_box,
    field,
    field_error,
    notice_box,
    page_title,
    submit,
)
from uglymugs_app.pages.notifications.email_state import EmailChannelState as Email
from uglymugs_app.pages.notifications.state import FAILED_ID, SUBSCRIBE, NotificationsState
from uglymugs_app.state.auth import AuthState
from uglymugs_app.state.ui import UiState
from uglymugs_app.vocabulary import SEVERITIES

State = NotificationsState


def _section(title_key: str, *children: rx.Component) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(tr(title_key), size="4", as_="h2"), *children, spacing="3", width="100%"
        ),
        width="100%",
    )


def _this_device() -> rx.Component:
    return device_alerts(
        State.support,
        subscribe=subscribe_button(
            "notify.subscribe", rx.call_script(SUBSCRIBE, callback=State.subscribed)
        ),
        on_key="notify.on",
        below=field_error(State.failed, FAILED_ID),
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
                "notify.regions",
                "alert-region",
                UiState.member_regions,
                "region",
                checked=State.regions,
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


def _staff_alerts() -> rx.Component:
    """Moderators and admins: this device is told when the queue needs them."""
    on_here = State.staff_alerts.contains(State.this_device)

    def switch(on: bool, key: str, element_id: str, **props) -> rx.Component:
        return rx.button(
            rx.icon("bell-plus" if on else "bell-off", aria_hidden="true"),
            tr(key),
            on_click=State.set_staff_alerts(on),
            id=element_id,
            size="3",
            style={"min-height": "44px"},
            **props,
        )

    return rx.cond(
        (AuthState.role == "moderator") | (AuthState.role == "admin"),
        _section(
            "staff_alerts.title",
            rx.text(tr("staff_alerts.body"), size="2"),
            rx.cond(
                State.this_device == 0,
                rx.text(tr("staff_alerts.need_device"), id="staff-alerts-need-device"),
                rx.cond(
                    on_here,
                    rx.vstack(
                        rx.callout(
                            tr("staff_alerts.on"),
                            icon="bell-ring",
                            color_scheme="grass",
                            id="staff-alerts-on",
                            width="100%",
                        ),
                        switch(
                            False, "staff_alerts.turn_off", "staff-alerts-off", variant="outline"
                        ),
                        width="100%",
                    ),
                    switch(True, "staff_alerts.turn_on", "staff-alerts-turn-on"),
                ),
            ),
        ),
        rx.fragment(),
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
                rx.cond(
                    State.staff_alerts.contains(row.id),
                    rx.badge(tr("staff_alerts.badge"), color_scheme="tomato", margin_left="0.5rem"),
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


def _email_channel() -> rx.Component:
    """Her address for notifications by e-mail (only where the installation sends e-mail)."""
    current = rx.vstack(
        rx.text(tr("email_channel.current"), size="2"),
        rx.text(Email.masked, weight="bold", id="email-current"),
        rx.flex(
            rx.button(
                rx.icon("send", aria_hidden="true"),
                tr("email_channel.test"),
                on_click=Email.send_test,
                variant="outline",
                size="3",
                id="email-test",
            ),
            rx.button(
                rx.icon("trash-2", aria_hidden="true"),
                tr("email_channel.remove"),
                on_click=Email.remove_address,
                variant="outline",
                color_scheme="tomato",
                size="3",
                id="email-remove",
            ),
            gap="3",
            wrap="wrap",
        ),
        spacing="2",
        width="100%",
    )
    form = rx.form(
        rx.vstack(
            field(
                "email_channel.address",
                "notify_email",
                type_="email",
                autocomplete="email",
                required=True,
                id="field-notify-email",
            ),
            rx.el.label(
                rx.el.input(
                    type="checkbox",
                    name="email_discreet",
                    id="email-discreet",
                    style={"width": "22px", "height": "22px"},
                ),
                tr("email_channel.discreet"),
                html_for="email-discreet",
                style={
                    "display": "flex",
                    "gap": "0.5rem",
                    "align-items": "center",
                    "min-height": "44px",
                },
            ),
            rx.text(tr("email_channel.same_preferences"), size="2"),
            submit("email_channel.add", "email-add"),
            width="100%",
        ),
        on_submit=Email.set_address,
        reset_on_submit=True,
        width="100%",
        id="email-form",
    )
    return rx.cond(
        Email.enabled,
        _section(
            "email_channel.title",
            rx.text(tr("email_channel.intro"), size="2"),
            error_box(Email.error, "email-error"),
            notice_box(Email.notice, "email-notice"),
            rx.cond(Email.email_id != 0, current, form),
        ),
        rx.fragment(),
    )


@shell_page(routes.NOTIFICATIONS, on_load=[State.load, Email.load])
def notifications_page() -> rx.Component:
    return rx.vstack(
        page_title("notify.title"),
        rx.el.span(id="push-key", hidden=True, custom_attrs={"data-key": State.vapid_key}),
        error_box(State.error, "notify-error"),
        notice_box(State.notice, "notify-notice"),
        _section("notify.device", rx.text(tr("notify.privacy"), size="2"), _this_device()),
        _staff_alerts(),
        _section("notify.preferences", _preferences()),
        _section(
            "notify.devices",
            rx.cond(
                State.devices.length() == 0,
                rx.text(tr("notify.no_devices")),
                rx.vstack(rx.foreach(State.devices, _device), width="100%", id="push-devices"),
            ),
        ),
        _email_channel(),
        spacing="4",
        width="100%",
    )
