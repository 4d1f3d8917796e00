"""Admins edit the help contacts; every visitor sees them on the help pages."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.forms import error_box, notice_box, page_title, submit
from uglymugs_app.services.errors import ServiceError
from uglymugs_app.services.regions import help_contacts
from uglymugs_app.state.auth import acting_actor, authorised, in_db, message_for
from uglymugs_app.state.help import HelpState
from uglymugs_app.state.ui import UiState


class ContactsAdminState(rx.State):
    error: str = ""
    notice: str = ""

    @rx.event
    @authorised("admin")
    async def load(self):
        self.error = self.notice = ""
        return HelpState.load

    @rx.event
    @authorised("admin")
    async def save(self, form_data: dict):
        """Keys ``key``, ``phone``, ``url`` and ``note``."""
        actor = acting_actor()
        values = {name: str(form_data.get(name, ""))[:400]
                  for name in ("key", "phone", "url", "note")}
        try:
            await in_db(lambda db: help_contacts.update_contact(db, actor=actor, **values))
        except ServiceError as error:
            self.error, self.notice = await message_for(self, error), ""
            return None
        ui = await self.get_state(UiState)
        self.error, self.notice = "", ui.t["contacts.saved"]
        return HelpState.load


def _input(item: rx.Var, name: str, key: str) -> rx.Component:
    element_id = f"contact-{name}-" + item["key"]
    return rx.vstack(
        rx.el.label(tr(key), html_for=element_id),
        rx.el.input(name=name, id=element_id, default_value=item[name],
                    style={"min-height": "44px", "width": "100%", "font-size": "16px"}),
        spacing="1", width="100%",
    )


def _contact_form(item: rx.Var) -> rx.Component:
    return rx.card(rx.form(rx.vstack(
        rx.heading(UiState.t[item["label"]], size="3", as_="h2"),
        rx.el.input(type="hidden", name="key", value=item["key"]),
        _input(item, "phone", "contacts.phone"),
        _input(item, "url", "contacts.url"),
        _input(item, "note", "contacts.note"),
        submit("contacts.save", "contact-save-" + item["key"]),
        width="100%",
    ), on_submit=ContactsAdminState.save), width="100%")


@shell_page(routes.ADMIN_CONTACTS, on_load=[ContactsAdminState.load])
def admin_contacts_page() -> rx.Component:
    return rx.vstack(
        page_title("contacts.title"),
        rx.text(tr("contacts.intro")),
        error_box(ContactsAdminState.error, "contacts-error"),
        notice_box(ContactsAdminState.notice, "contacts-notice"),
        rx.foreach(HelpState.contacts, _contact_form),
        spacing="4", width="100%",
    )
