"""Admins: regions (names in the nine languages, retire, restore, add) and the
local contacts of each, shown on members' help pages."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.choices import SELECT_STYLE
from uglymugs_app.components.forms import TOUCH, error_box, notice_box, page_title, submit
from uglymugs_app.i18n import LANGUAGES
from uglymugs_app.pages.admin_regions.state import RegionsAdminState as State
from uglymugs_app.services.regions.local_contacts import KINDS
from uglymugs_app.state.ui import UiState

INPUT = {"min-height": TOUCH, "width": "100%", "font-size": "16px", "padding": "0 0.5rem"}


def _input(label: rx.Var | str, name: str, element_id, value="", **props) -> rx.Component:
    return rx.vstack(
        rx.el.label(label, html_for=element_id),
        rx.el.input(name=name, id=element_id, default_value=value, style=INPUT, **props),
        spacing="1",
        width="100%",
    )


def _picker() -> rx.Component:
    return rx.vstack(
        rx.el.label(
            tr("regionadmin.choose"), html_for="region-picker", style={"font-weight": "600"}
        ),
        rx.el.select(
            rx.foreach(
                State.regions,
                lambda r: rx.el.option(
                    UiState.t["region." + r["code"]].to(str)
                    + rx.cond(
                        r["retired"] == "yes",
                        " — " + UiState.t["regionadmin.retired"].to(str),
                        "",
                    ),
                    value=r["code"],
                ),
            ),
            value=State.chosen,
            on_change=State.choose,
            id="region-picker",
            style=SELECT_STYLE,
        ),
        width="100%",
        spacing="1",
    )


def _name_field(item: rx.Var, prefix: str) -> rx.Component:
    return _input(
        item["native"], "name_" + item["language"], prefix + item["language"], item["value"]
    )


def _names_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.heading(tr("regionadmin.names"), size="4", as_="h2"),
            rx.text(tr("regionadmin.names.hint"), size="2"),
            rx.foreach(State.names, lambda item: _name_field(item, "region-name-")),
            submit("regionadmin.save_names", "region-save-names"),
            width="100%",
        ),
        on_submit=State.save_names,
        key=State.form_key,
        width="100%",
    )


def _retire_button() -> rx.Component:
    return rx.cond(
        State.chosen_whole_country,
        rx.fragment(),
        rx.cond(
            State.chosen_retired,
            rx.button(
                tr("regionadmin.restore"),
                on_click=State.restore(State.chosen),
                id="region-restore",
                variant="outline",
                style={"min-height": TOUCH},
            ),
            rx.button(
                tr("regionadmin.retire"),
                on_click=State.retire(State.chosen),
                id="region-retire",
                color_scheme="tomato",
                variant="outline",
                style={"min-height": TOUCH},
            ),
        ),
    )


def _kind_select(value, element_id) -> rx.Component:
    return rx.vstack(
        rx.el.label(tr("localcontact.kind"), html_for=element_id),
        rx.el.select(
            *[rx.el.option(tr(f"localcontact.kind.{kind}"), value=kind) for kind in KINDS],
            name="kind",
            id=element_id,
            default_value=value,
            style=SELECT_STYLE,
        ),
        spacing="1",
        width="100%",
    )


def _contact_fields(item, prefix) -> list[rx.Component]:
    def value(name: str):
        return item[name] if item is not None else ""

    return [
        _kind_select(value("kind") if item is not None else KINDS[0], prefix + "kind"),
        _input(tr("localcontact.name"), "name", prefix + "name", value("name"), max_length=120),
        _input(tr("contacts.phone"), "phone", prefix + "phone", value("phone"), type="tel"),
        _input(tr("contacts.url"), "url", prefix + "url", value("url"), type="url"),
        _input(tr("contacts.note"), "note", prefix + "note", value("note"), max_length=200),
    ]


def _contact(item: rx.Var) -> rx.Component:
    prefix = "contact-" + item["id"] + "-"
    return rx.card(
        rx.form(
            rx.vstack(
                rx.el.input(type="hidden", name="contact_id", value=item["id"]),
                *_contact_fields(item, prefix),
                rx.hstack(
                    submit("localcontact.save", prefix + "save"),
                    rx.button(
                        tr("localcontact.remove"),
                        type="button",
                        on_click=State.remove_contact(item["id"]),
                        id=prefix + "remove",
                        color_scheme="tomato",
                        variant="outline",
                        style={"min-height": TOUCH},
                    ),
                    wrap="wrap",
                ),
                width="100%",
            ),
            on_submit=State.save_contact,
            width="100%",
        ),
        width="100%",
        custom_attrs={"data-local-contact": item["id"]},
    )


def _contacts() -> rx.Component:
    return rx.vstack(
        rx.heading(tr("localcontact.title"), size="4", as_="h2"),
        rx.text(tr("localcontact.intro"), size="2"),
        rx.cond(
            State.contacts.length() == 0,
            rx.text(tr("localcontact.none"), id="local-contacts-none"),
            rx.fragment(),
        ),
        rx.foreach(State.contacts, _contact),
        rx.card(
            rx.form(
                rx.vstack(
                    rx.heading(tr("localcontact.add"), size="3", as_="h3"),
                    *_contact_fields(None, "new-contact-"),
                    submit("localcontact.add", "new-contact-save"),
                    width="100%",
                ),
                on_submit=State.add_contact,
                reset_on_submit=True,
                key=State.form_key,
                width="100%",
            ),
            width="100%",
        ),
        width="100%",
        spacing="3",
    )


def _new_region() -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading(tr("regionadmin.add.title"), size="4", as_="h2"),
                rx.text(tr("regionadmin.names.hint"), size="2"),
                *[
                    _input(native, f"name_{code}", f"new-region-{code}")
                    for code, native in LANGUAGES.items()
                ],
                submit("regionadmin.add", "new-region-save"),
                width="100%",
            ),
            on_submit=State.add_region,
            reset_on_submit=True,
            width="100%",
        ),
        width="100%",
    )


@shell_page(routes.ADMIN_REGIONS, on_load=[State.load])
def admin_regions_page() -> rx.Component:
    return rx.vstack(
        page_title("regionadmin.title"),
        rx.text(tr("regionadmin.intro")),
        error_box(State.error, "regions-error"),
        notice_box(State.notice, "regions-notice"),
        _picker(),
        rx.cond(
            State.chosen_retired,
            rx.badge(tr("regionadmin.retired"), color_scheme="gray", id="region-retired-badge"),
            rx.fragment(),
        ),
        _names_form(),
        _retire_button(),
        _contacts(),
        _new_region(),
        spacing="4",
        width="100%",
    )
