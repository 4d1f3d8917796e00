"""The landing page: what the app is for, in her language."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.pages.feed.state import FeedState
from uglymugs_app.state.auth import AuthState


def _point(icon: str, key: str) -> rx.Component:
    return rx.hstack(
        rx.icon(icon, size=22, aria_hidden="true", flex_shrink="0"),
        rx.text(tr(key)),
        align="start",
        spacing="3",
    )


def _big_link(icon: str, key: str, route: str, element_id: str, *extra) -> rx.Component:
    return rx.link(
        rx.card(
            rx.hstack(
                rx.icon(icon, size=28, aria_hidden="true"),
                rx.text(tr(key), size="5", weight="bold"),
                *extra,
                align="center",
                spacing="3",
            ),
            width="100%",
        ),
        href=route,
        id=element_id,
        underline="none",
        width="100%",
    )


def _member_home() -> rx.Component:
    # Her start: the two things she does most, the feed showing what is new.
    return rx.vstack(
        rx.heading(
            tr("home.member.title"),
            " ",
            AuthState.working_name,
            size="7",
            as_="h1",
            id="page-title",
        ),
        rx.text(tr("home.member.body"), id="member-home"),
        _big_link(
            "bell",
            "home.member.feed",
            routes.FEED,
            "home-feed",
            rx.cond(
                FeedState.unread > 0,
                rx.badge(FeedState.unread, color_scheme="crimson", size="3", id="home-unread"),
                rx.fragment(),
            ),
        ),
        _big_link("search", "home.member.check", routes.CHECK, "home-check"),
        rx.callout(
            tr("home.emergency"), icon="phone", color_scheme="tomato", size="2", width="100%"
        ),
        spacing="4",
        width="100%",
    )


@shell_page(routes.HOME, on_load=[FeedState.show_badge])
def home() -> rx.Component:
    return rx.cond(
        AuthState.signed_in & (AuthState.role != "applicant"), _member_home(), _landing()
    )


def _landing() -> rx.Component:
    return rx.vstack(
        rx.heading(tr("home.title"), size="7", as_="h1", id="page-title"),
        rx.text(tr("home.intro"), size="4"),
        _point("triangle-alert", "home.point.report"),
        _point("bell-ring", "home.point.warnings"),
        _point("search", "home.point.check"),
        _point("shield", "home.point.privacy"),
        rx.hstack(
            rx.button(
                tr("nav.register"),
                on_click=rx.redirect(routes.REGISTER),
                size="3",
                id="home-register",
            ),
            rx.button(
                tr("nav.login"),
                on_click=rx.redirect(routes.LOGIN),
                size="3",
                variant="outline",
                id="home-login",
            ),
        ),
        rx.callout(
            tr("home.emergency"),
            icon="phone",
            color_scheme="tomato",
            size="2",
            width="100%",
        ),
        # For someone who believes he is wrongly named in a warning (he has
        # no account): the licence of such a list requires he can object.
        rx.link(
            tr("objection.link"),
            href=routes.OBJECTION,
            size="2",
            id="home-objection",
            style={"min-height": "44px", "display": "flex", "align-items": "center"},
        ),
        spacing="4",
    )
