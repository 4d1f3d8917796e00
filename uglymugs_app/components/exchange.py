"""One message of an application's exchange between a moderator and the
applicant, as both sides draw it: who and when, the text, a new link."""

import reflex as rx

from uglymugs_app.components.text import tr


def exchange_entry(item: rx.Var, *, writer: rx.Component | rx.Var, link_key: str) -> rx.Component:
    """``item`` has ``from`` ("staff" or "her"), ``at``, ``text`` and ``link``;
    ``writer`` names who wrote it, as the side reading it calls them."""
    return rx.box(
        rx.text(writer, " · ", item["at"], size="1", color=rx.color("gray", 11)),
        rx.cond(item["text"] != "", rx.text(item["text"]), rx.fragment()),
        rx.cond(
            item["link"] != "",
            rx.text(tr(link_key), " ", item["link"], size="2"),
            rx.fragment(),
        ),
        padding="0.5rem 0.75rem",
        border_left=rx.cond(
            item["from"] == "staff",
            f"3px solid {rx.color('accent', 8)}",
            f"3px solid {rx.color('grass', 8)}",
        ),
        width="100%",
        custom_attrs={"data-from": item["from"]},
    )
