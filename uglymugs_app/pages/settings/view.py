"""Settings on this device: language, theme, discreet icon."""

from typing import Literal

import reflex as rx
from reflex.style import set_color_mode

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.i18n import LANGUAGES
from uglymugs_app.pages.settings.state import DeviceSettingsState
from uglymugs_app.state.auth import AuthState
from uglymugs_app.state.ui import UiState

# This device's push endpoint, if it has one: it names the device to the server.
ENDPOINT_JS = """navigator.serviceWorker && navigator.serviceWorker.getRegistration()
  .then((reg) => reg && reg.pushManager.getSubscription())
  .then((sub) => ({endpoint: sub ? sub.endpoint : ''})).catch(() => ({endpoint: ''}))"""


def _section(title_key: str, *children: rx.Component) -> rx.Component:
    return rx.card(
        rx.vstack(rx.heading(tr(title_key), size="4", as_="h2"), *children, spacing="3"),
        width="100%",
    )


def _theme_button(mode: Literal["light", "dark"], icon: str) -> rx.Component:
    return rx.button(
        rx.icon(icon, size=18, aria_hidden="true"),
        tr(f"settings.theme.{mode}"),
        on_click=set_color_mode(mode),
        variant=rx.cond(rx.color_mode == mode, "solid", "outline"),
        size="3",
        id=f"theme-{mode}",
        aria_pressed=rx.cond(rx.color_mode == mode, "true", "false"),
    )


@shell_page(routes.SETTINGS)
def settings_page() -> rx.Component:
    return rx.vstack(
        rx.heading(tr("settings.title"), size="7", as_="h1", id="page-title"),
        _section(
            "settings.language",
            rx.flex(
                *[
                    rx.button(
                        name,
                        on_click=UiState.choose_language(code),
                        variant=rx.cond(UiState.language == code, "solid", "outline"),
                        size="3",
                        lang=code,
                        id=f"language-{code}",
                    )
                    for code, name in LANGUAGES.items()
                ],
                wrap="wrap",
                gap="2",
            ),
        ),
        _section(
            "settings.theme",
            rx.hstack(_theme_button("dark", "moon"), _theme_button("light", "sun")),
        ),
        _section(
            "settings.discreet",
            rx.text(tr("settings.discreet.body")),
            # The whole line is the target: the switch alone is 42 x 24 px.
            rx.el.label(
                rx.switch(
                    checked=DeviceSettingsState.discreet == "1",
                    on_change=DeviceSettingsState.set_discreet,
                    id="discreet-switch",
                    size="3",
                ),
                tr("settings.discreet.label"),
                style={
                    "display": "flex",
                    "align-items": "center",
                    "gap": "0.75rem",
                    "min-height": "44px",
                    "cursor": "pointer",
                },
            ),
        ),
        _section(
            "settings.clear",
            rx.text(tr("settings.clear.body")),
            rx.button(
                rx.icon("trash-2", size=18, aria_hidden="true"),
                tr("settings.clear.button"),
                on_click=AuthState.clear_device,
                color_scheme="tomato",
                size="3",
                id="clear-device",
            ),
        ),
        spacing="4",
        width="100%",
    )
