"""Admins edit the help contacts; every visitor sees them on the help pages."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.forms import error_box, notice_box, page_title, submit
from uglymugs_app.pages.admin_contacts.state import ContactsAdminState
from uglymugs_app.state.help import HelpState
from uglymugs_app.state.ui import UiState


def _input(item: rx.Var, name: str, key: str) -> rx.Component:
    element_id = f"contact-{name}-" + item["key"]
    return rx.vstack(
        rx.el.label(tr(key), html_for=element_id),
        rx.el.input(
            name=name,
            id=element_id,
            default_value=item[name],
            style={"min-height": "44px", "width": "100%", "font-size": "16px"},
        ),
        spacing="1",
        width="100%",
    )


def _contact_form(item: rx.Var) -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading(UiState.t[item["label"]], size="3", as_="h2"),
                rx.el.input(type="hidden", name="key", value=item["key"]),
                _input(item, "phone", "contacts.phone"),
                _input(item, "url", "contacts.url"),
                _input(item, "note", "contacts.note"),
                submit("contacts.save", "contact-save-" + item["key"]),
                width="100%",
            ),
            on_submit=ContactsAdminState.save,
        ),
        width="100%",
    )


@shell_page(routes.ADMIN_CONTACTS, on_load=[ContactsAdminState.load])
def admin_contacts_page() -> rx.Component:
    return rx.vstack(
        page_title("contacts.title"),
        rx.text(tr("contacts.intro")),
        error_box(ContactsAdminState.error, "contacts-error"),
        notice_box(ContactsAdminState.notice, "contacts-notice"),
        rx.foreach(HelpState.contacts, _contact_form),
        spacing="4",
        width="100%",
    )
