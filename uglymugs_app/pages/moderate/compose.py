"""The dashboard's action forms: compose and publish, decline, correct, retract."""

import reflex as rx

from uglymugs_app.components import tr
from uglymugs_app.components.choices import tile, tiles
from uglymugs_app.components.forms import TOUCH, error_at, field_error, submit, text_area
from uglymugs_app.components.warning_card import warning_card
from uglymugs_app.pages.moderate.state import PREVIEW_ERROR, PUBLISH_ERROR, ModerationState
from uglymugs_app.state.ui import UiState
from uglymugs_app.vocabulary import SEVERITIES

M = ModerationState


def _error(element_id: str) -> rx.Var:
    return error_at(M.error, M.error_field, element_id)


def _section(title_key: str, *children: rx.Component, **props) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(tr(title_key), size="4", as_="h3"), *children, spacing="3", width="100%"
        ),
        width="100%",
        **props,
    )


def _severity(current: rx.Var | str = "") -> rx.Component:
    return tiles(
        "moderate.severity",
        *[
            tile(
                "severity",
                code,
                tr(f"severity.{code}"),
                multiple=False,
                element_id=f"severity-{code}",
                required=True,
                default_checked=current == code if isinstance(current, rx.Var) else False,
            )
            for code in reversed(SEVERITIES)
        ],
    )


def _removable_identifiers() -> rx.Component:
    """One box per published identifier: ticked, the correction removes it
    (e.g. an objection upheld for one number, the rest of the warning stands)."""
    return rx.cond(
        M.warning_identifiers.length() > 0,
        rx.el.fieldset(
            rx.el.legend(tr("moderate.remove_identifiers"), style={"font-weight": "600"}),
            rx.foreach(
                M.warning_identifiers,
                lambda item: rx.el.label(
                    rx.el.input(
                        type="checkbox",
                        name="remove_identifier:" + item["id"],
                        value="on",
                        id="remove-identifier-" + item["id"],
                        style={"width": "22px", "height": "22px"},
                    ),
                    tr("identifier.kind." + item["kind"]),
                    ": ",
                    item["masked"],
                    html_for="remove-identifier-" + item["id"],
                    style={"display": "flex", "gap": "0.5rem", "min-height": "44px"},
                ),
            ),
            style={"border": "none", "padding": "0", "margin": "0", "width": "100%"},
        ),
        rx.fragment(),
    )


def _regions(is_default) -> rx.Component:
    """A tile per offered region (the database's, listed on the interface state)."""
    return tiles(
        "moderate.regions",
        rx.foreach(
            UiState.offered_regions,
            lambda code: tile(
                "warning_region:" + code,
                "on",
                UiState.t["region." + code],
                element_id="warning-region-" + code,
                default_checked=is_default(code),
            ),
        ),
    )


def _identifier_choice(item: rx.Var) -> rx.Component:
    return rx.el.label(
        rx.el.input(
            type="checkbox",
            name="publish_identifier:" + item["id"],
            value="on",
            default_checked=item["publishable"] == "yes",
            disabled=item["publishable"] != "yes",
            style={"width": "22px", "height": "22px"},
        ),
        rx.text(
            tr("identifier.kind." + item["kind"]),
            ": ",
            rx.cond(item["masked"] != "", item["masked"], tr("moderate.never_published")),
            as_="span",
        ),
        class_name="tile",
    )


def _look_choice(item: rx.Var) -> rx.Component:
    return rx.el.label(
        rx.el.input(
            type="checkbox",
            name="publish_look:" + item["name"],
            value="on",
            default_checked=item["default"] == "yes",
            style={"width": "22px", "height": "22px"},
        ),
        rx.text(tr("appearance." + item["name"]), as_="span"),
        class_name="tile",
    )


def compose() -> rx.Component:
    """What to publish; the defaults are the safe choice."""
    return _section(
        "moderate.compose",
        rx.cond(
            M.detail["may_publish"] == "no",
            rx.callout(
                tr("moderation.publish.no_consent"),
                icon="ban",
                color_scheme="tomato",
                id="no-consent",
            ),
            rx.fragment(),
        ),
        rx.form(
            rx.vstack(
                rx.text(tr("moderate.publish.identifiers"), weight="bold"),
                rx.box(rx.foreach(M.identifiers, _identifier_choice), class_name="tiles"),
                rx.text(tr("moderate.publish.appearance"), weight="bold"),
                rx.box(rx.foreach(M.appearance, _look_choice), class_name="tiles"),
                tiles(
                    "moderate.publish.also",
                    *[
                        tile(
                            f"include:{code}",
                            "on",
                            tr(f"moderate.include.{code}"),
                            element_id=f"include-{code}",
                            default_checked=code != "place_kind",
                        )
                        for code in ("incident_types", "month", "place_kind")
                    ],
                ),
                text_area(
                    "moderate.summary",
                    "summary",
                    id="warning-summary",
                    rows=4,
                    max_length=1000,
                    required=True,
                    error=_error("warning-summary"),
                ),
                rx.text(tr("moderate.summary.hint"), size="2", color=rx.color("gray", 11)),
                _severity(),
                field_error(_error("severity-error"), "severity-error"),
                _regions(lambda code: M.detail["region"] == code),
                field_error(_error("warning-regions-error"), "warning-regions-error"),
                field_error(_error(PREVIEW_ERROR), PREVIEW_ERROR),
                submit("moderate.preview", "preview-warning", variant="outline"),
                width="100%",
                spacing="3",
            ),
            on_submit=M.preview_draft,
            key=M.selected.to_string(),
            width="100%",
        ),
        rx.cond(
            M.preview.length() > 0,
            rx.vstack(
                rx.heading(tr("moderate.preview.title"), size="3", as_="h4"),
                rx.foreach(M.preview, lambda card: warning_card(card, full=True)),
                field_error(_error(PUBLISH_ERROR), PUBLISH_ERROR),
                rx.button(
                    tr("moderate.publish"),
                    on_click=M.publish,
                    size="3",
                    id="publish-warning",
                    style={"min-height": TOUCH},
                ),
                width="100%",
                spacing="3",
                id="warning-preview",
            ),
            rx.fragment(),
        ),
        id="compose",
    )


def _reason_form(handler, button_key: str, element_id: str, **props) -> rx.Component:
    return rx.form(
        rx.vstack(
            text_area(
                "moderate.reason",
                "reason",
                id=f"{element_id}-reason",
                required=True,
                max_length=1000,
            ),
            submit(button_key, element_id, **props),
            width="100%",
        ),
        on_submit=handler,
        key=M.selected.to_string(),
        width="100%",
    )


def decline() -> rx.Component:
    return _section(
        "moderate.decline.title",
        rx.text(tr("moderate.decline.body"), size="2"),
        _reason_form(
            M.decline,
            "moderate.decline",
            "decline-report",
            color_scheme="tomato",
            variant="outline",
        ),
        rx.button(
            tr("moderate.close"), on_click=M.close, variant="outline", size="3", id="close-report"
        ),
    )


def published() -> rx.Component:
    """The warning as members see it (masked), and how to correct or retract it."""
    w = M.warning
    return rx.vstack(
        _section(
            "moderate.warning",
            rx.flex(
                rx.badge(tr("severity." + w["severity"])),
                rx.badge(tr("warning.status." + w["status"]), id="warning-status"),
                rx.text("v", w["version"], " · ", w["month"], size="2"),
                gap="2",
                align="center",
            ),
            rx.text(w["summary"], id="warning-summary-text"),
            rx.foreach(
                M.warning_identifiers,
                lambda item: rx.text(
                    tr("identifier.kind." + item["kind"]),
                    ": ",
                    item["masked"],
                    class_name="warning-identifier",
                ),
            ),
            id="published-warning",
        ),
        rx.cond(
            (w["status"] == "active") & (w["review"] != ""),
            _section(
                "moderate.review",
                rx.callout(
                    tr("moderate.review." + w["review"]),
                    icon="circle-alert",
                    color_scheme="crimson",
                    id="warning-review",
                ),
                rx.text(tr("moderate.review.body"), size="2"),
                _reason_form(M.keep_warning, "moderate.review.keep", "keep-warning"),
            ),
            rx.fragment(),
        ),
        rx.cond(
            w["status"] == "active",
            rx.vstack(
                _section(
                    "moderate.correct",
                    rx.form(
                        rx.vstack(
                            text_area(
                                "moderate.summary",
                                "summary",
                                id="correct-summary",
                                rows=3,
                                default_value=w["summary"],
                                max_length=1000,
                            ),
                            _severity(w["severity"]),
                            _regions(lambda code: w["regions"].split(",").contains(code)),
                            _removable_identifiers(),
                            text_area(
                                "moderate.reason", "reason", id="correct-reason", required=True
                            ),
                            submit("moderate.correct.submit", "correct-warning"),
                            width="100%",
                            spacing="3",
                        ),
                        on_submit=M.correct,
                        key=w["id"] + w["version"],
                        width="100%",
                    ),
                ),
                _section(
                    "moderate.retract",
                    _reason_form(
                        M.retract,
                        "moderate.retract.submit",
                        "retract-warning",
                        color_scheme="tomato",
                    ),
                ),
                width="100%",
                spacing="3",
            ),
            rx.fragment(),
        ),
        width="100%",
        spacing="3",
    )
