"""Check a client before meeting him: paste anything, get a masked answer.

The private check: what she types has no ``name`` and never leaves the page;
assets/check.js puts only blinded elements into the form, and shows the
answer by revealing the parts below (all rendered here, hidden until then).
"""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.forms import page_title, submit
from uglymugs_app.components.warning_card import warning_card
from uglymugs_app.pages.check.state import INPUT_ID, KIND_CHOICES, MAX_INPUT, CheckState

TIPS = ("check.tip.tell", "check.tip.trust", "check.tip.money", "check.tip.emergency")


def _form() -> rx.Component:
    """Her input and the kind selector stand outside the form element that
    Reflex submits: it sends every element inside it that has an id, name or
    not. They belong to the form only for the browser (``form=``, so Enter
    still checks), and assets/check.js reads them there."""
    return rx.vstack(
        rx.el.label(tr("check.label"), html_for=INPUT_ID, style={"font-weight": "600"}),
        rx.el.input(
            id=INPUT_ID,
            form="check-form",
            type="search",
            auto_complete="off",
            autocorrect="off",
            autocapitalize="off",
            spellcheck=False,
            max_length=MAX_INPUT,
            enter_key_hint="search",
            style={
                "min-height": "48px",
                "width": "100%",
                "font-size": "18px",
                "padding": "0 0.75rem",
                "border-radius": "0.5rem",
                "background": rx.color("gray", 2),
                "border": f"1px solid {rx.color('gray', 7)}",
            },
        ),
        _kind_selector(),
        rx.form(
            # Filled by assets/check.js at each submit, and all that is sent:
            # the check's number (the answer echoes it), the blinded readings
            # and the version of the table the page holds.
            rx.el.input(type="hidden", name="seq"),
            rx.el.input(type="hidden", name="blinded"),
            rx.el.input(type="hidden", name="table"),
            submit("check.submit", "check-submit"),
            # The box keeps what she typed: with several numbers she must see
            # which one the answer is for.
            on_submit=CheckState.check,
            reset_on_submit=False,
            width="100%",
            id="check-form",
        ),
        width="100%",
    )


def _kind_selector() -> rx.Component:
    """Optional: she can say what it is; by default every kind it could be is tried."""
    return rx.vstack(
        rx.el.label(tr("check.kind.label"), html_for="check-kind", style={"font-weight": "600"}),
        rx.el.select(
            rx.el.option(tr("check.kind.any"), value=""),
            *[rx.el.option(tr(f"identifier.kind.{kind}"), value=kind) for kind in KIND_CHOICES],
            # Read by the page only: even the kind she chose is not sent.
            id="check-kind",
            form="check-form",
            default_value="",
            style={"min-height": "44px", "width": "100%"},
        ),
        spacing="1",
        width="100%",
    )


def _waiting() -> rx.Component:
    """Shown by assets/check.js, never by the server: they must work without it."""
    return rx.fragment(
        rx.flex(
            rx.spinner(size="3"),
            rx.text(tr("check.checking"), size="4"),
            id="check-pending",
            role="status",
            gap="3",
            align="center",
        ),
        rx.callout.root(
            rx.callout.icon(rx.icon("wifi-off")),
            rx.vstack(
                rx.heading(tr("check.offline"), size="6", as_="p"),
                rx.text(tr("check.offline.hint"), size="3"),
                spacing="2",
            ),
            id="check-offline",
            role="alert",
            color_scheme="tomato",
            size="3",
            width="100%",
        ),
    )


def _no_match() -> rx.Component:
    return rx.vstack(
        rx.callout(
            tr("check.none"),
            icon="circle-alert",
            color_scheme="amber",
            size="3",
            id="check-none",
            role="status",
            width="100%",
        ),
        rx.card(
            rx.vstack(
                rx.heading(tr("check.tips.title"), size="4", as_="h2"),
                rx.el.ul(
                    *[rx.el.li(tr(key)) for key in TIPS],
                    style={"margin": "0", "padding-left": "1.2rem"},
                ),
                rx.link(tr("help.safety.link"), href=routes.HELP_SAFETY, id="more-safety-tips"),
                spacing="2",
            ),
            width="100%",
            id="safety-tips",
        ),
        width="100%",
        id="check-none-box",
    )


def _found() -> rx.Component:
    """The warning cards are all here, hidden: assets/check.js shows the ones
    the check found, so showing them asks the server nothing."""
    return rx.vstack(
        rx.callout(
            tr("check.found"),
            icon="octagon-alert",
            color_scheme="tomato",
            size="3",
            id="check-found",
            role="alert",
            width="100%",
        ),
        rx.el.div(
            rx.foreach(
                CheckState.cards,
                lambda card: rx.el.div(
                    warning_card(card, full=True), custom_attrs={"data-check-card": card.id}
                ),
            ),
            id="check-cards",
            style={"display": "flex", "flex-direction": "column", "gap": "0.75rem"},
        ),
        width="100%",
        spacing="3",
        id="check-found-box",
    )


def _call() -> rx.Component:
    """At her limit: the organisation's number to tap, else the help page's numbers."""
    style = {
        "display": "inline-flex",
        "gap": "0.5rem",
        "align-items": "center",
        "min-height": "44px",
    }
    return rx.cond(
        CheckState.call_href != "",
        rx.link(
            rx.icon("phone", size=20, aria_hidden="true"),
            CheckState.call_text,
            href=CheckState.call_href,
            id="check-call",
            weight="bold",
            style=style,
        ),
        rx.link(tr("check.limit.help"), href=routes.HELP, id="check-call", style=style),
    )


def _error() -> rx.Component:
    # Shown by assets/check.js with the refusal; at her limit it offers a call.
    return rx.callout.root(
        rx.callout.icon(rx.icon("circle-alert")),
        rx.vstack(
            rx.callout.text(id="check-error-text"),
            rx.cond(CheckState.at_limit, _call(), rx.fragment()),
            spacing="2",
        ),
        id="check-error",
        role="alert",
        color_scheme="tomato",
        width="100%",
    )


@shell_page(routes.CHECK, on_load=[CheckState.load])
def check_page() -> rx.Component:
    return rx.vstack(
        page_title("check.title"),
        rx.text(tr("check.intro")),
        rx.text(tr("private_check.note"), size="2", id="check-private-note"),
        _form(),
        _waiting(),
        rx.vstack(
            _error(),
            rx.text(id="check-searched", size="3", weight="medium"),
            rx.text(id="check-matched", size="3", weight="medium"),
            _found(),
            _no_match(),
            rx.text(id="checks-left", size="2"),
            id="check-answer",
            spacing="4",
            width="100%",
        ),
        spacing="4",
        width="100%",
    )
