"""The app shell every page shares: top bar with quick exit and language,
bottom navigation on phones, a side rail on tablets (>= 768 px)."""

from collections.abc import Callable

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components.text import tr
from uglymugs_app.i18n import LANGUAGES
from uglymugs_app.settings import get_settings
from uglymugs_app.state.auth import AuthState
from uglymugs_app.state.tab_data import remember_page
from uglymugs_app.state.ui import UiState
from uglymugs_app.state.unread import UnreadState

# Reflex's responsive lists: [phone, >= 30em, >= 48em (768 px), ...]
PHONE_ONLY = ["flex", "flex", "none"]
TABLET_UP = ["none", "none", "flex"]
TOUCH = "44px"
# The same deep red in both themes: white on it has a 6:1 contrast (WCAG AA
# asks 4.5:1; Radix tomato-9 gives 3.9:1).
EXIT_RED = "#b42318"


def quick_exit_button(*, erase_draft: bool = False) -> rx.Component:
    """Leaves for a neutral site; shell.js makes it replace the history entry.

    ``erase_draft``: the variant that also erases the report draft on this device.
    """
    return rx.el.a(
        rx.icon("log-out", size=18),
        rx.text(
            tr("report.exit_erase" if erase_draft else "exit.label"), as_="span", weight="bold"
        ),
        href=get_settings().quick_exit_url,
        id="quick-exit-erase-draft" if erase_draft else "quick-exit",
        title=tr("exit.hint"),
        custom_attrs={"data-quick-exit": "erase-draft" if erase_draft else "true"},
        style={
            "display": "inline-flex",
            "align-items": "center",
            "gap": "0.4rem",
            "min-height": TOUCH,
            "padding": "0 0.9rem",
            "border-radius": "9999px",
            "background": EXIT_RED,
            "color": "white",
            "text-decoration": "none",
        },
    )


def language_picker() -> rx.Component:
    return rx.el.select(
        *[rx.el.option(name, value=code) for code, name in LANGUAGES.items()],
        value=UiState.language,
        on_change=UiState.choose_language,
        id="language-picker",
        aria_label=tr("language.label"),
        style={
            "min-height": TOUCH,
            "padding": "0 0.5rem",
            "border-radius": "0.5rem",
            "background": rx.color("gray", 3),
            "color": rx.color("gray", 12),
            "border": f"1px solid {rx.color('gray', 7)}",
        },
    )


def top_bar() -> rx.Component:
    return rx.el.header(
        rx.hstack(
            rx.link(
                rx.hstack(
                    rx.image(src="/icons/icon-192.png", width="32px", height="32px", alt=""),
                    rx.heading(tr("app.name"), size="4", as_="span"),
                    align="center",
                ),
                href=routes.HOME,
                underline="none",
                color=rx.color("gray", 12),
                style={"display": "flex", "align-items": "center", "min-height": TOUCH},
            ),
            rx.spacer(),
            language_picker(),
            quick_exit_button(),
            align="center",
            width="100%",
            spacing="3",
        ),
        style={
            "position": "sticky",
            "top": "0",
            "z-index": "10",
            "padding": "0.5rem 1rem",
            "background": rx.color("gray", 2),
            "border-bottom": f"1px solid {rx.color('gray', 5)}",
        },
    )


def nav_link(item: routes.NavItem, *, vertical: bool) -> rx.Component:
    """The item, for the roles it is meant for (display only: pages check again)."""
    if item.roles == routes.EVERYONE:
        return _nav_link(item, vertical=vertical)
    return rx.cond(
        rx.Var.create(list(item.roles)).contains(AuthState.role),
        _nav_link(item, vertical=vertical),
        rx.fragment(),
    )


# Where her unread messages from the organisation show as a count: her
# reports, and "More" on a phone, which holds them.
UNREAD_MESSAGES_ON = (routes.MY_REPORTS, routes.MENU)


def _unread_badge(item: routes.NavItem, *, vertical: bool) -> rx.Component:
    if item.route not in UNREAD_MESSAGES_ON:
        return rx.fragment()
    # On the phone's bar it sits on the icon's corner, so the bar keeps its height.
    corner = {} if vertical else {"position": "absolute", "top": "0", "right": "0.1rem"}
    return rx.cond(
        UnreadState.messages > 0,
        rx.badge(
            UnreadState.messages,
            color_scheme="crimson",
            variant="solid",
            radius="full",
            class_name="nav-unread",
            aria_label=tr("my_reports.unread"),
            style=corner,
        ),
        rx.fragment(),
    )


def _nav_link(item: routes.NavItem, *, vertical: bool) -> rx.Component:
    return rx.link(
        rx.flex(
            rx.icon(item.icon, size=22, aria_hidden="true"),
            rx.text(tr(item.label_key), size="1" if not vertical else "2"),
            _unread_badge(item, vertical=vertical),
            direction="column" if not vertical else "row",
            align="center",
            gap="0.25rem" if not vertical else "0.6rem",
        ),
        href=item.route,
        underline="none",
        color=rx.color("gray", 12),
        custom_attrs={"data-nav": item.route},
        style={
            "position": "relative",
            "min-height": TOUCH,
            "min-width": TOUCH,
            "display": "flex",
            "align-items": "center",
            "justify-content": "center" if not vertical else "start",
            "padding": "0.4rem 0.8rem",
            "border-radius": "0.5rem",
            "_hover": {"background": rx.color("accent", 4)},
        },
    )


def bottom_nav() -> rx.Component:
    primary = [item for item in routes.NAVIGATION if item.primary]
    return rx.el.nav(
        *[nav_link(item, vertical=False) for item in primary],
        nav_link(routes.MORE, vertical=False),
        aria_label=tr("nav.label"),
        id="bottom-nav",
        display=PHONE_ONLY,
        style={
            "position": "fixed",
            "bottom": "0",
            "left": "0",
            "right": "0",
            "z-index": "10",
            "justify-content": "space-around",
            "padding": "0.25rem 0 0.5rem",
            "background": rx.color("gray", 2),
            "border-top": f"1px solid {rx.color('gray', 5)}",
        },
    )


def side_rail() -> rx.Component:
    return rx.el.nav(
        rx.vstack(*[nav_link(item, vertical=True) for item in routes.NAVIGATION], spacing="1"),
        aria_label=tr("nav.label"),
        id="side-rail",
        display=TABLET_UP,
        style={
            "width": "13rem",
            "flex-shrink": "0",
            "padding": "1rem 0.5rem",
            "border-right": f"1px solid {rx.color('gray', 5)}",
            "min-height": "calc(100vh - 3.5rem)",
        },
    )


def shell(content: rx.Component) -> rx.Component:
    return rx.box(
        rx.el.a(tr("shell.skip"), href="#main", class_name="skip-link"),
        top_bar(),
        rx.flex(
            side_rail(),
            rx.el.main(
                content,
                id="main",
                style={
                    "flex": "1",
                    "padding": "1rem 1rem 6rem",
                    "max-width": "48rem",
                    "width": "100%",
                },
            ),
        ),
        bottom_nav(),
        # Tests (and nothing else) wait for this before they interact.
        rx.el.span(
            id="app-ready",
            hidden=True,
            custom_attrs={"data-ready": rx.cond(rx.State.is_hydrated, "yes", "no")},
        ),
        min_height="100vh",
        background=rx.color("gray", 1),
    )


def shell_page(route: str, *, on_load: list | None = None) -> Callable:
    """Register a page at ``route`` inside the shell (one line per page)."""

    def decorator(render: Callable[[], rx.Component]) -> Callable[[], rx.Component]:
        def wrapped() -> rx.Component:
            return shell(render())

        # Reflex writes a page's memoised pieces into a file named after the
        # module of the page function: the page's own module, not this one, or
        # every page would load every other page's code (the charts included).
        wrapped.__name__, wrapped.__module__ = render.__name__, render.__module__
        wrapped.__qualname__ = render.__qualname__
        remember_page(route, on_load or [])
        rx.page(
            route=route,
            title=get_settings().app_name,
            on_load=[UiState.on_visit, AuthState.on_visit, UnreadState.count, *(on_load or [])],
        )(wrapped)
        return render

    return decorator
