"""The landing page: what the app is for, in her language."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.state.auth import AuthState


def _point(icon: str, key: str) -> rx.Component:
    return rx.hstack(
        rx.icon(icon, size=22, aria_hidden="true", flex_shrink="0"),
        rx.text(tr(key)),
        align="start",
        spacing="3",
    )


def _member_home() -> rx.Component:
    # The feed and the check arrive with their own pages; this is her start.
    return rx.vstack(
        rx.heading(tr("home.member.title"), " ", AuthState.working_name, size="7", as_="h1",
                   id="page-title"),
        rx.text(tr("home.member.body"), id="member-home"),
        rx.callout(tr("home.emergency"), icon="phone", color_scheme="tomato", size="2",
                   width="100%"),
        spacing="4",
    )


@shell_page(routes.HOME)
def home() -> rx.Component:
    return rx.cond(AuthState.signed_in & (AuthState.role != "applicant"), _member_home(),
                   _landing())


def _landing() -> rx.Component:
    return rx.vstack(
        rx.heading(tr("home.title"), size="7", as_="h1", id="page-title"),
        rx.text(tr("home.intro"), size="4"),
        _point("triangle-alert", "home.point.report"),
        _point("bell-ring", "home.point.warnings"),
        _point("search", "home.point.check"),
        _point("shield", "home.point.privacy"),
        rx.hstack(
            rx.button(tr("nav.register"), on_click=rx.redirect(routes.REGISTER), size="3",
                      id="home-register"),
            rx.button(tr("nav.login"), on_click=rx.redirect(routes.LOGIN), size="3",
                      variant="outline", id="home-login"),
        ),
        rx.callout(
            tr("home.emergency"),
            icon="phone",
            color_scheme="tomato",
            size="2",
            width="100%",
        ),
        spacing="4",
    )
