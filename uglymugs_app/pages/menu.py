"""Every navigation item for her role, on one page: the phone's "More"."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.layout import nav_link


@shell_page(routes.MENU)
def menu() -> rx.Component:
    return rx.vstack(
        rx.heading(tr("menu.title"), size="7", as_="h1", id="page-title"),
        rx.el.nav(
            rx.vstack(
                *[nav_link(item, vertical=True) for item in routes.NAVIGATION],
                spacing="1",
                width="100%",
            ),
            aria_label=tr("menu.title"),
            width="100%",
        ),
        spacing="4",
        width="100%",
    )
