"""The moderators' objection queue: his objection, the warnings naming his
identifier, and what to do: retract, remove his identifier, or keep it."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.forms import error_box, notice_box, page_title
from uglymugs_app.pages.objections.state import ObjectionsState as State

_NOTE_STYLE = {"width": "100%", "font-size": "16px", "min-height": "44px"}


def _decision(objection: rx.Var, action: str, warning_id: rx.Var | str) -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.el.input(type="hidden", name="objection_id", value=objection.id),
            rx.el.input(type="hidden", name="warning_id", value=warning_id),
            rx.el.input(type="hidden", name="action", value=action),
            rx.el.input(
                name="note",
                required=True,
                placeholder=tr("objections.note"),
                aria_label=tr("objections.note"),
                style=_NOTE_STYLE,
            ),
            rx.button(
                tr(f"objections.{action}"),
                type="submit",
                size="2",
                color_scheme="tomato" if action == "retract" else "gray",
                class_name=f"objection-{action}",
            ),
            width="100%",
            spacing="1",
        ),
        on_submit=State.decide,
        reset_on_submit=True,
        width="100%",
    )


def _listed(objection: rx.Var, listed: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(
                tr("objections.warning"),
                " #",
                listed.warning,
                " · ",
                tr("objections.report"),
                " #",
                listed.report,
                " · ",
                tr("warning.status." + listed.status),
                weight="bold",
                size="2",
            ),
            rx.text(listed.masked, size="2"),
            rx.text(listed.summary, size="2"),
            rx.cond(
                listed.status == "active",
                rx.flex(
                    _decision(objection, "remove", listed.warning),
                    _decision(objection, "retract", listed.warning),
                    gap="3",
                    direction="column",
                    width="100%",
                    # Side by side on a tablet (assets/shell.css).
                    class_name="objection-decisions",
                ),
                rx.fragment(),
            ),
            width="100%",
        ),
        width="100%",
        class_name="objection-listed",
    )


def _objection(objection: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(objection.received, " · ", objection.kind, size="2"),
            rx.text(objection.identifier, weight="bold", class_name="objection-identifier"),
            rx.text(objection.reason),
            rx.cond(
                objection.contact != "",
                rx.text(tr("objections.contact"), ": ", objection.contact, size="2"),
                rx.fragment(),
            ),
            rx.cond(
                objection.outcome != "",
                rx.text(tr("objections.outcome"), ": ", objection.outcome, " · ", objection.note),
                rx.vstack(
                    rx.cond(
                        objection.listed.length() == 0,
                        rx.text(tr("objections.not_listed"), size="2"),
                        rx.foreach(objection.listed, lambda item: _listed(objection, item)),
                    ),
                    _decision(objection, "keep", ""),
                    width="100%",
                ),
            ),
            width="100%",
        ),
        width="100%",
        custom_attrs={"data-objection": objection.id},
    )


@shell_page(routes.OBJECTIONS, on_load=[State.load])
def objections_page() -> rx.Component:
    return rx.vstack(
        page_title("objections.title"),
        rx.text(tr("objections.intro"), size="2"),
        rx.hstack(
            rx.button(tr("objections.open"), on_click=State.show("open"), variant="soft"),
            rx.button(
                tr("objections.handled_list"), on_click=State.show("handled"), variant="soft"
            ),
        ),
        error_box(State.error, "objections-error"),
        notice_box(State.notice, "objections-notice"),
        rx.cond(State.items.length() == 0, rx.text(tr("objections.empty")), rx.fragment()),
        rx.foreach(State.items, _objection),
        spacing="4",
        width="100%",
    )
