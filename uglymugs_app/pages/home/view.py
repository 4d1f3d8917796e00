"""The start page: what the app is for, in her language; for a member, her start:
the check box, her unread messages, the newest warnings, this device's alerts."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.warning_card import warning_card
from uglymugs_app.pages.home.state import HomeState
from uglymugs_app.state.auth import AuthState
from uglymugs_app.state.tab_data import remember_page
from uglymugs_app.state.unread import UnreadState


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


def _section(title_key: str, element_id: str, *children: rx.Component) -> rx.Component:
    return rx.vstack(
        rx.heading(tr(title_key), size="4", as_="h2"),
        *children,
        id=element_id,
        spacing="2",
        width="100%",
    )


def _newest_warnings() -> rx.Component:
    return _section(
        "home.warnings.title",
        "home-warnings",
        rx.foreach(HomeState.warnings, warning_card),
        rx.cond(
            HomeState.loaded & (HomeState.warnings.length() == 0),
            rx.text(tr("home.warnings.none"), id="home-warnings-none"),
            rx.fragment(),
        ),
        _big_link(
            "bell",
            "home.warnings.all",
            routes.FEED,
            "home-feed",
            rx.cond(
                HomeState.unread_warnings > 0,
                rx.badge(
                    HomeState.unread_warnings, color_scheme="crimson", size="3", id="home-unread"
                ),
                rx.fragment(),
            ),
        ),
    )


def _messages() -> rx.Component:
    # Only for those who file reports; a moderator's start is elsewhere.
    return rx.cond(
        UnreadState.messages > 0,
        _big_link(
            "messages-square",
            "my_reports.unread",
            routes.MY_REPORTS,
            "home-messages",
            rx.badge(
                UnreadState.messages, color_scheme="crimson", size="3", id="home-messages-count"
            ),
        ),
        rx.fragment(),
    )


def _this_device() -> rx.Component:
    def say(key: str, colour: str, link: bool) -> rx.Component:
        turn_on = rx.link(
            tr("home.device.turn_on"),
            href=routes.NOTIFICATIONS,
            id="home-alerts-on",
            style={"min-height": "44px", "display": "inline-flex", "align-items": "center"},
        )
        return rx.callout.root(
            rx.callout.icon(rx.icon("bell-off" if link else "bell-ring")),
            rx.vstack(rx.callout.text(tr(key)), turn_on if link else rx.fragment(), spacing="1"),
            color_scheme=colour,
            size="2",
            width="100%",
            id="home-device",
            custom_attrs={"data-device": HomeState.device},
        )

    return rx.match(
        HomeState.device,
        ("on", say("home.device.on", "grass", False)),
        ("off", say("home.device.off", "amber", True)),
        ("ios_install", say("home.device.ios_install", "amber", True)),
        ("denied", say("home.device.denied", "amber", True)),
        ("unsupported", say("home.device.unsupported", "gray", False)),
        rx.fragment(),
    )


def _member_home() -> rx.Component:
    # Her start: the check first (what she does before meeting a client), then
    # what is new for her, then whether this phone will tell her.
    return rx.vstack(
        rx.heading(
            tr("home.member.title"),
            " ",
            AuthState.working_name,
            size="6",
            as_="h1",
            id="page-title",
        ),
        rx.vstack(
            rx.heading(tr("home.member.check"), size="4", as_="h2"),
            # The private check needs its table, loaded by the check page.
            rx.link(
                rx.button(tr("nav.check"), size="3", min_height="44px"),
                href=routes.CHECK,
                id="home-check-link",
            ),
            id="home-check",
            spacing="3",
            width="100%",
        ),
        _messages(),
        _newest_warnings(),
        _this_device(),
        rx.callout(
            tr("home.emergency"), icon="phone", color_scheme="tomato", size="2", width="100%"
        ),
        id="member-home",
        spacing="5",
        width="100%",
    )


@shell_page(routes.HOME, on_load=[HomeState.load])
def home() -> rx.Component:
    return rx.cond(
        AuthState.signed_in & (AuthState.role != "applicant"), _member_home(), _landing()
    )


# Leaving the start page empties what it showed.
remember_page(routes.HOME, [HomeState.load])


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
