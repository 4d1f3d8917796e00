"""The moderators' verification queue, and reset codes for members."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.forms import (
    INPUT_STYLE,
    error_box,
    field,
    notice_box,
    page_title,
    submit,
)
from uglymugs_app.pages.verifications.state import VerificationState


def _decision(value: str, key: str) -> rx.Component:
    # The form does not send which button was pressed, so the decision is a choice.
    return rx.el.label(
        rx.el.input(
            type="radio",
            name="decision",
            value=value,
            required=True,
            style={"width": "22px", "height": "22px"},
            custom_attrs={"data-decision": value},
        ),
        tr(key),
        style={"display": "flex", "gap": "0.4rem", "align-items": "center", "min-height": "44px"},
    )


def _application(item: rx.Var) -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading(item["name"], size="4", as_="h2"),
                rx.text(
                    tr("verify.applied"),
                    " ",
                    item["applied"],
                    " · ",
                    rx.foreach(
                        item["regions"].to(str).split(","),
                        lambda code, n: rx.text(
                            rx.cond(n > 0, ", ", ""), tr("region." + code), as_="span"
                        ),
                    ),
                ),
                rx.text(tr("verify.status"), " ", tr("people.status." + item["status"]), size="2"),
                rx.cond(
                    item["evidence"] != "",
                    rx.link(
                        item["evidence"],
                        href=item["evidence"],
                        is_external=True,
                        rel="noopener noreferrer",
                        class_name="evidence-link",
                    ),
                    rx.fragment(),
                ),
                rx.cond(
                    item["vouched_by"] != "",
                    rx.text(tr("verify.vouched_by"), " ", item["vouched_by"]),
                    rx.fragment(),
                ),
                rx.el.input(type="hidden", name="member_id", value=item["id"]),
                rx.el.textarea(
                    name="message",
                    placeholder=tr("verify.message"),
                    rows=2,
                    aria_label=tr("verify.message"),
                    default_value=item["message"],
                    style={**INPUT_STYLE, "padding": "0.5rem 0.75rem"},
                ),
                rx.flex(
                    _decision("approve", "verify.approve"),
                    _decision("more", "verify.more"),
                    _decision("reject", "verify.reject"),
                    column_gap="1rem",
                    wrap="wrap",
                ),
                submit("verify.send", "verify-send"),
                width="100%",
            ),
            on_submit=VerificationState.decide,
        ),
        width="100%",
        custom_attrs={"data-applicant": item["name"]},
    )


@shell_page(routes.MODERATE_VERIFICATIONS, on_load=[VerificationState.load])
def verifications_page() -> rx.Component:
    return rx.vstack(
        page_title("verify.title"),
        error_box(VerificationState.error, "verify-error"),
        rx.cond(
            VerificationState.applications.length() == 0,
            rx.text(tr("verify.empty"), id="queue-empty"),
            rx.fragment(),
        ),
        rx.foreach(VerificationState.applications, _application),
        rx.heading(tr("reset.issue.title"), size="4", as_="h2"),
        rx.form(
            rx.vstack(
                field("account.working_name", "working_name", id="reset-for-name"),
                submit("reset.issue.submit", "reset-issue"),
                width="100%",
            ),
            on_submit=VerificationState.issue_reset_code,
            width="100%",
        ),
        notice_box(VerificationState.reset_code, "reset-code"),
        spacing="4",
        width="100%",
    )
