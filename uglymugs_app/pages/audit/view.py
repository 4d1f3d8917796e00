"""The audit log for admins: who did what to which report or warning, and when."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.forms import field, page_title, submit
from uglymugs_app.pages.audit.state import SUBJECT_TYPES, AuditState

CELL = {
    "padding": "0.4rem 0.6rem",
    "text-align": "left",
    "vertical-align": "top",
    "border-bottom": f"1px solid {rx.color('gray', 5)}",
}


def _event(event: rx.Var) -> rx.Component:
    return rx.el.tr(
        rx.el.td(event["at"], style=CELL),
        rx.el.td(event["actor"], style=CELL),
        rx.el.td(event["label"], style=CELL),
        rx.el.td(event["subject"], style=CELL),
        rx.el.td(
            rx.text(event["detail"], size="1"),
            rx.text(event["before"], " → ", event["after"], size="1", color=rx.color("gray", 11)),
            style=CELL,
        ),
        custom_attrs={"data-action": event["action"]},
        class_name="audit-event",
    )


@shell_page(routes.AUDIT, on_load=[AuditState.load])
def audit_page() -> rx.Component:
    return rx.vstack(
        page_title("audit.title"),
        rx.form(
            rx.flex(
                rx.el.select(
                    rx.el.option(tr("audit.subject.any"), value=""),
                    *[
                        rx.el.option(tr(f"audit.subject.{kind}"), value=kind)
                        for kind in SUBJECT_TYPES
                    ],
                    name="subject_type",
                    aria_label=tr("audit.subject_type"),
                    style={"min-height": "44px"},
                ),
                field(
                    "audit.subject_id", "subject_id", id="audit-subject-id", input_mode="numeric"
                ),
                submit("audit.filter", "audit-filter", variant="outline"),
                gap="2",
                align="end",
                wrap="wrap",
            ),
            on_submit=AuditState.filter,
            width="100%",
        ),
        # A wide table scrolls sideways on a phone; the region takes keyboard
        # focus so it can be scrolled without a pointer.
        rx.el.div(
            rx.el.table(
                rx.el.thead(
                    rx.el.tr(
                        *[
                            rx.el.th(tr(f"audit.{c}"), scope="col", style=CELL)
                            for c in ("at", "actor", "action", "subject", "change")
                        ]
                    )
                ),
                rx.el.tbody(rx.foreach(AuditState.events, _event)),
                id="audit-table",
                style={"border-collapse": "collapse", "width": "100%", "font-size": "0.85rem"},
            ),
            tab_index=0,
            role="region",
            aria_label=tr("audit.title"),
            style={"overflow-x": "auto", "width": "100%"},
        ),
        spacing="4",
        width="100%",
    )
