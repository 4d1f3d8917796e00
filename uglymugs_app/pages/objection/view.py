"""Object to a warning: for a man who believes his number is wrongly listed."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.choices import select
from uglymugs_app.components.forms import (
    error_box,
    field,
    notice_box,
    page_title,
    submit,
    text_area,
)
from uglymugs_app.pages.objection.state import ObjectionState as State
from uglymugs_app.services.identifiers.kinds import MATCHABLE_KINDS
from uglymugs_app.vocabulary import HANDLE_PLATFORMS


def _form() -> rx.Component:
    return rx.form(
        rx.vstack(
            select(
                "objection.kind",
                "kind",
                tuple(kind.value for kind in MATCHABLE_KINDS),
                "identifier.kind",
                blank=False,
                id="objection-kind",
            ),
            field("objection.identifier", "identifier", required=True, id="objection-identifier"),
            select(
                "objection.platform",
                "platform",
                HANDLE_PLATFORMS,
                "platform",
                id="objection-platform",
            ),
            text_area("objection.reason", "reason", id="objection-reason", rows=4, max_length=2000),
            field(
                "objection.contact",
                "contact",
                hint_key="objection.contact.hint",
                id="objection-contact",
                max_length=200,
            ),
            submit("objection.submit", "objection-submit"),
            width="100%",
            spacing="3",
        ),
        on_submit=State.submit,
        width="100%",
    )


@shell_page(routes.OBJECTION, on_load=[State.start])
def objection_page() -> rx.Component:
    return rx.vstack(
        page_title("objection.title"),
        rx.text(tr("objection.intro")),
        rx.text(tr("objection.privacy"), size="2", color=rx.color("gray", 11)),
        error_box(State.error, "objection-error"),
        notice_box(State.notice, "objection-answer"),
        rx.cond(State.notice == "", _form(), rx.fragment()),
        spacing="4",
        width="100%",
    )
