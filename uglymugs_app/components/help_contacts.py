"""The list of help numbers, as the admin configured them."""

import reflex as rx

from uglymugs_app.components.choices import SELECT_STYLE
from uglymugs_app.components.text import tr
from uglymugs_app.state.help import CONTACT_KEYS, HelpState
from uglymugs_app.state.ui import UiState


def _ways_to_reach(item: rx.Var) -> rx.Component:
    """Her number to tap (a large target), the web page and the note, on one line."""
    return rx.hstack(
        rx.cond(
            item["phone"] != "",
            rx.link(
                item["phone"],
                href=item["tel"],
                weight="bold",
                size="5",
                style={"min-height": "44px", "display": "inline-flex", "align-items": "center"},
            ),
            rx.fragment(),
        ),
        rx.cond(
            item["url"] != "",
            rx.link(
                tr("contact.web"), href=item["url"], is_external=True, rel="noopener noreferrer"
            ),
            rx.fragment(),
        ),
        rx.cond(item["note"] != "", rx.text(item["note"], size="2"), rx.fragment()),
        align="center",
        spacing="4",
        wrap="wrap",
    )


def _contact(key: str) -> rx.Component:
    """A contact's name, drawn with the page, and the ways to reach it once
    the numbers arrive (until then the room they will take, so nothing below
    moves); a contact with neither number nor web page is left out. The name
    stays the same element throughout: the page's largest text is painted
    once, not again when the numbers come."""
    item = HelpState.reach[key]
    loaded = HelpState.contacts.length() > 0
    return rx.cond(
        ~loaded | (item["phone"] != "") | (item["url"] != ""),
        rx.vstack(
            rx.text(tr(f"contact.{key}"), weight="medium"),
            rx.cond(loaded, _ways_to_reach(item), rx.box(style={"min-height": "44px"})),
            spacing="0",
            width="100%",
            custom_attrs={"data-contact": key},
        ),
        rx.fragment(),
    )


def help_contacts() -> rx.Component:
    return rx.card(
        rx.vstack(*[_contact(key) for key in CONTACT_KEYS], width="100%"),
        width="100%",
        id="help-contacts",
    )


def _local_row(item: rx.Var) -> rx.Component:
    return rx.match(
        item["kind"],
        (
            "",
            rx.heading(
                UiState.t["region." + item["region"]],
                size="3",
                as_="h3",
                custom_attrs={"data-local-region": item["region"]},
            ),
        ),
        ("none", rx.text(tr("help.local.none"), size="2")),
        rx.vstack(
            rx.text(UiState.t["localcontact.kind." + item["kind"]], weight="medium"),
            rx.cond(item["name"] != "", rx.text(item["name"]), rx.fragment()),
            _ways_to_reach(item),
            spacing="0",
            width="100%",
            custom_attrs={"data-local-contact": item["id"]},
        ),
    )


def local_help_contacts() -> rx.Component:
    """Contacts in her regions (wijkagent, vice desk, clinics), or in the region she picks."""
    return rx.card(
        rx.vstack(
            rx.heading(tr("help.local.title"), size="4", as_="h2"),
            rx.el.label(tr("help.local.choose"), html_for="help-region"),
            rx.el.select(
                rx.el.option(tr("help.local.mine"), value=""),
                rx.foreach(
                    UiState.offered_regions,
                    lambda code: rx.el.option(UiState.t["region." + code], value=code),
                ),
                value=HelpState.local_region,
                on_change=HelpState.choose_region,
                id="help-region",
                style=SELECT_STYLE,
            ),
            rx.foreach(HelpState.local, _local_row),
            width="100%",
        ),
        width="100%",
        id="help-local-contacts",
    )
