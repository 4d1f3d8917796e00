"""The page for an address that does not exist."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr


@shell_page(routes.NOT_FOUND)
def not_found() -> rx.Component:
    return rx.vstack(
        rx.heading(tr("notfound.title"), size="7", as_="h1", id="page-title"),
        rx.text(tr("notfound.body")),
        rx.link(tr("notfound.home"), href=routes.HOME, size="4"),
        spacing="4",
    )
