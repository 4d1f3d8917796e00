"""The case-work parts of an open report: who handles it, handing it over, notes."""

import reflex as rx

from uglymugs_app.components import tr
from uglymugs_app.components.forms import error_box, notice_box, submit, text_area
from uglymugs_app.pages.moderate.case import BACK_TO_QUEUE, NOTE_ID, CaseState
from uglymugs_app.pages.moderate.state import ModerationState

C = CaseState
SELECT_STYLE = {"min-height": "44px", "font-size": "16px", "padding": "0 0.5rem"}


def _who_handles() -> rx.Component:
    return rx.cond(
        C.mine,
        rx.text(tr("case.handler.me"), weight="bold", id="case-handler", size="3"),
        rx.cond(
            C.handler != "",
            rx.text(
                tr("case.handler.other"),
                ": ",
                rx.text(C.handler, weight="bold", as_="span"),
                id="case-handler",
                size="3",
            ),
            rx.text(tr("case.handler.none"), id="case-handler", size="3"),
        ),
    )


def _hand_over() -> rx.Component:
    return rx.form(
        rx.flex(
            rx.el.label(tr("case.hand_over.to"), html_for="case-hand-over-to"),
            rx.el.select(
                rx.el.option(tr("case.hand_over.queue"), value=BACK_TO_QUEUE),
                rx.foreach(C.colleagues, lambda c: rx.el.option(c["name"], value=c["id"])),
                name="to",
                id="case-hand-over-to",
                style=SELECT_STYLE,
            ),
            submit("case.hand_over", "case-hand-over", variant="outline"),
            gap="2",
            align="center",
            wrap="wrap",
        ),
        # The queue shows who handles each case: it is read again after.
        on_submit=[C.hand_over, ModerationState.load],
        width="100%",
    )


def case_bar() -> rx.Component:
    """Who handles the case, "I'm handling this" or handing it over, her language."""
    return rx.card(
        rx.vstack(
            error_box(C.error, "case-error"),
            notice_box(C.notice, "case-notice"),
            rx.flex(
                rx.icon("user-check", size=20, aria_hidden="true"),
                _who_handles(),
                gap="2",
                align="center",
            ),
            rx.cond(
                C.mine,
                rx.fragment(),
                rx.button(
                    rx.icon("hand", aria_hidden="true"),
                    tr("case.take"),
                    on_click=[C.take, ModerationState.load],
                    size="3",
                    id="case-take",
                ),
            ),
            _hand_over(),
            rx.text(
                rx.text(tr("case.language"), weight="bold", as_="span"),
                ": ",
                rx.cond(C.language != "", C.language, tr("case.language.unknown")),
                id="case-language",
                size="2",
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
        id="case-bar",
    )


def _note(note: rx.Var) -> rx.Component:
    return rx.box(
        rx.text(note["author"], " · ", note["at"], size="1", color=rx.color("gray", 11)),
        rx.text(note["body"], white_space="pre-wrap"),
        padding="0.5rem 0.75rem",
        border_radius="0.5rem",
        background=rx.color("amber", 3),
        class_name="case-note",
    )


def notes_card() -> rx.Component:
    """Internal notes: staff only, never the reporter, never the police report."""
    return rx.card(
        rx.vstack(
            rx.heading(tr("case.notes"), size="4", as_="h3"),
            rx.text(tr("case.notes.hint"), size="2"),
            rx.cond(
                C.notes.length() == 0, rx.text(tr("case.notes.empty"), size="2"), rx.fragment()
            ),
            rx.foreach(C.notes, _note),
            rx.form(
                rx.vstack(
                    text_area("case.note.write", "body", id=f"{NOTE_ID}-body", max_length=4000),
                    submit("case.note.add", f"{NOTE_ID}-add", variant="outline"),
                    width="100%",
                ),
                on_submit=C.add_note,
                width="100%",
            ),
            width="100%",
            spacing="2",
        ),
        width="100%",
        id="case-notes",
    )
