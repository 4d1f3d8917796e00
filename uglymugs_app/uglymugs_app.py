"""Builds the Reflex app: theme, head tags, HTTP routes, pages."""

import json

import reflex as rx

from uglymugs_app import pages  # noqa: F401  (registers every page)
from uglymugs_app.api import make_api
from uglymugs_app.settings import get_settings
from uglymugs_app.startup import lifespan

_settings = get_settings()

app = rx.App(
    theme=rx.theme(accent_color="crimson", gray_color="mauve", radius="large"),
    stylesheets=["/shell.css"],
    html_lang="en",
    head_components=[
        rx.el.link(rel="manifest", href="/manifest.webmanifest"),
        rx.el.meta(name="theme-color", content="#1b1726"),
        rx.el.link(rel="apple-touch-icon", href="/icons/apple-touch-icon.png"),
        rx.el.meta(name="apple-mobile-web-app-capable", content="yes"),
        rx.el.meta(name="mobile-web-app-capable", content="yes"),
        rx.el.meta(name="apple-mobile-web-app-status-bar-style", content="black-translucent"),
        rx.el.meta(name="apple-mobile-web-app-title", content=_settings.app_name),
        rx.el.meta(name="referrer", content="no-referrer"),
        rx.script(f"window.UM_EXIT_URL = {json.dumps(_settings.quick_exit_url)};"),
        rx.script(src="/shell.js"),
    ],
    api_transformer=make_api(),
)
app.register_lifespan_task(lifespan)
