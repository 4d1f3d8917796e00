"""What this browser can do about alerts, as the notifications page and the
applicant's status page show it: why not, already on, or a button to turn
them on (the browser's side is assets/notifications.js)."""

import reflex as rx

from uglymugs_app.components.text import tr


def _say(key: str, element_id: str, colour: str = "gray") -> rx.Component:
    return rx.callout(tr(key), icon="info", color_scheme=colour, id=element_id, width="100%")


def device_alerts(
    support: rx.Var, *, subscribe: rx.Component, on_key: str, below: rx.Component | None = None
) -> rx.Component:
    """``support``: the browser's answer; ``subscribe``: the button shown when
    it can subscribe, with ``below`` it (e.g. why the last try failed)."""
    return rx.match(
        support,
        ("ios_install", _say("notify.ios_install", "ios-install", "amber")),
        ("unsupported", _say("notify.unsupported", "push-unsupported")),
        ("denied", _say("notify.denied", "push-denied", "amber")),
        ("subscribed", _say(on_key, "push-on", "grass")),
        ("ready", rx.vstack(subscribe, below or rx.fragment(), width="100%")),
        rx.spinner(),
    )


def subscribe_button(label_key: str, on_click) -> rx.Component:
    return rx.button(
        rx.icon("bell-ring", aria_hidden="true"),
        tr(label_key),
        on_click=on_click,
        id="notify-me",
        size="3",
        style={"min-height": "44px"},
    )
