"""The conversation about a report, as the reporter and the moderator see it."""

import reflex as rx

from uglymugs_app.components.forms import submit, text_area
from uglymugs_app.components.text import tr


def message_rows(messages) -> list[dict[str, str]]:
    """Service ``MessageView``s as the plain rows ``thread`` shows."""
    return [
        {
            "id": str(m.id),
            "body": m.body,
            "at": m.created_at.strftime("%Y-%m-%d %H:%M"),
            "mine": "yes" if m.mine else "no",
            "author": m.author_role,
        }
        for m in messages
    ]


def _message(message: rx.Var) -> rx.Component:
    mine = message["mine"] == "yes"
    return rx.box(
        rx.text(
            rx.cond(
                mine,
                tr("thread.you"),
                rx.cond(
                    message["author"] == "moderator", tr("thread.moderator"), tr("report.reporter")
                ),
            ),
            " · ",
            message["at"],
            size="1",
            color=rx.color("gray", 11),
        ),
        rx.text(message["body"], white_space="pre-wrap"),
        align_self=rx.cond(mine, "flex-end", "flex-start"),
        background=rx.cond(mine, rx.color("accent", 4), rx.color("gray", 3)),
        padding="0.5rem 0.75rem",
        border_radius="0.75rem",
        max_width="85%",
        class_name="thread-message",
        custom_attrs={"data-mine": message["mine"]},
    )


def thread(messages: rx.Var, *, on_send, element_id: str, report_id: rx.Var) -> rx.Component:
    """The messages, oldest first, and a box to write the next one.

    The report id is sent with the message and checked again by the service.
    """
    return rx.vstack(
        rx.cond(messages.length() == 0, rx.text(tr("thread.empty"), size="2"), rx.fragment()),
        rx.foreach(messages, _message),
        rx.form(
            rx.vstack(
                rx.el.input(type="hidden", name="report_id", value=report_id),
                text_area("thread.write", "body", id=f"{element_id}-body", max_length=4000),
                submit("thread.send", f"{element_id}-send"),
                width="100%",
            ),
            on_submit=on_send,
            width="100%",
        ),
        id=element_id,
        width="100%",
        spacing="2",
    )
