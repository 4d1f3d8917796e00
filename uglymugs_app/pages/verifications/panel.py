"""The application she has taken: evidence, flags, the exchange, the decision."""

import reflex as rx

from uglymugs_app.components import tr
from uglymugs_app.components.exchange import exchange_entry
from uglymugs_app.components.forms import INPUT_STYLE, submit
from uglymugs_app.pages.verifications.state import VerificationState

CURRENT = VerificationState.current


def region_names(row: rx.Var) -> rx.Component:
    """A row's region codes ("utrecht,amsterdam") as their names in her language."""
    return rx.foreach(
        row["regions"].to(str).split(","),
        lambda code, n: rx.text(rx.cond(n > 0, ", ", ""), tr("region." + code), as_="span"),
    )


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


def _message(item: rx.Var) -> rx.Component:
    return exchange_entry(
        item,
        writer=rx.cond(item["from"] == "staff", item["author"], tr("verify.exchange.her")),
        link_key="verify.exchange.new_link",
    )


def _flags() -> rx.Component:
    return rx.cond(
        CURRENT["duplicates"] != "",
        rx.callout(
            rx.text(
                tr("verify.duplicate.detail"),
                " ",
                rx.foreach(
                    VerificationState.duplicates,
                    lambda d, n: rx.text(
                        rx.cond(n > 0, ", ", ""),
                        d["name"],
                        " (",
                        tr("people.status." + d["status"]),
                        ")",
                        as_="span",
                    ),
                ),
            ),
            icon="copy",
            color_scheme="amber",
            id="duplicate-flag",
            width="100%",
        ),
        rx.fragment(),
    )


def current_panel() -> rx.Component:
    return rx.cond(
        CURRENT["id"] != "",
        rx.card(
            rx.vstack(
                rx.heading(CURRENT["name"], size="5", as_="h2"),
                rx.text(
                    tr("verify.applied"), " ", CURRENT["applied"], " · ", region_names(CURRENT)
                ),
                rx.cond(
                    CURRENT["evidence"] != "",
                    rx.link(
                        CURRENT["evidence"],
                        href=CURRENT["evidence"],
                        is_external=True,
                        rel="noopener noreferrer",
                        class_name="evidence-link",
                        style={
                            "min-height": "44px",
                            "display": "inline-flex",
                            "align-items": "center",
                            "word-break": "break-all",
                        },
                    ),
                    rx.text(tr("verify.evidence.code")),
                ),
                rx.cond(
                    CURRENT["vouched_by"] != "",
                    rx.text(tr("verify.vouched_by"), " ", CURRENT["vouched_by"]),
                    rx.fragment(),
                ),
                _flags(),
                rx.cond(
                    VerificationState.exchange.length() > 0,
                    rx.vstack(
                        rx.heading(tr("verify.exchange"), size="3", as_="h3"),
                        rx.foreach(VerificationState.exchange, _message),
                        id="exchange",
                        width="100%",
                    ),
                    rx.fragment(),
                ),
                rx.form(
                    rx.vstack(
                        rx.el.input(type="hidden", name="member_id", value=CURRENT["id"]),
                        rx.el.label(
                            tr("verify.message"), html_for="decision-message", font_weight="600"
                        ),
                        rx.el.textarea(
                            name="message",
                            id="decision-message",
                            rows=3,
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
                    # A new form for each application: nothing typed for one
                    # is ever sent for another.
                    key=CURRENT["id"],
                    on_submit=VerificationState.decide,
                    reset_on_submit=True,
                    width="100%",
                ),
                rx.flex(
                    rx.button(
                        tr("verify.hand_back"),
                        on_click=VerificationState.hand_back(CURRENT["id"]),
                        variant="outline",
                        size="3",
                        id="hand-back",
                    ),
                    rx.button(
                        tr("verify.close"),
                        on_click=VerificationState.close,
                        variant="soft",
                        size="3",
                        id="close-application",
                    ),
                    gap="0.75rem",
                    wrap="wrap",
                ),
                width="100%",
            ),
            id="current-application",
            width="100%",
            # Scrolled to when taken: clear of the sticky header.
            style={"scroll-margin-top": "5rem"},
            custom_attrs={"data-current": CURRENT["name"]},
        ),
        rx.fragment(),
    )
