"""Help: the numbers that help, how the app keeps her safe, and the help pages."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.help_contacts import help_contacts, local_help_contacts
from uglymugs_app.components.safety_tips import safety_tips
from uglymugs_app.state.help import HelpState


def _page_link(route: str, key: str, icon: str) -> rx.Component:
    return rx.link(
        rx.hstack(rx.icon(icon, size=20), rx.text(tr(key)), align="center"),
        href=route,
        custom_attrs={"data-help-link": route},
        style={"min-height": "44px", "display": "flex", "align-items": "center"},
    )


@shell_page(routes.HELP, on_load=[HelpState.load])
def help_page() -> rx.Component:
    return rx.vstack(
        rx.heading(tr("help.title"), size="7", as_="h1", id="page-title"),
        help_contacts(),
        local_help_contacts(),
        _page_link(routes.HELP_POLICE, "help.police.link", "shield"),
        _page_link(routes.HELP_SAFETY, "help.safety.link", "heart-handshake"),
        rx.heading(tr("help.exit.title"), size="4", as_="h2"),
        rx.text(tr("help.exit.body"), id="help-exit"),
        rx.text(tr("help.exit.erases"), id="help-exit-erases"),
        rx.heading(tr("help.install.title"), size="4", as_="h2"),
        rx.text(tr("help.install.body")),
        spacing="4",
    )


@shell_page(routes.HELP_SAFETY)
def safety_page() -> rx.Component:
    return rx.vstack(
        rx.heading(tr("safety.title"), size="7", as_="h1", id="page-title"),
        rx.text(tr("safety.intro")),
        safety_tips(),
        _page_link(routes.HELP_POLICE, "help.police.link", "shield"),
        spacing="4",
    )
