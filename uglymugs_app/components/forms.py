"""Form pieces every page shares: labelled fields, choices, errors, buttons."""

import reflex as rx

from uglymugs_app.components.text import tr
from uglymugs_app.state.ui import UiState

TOUCH = "44px"
_INPUT_STYLE = {
    "min-height": TOUCH,
    "width": "100%",
    "padding": "0 0.75rem",
    "border-radius": "0.5rem",
    "font-size": "16px",
    "background": rx.color("gray", 2),
    "color": rx.color("gray", 12),
    "border": f"1px solid {rx.color('gray', 7)}",
}


# For inputs made by hand (in a foreach): visible on the dark theme too.
INPUT_STYLE = _INPUT_STYLE


def error_at(error: rx.Var, error_field: rx.Var, element_id: str) -> rx.Var:
    """The state's error when it is about ``element_id`` (``state/field_errors.py``), else ""."""
    return rx.cond(error_field == element_id, error, "")


def _said_wrong(message: rx.Var | None, element_id: str) -> dict:
    """What an input carries while its error shows: invalid, described by the error."""
    if message is None:
        return {}
    return {
        "aria_invalid": rx.cond(message != "", "true", "false"),
        "aria_describedby": f"{element_id}-error",
    }


def field_error(message: rx.Var, element_id: str) -> rx.Component:
    """Her error, under the field (or button) it is about; a live region is always
    there, so a screen reader reads the text the moment it appears."""
    return rx.el.div(
        rx.cond(
            message != "",
            rx.hstack(
                rx.icon("circle-alert", size=18, aria_hidden="true", flex_shrink="0"),
                rx.text(message, as_="span", weight="bold"),
                align="start",
                spacing="2",
            ),
            rx.fragment(),
        ),
        id=element_id,
        tab_index=-1,
        aria_live="assertive",
        aria_atomic="true",
        class_name="field-error",
        style={"color": rx.color("tomato", 11), "width": "100%", "outline": "none"},
    )


def field(
    label_key: str,
    name: str,
    *,
    type_: str = "text",
    hint_key: str = "",
    autocomplete: str = "off",
    required: bool = False,
    error: rx.Var | None = None,
    **props,
) -> rx.Component:
    """A labelled input; the label is tied to the input for screen readers.

    ``error``: her error about this field (see ``error_at``), shown under it."""
    element_id = props.pop("id", f"field-{name}")
    return rx.vstack(
        rx.el.label(tr(label_key), html_for=element_id, style={"font-weight": "600"}),
        rx.el.input(
            name=name,
            id=element_id,
            type=type_,
            auto_complete=autocomplete,
            required=required,
            style=_INPUT_STYLE,
            **_said_wrong(error, element_id),
            **props,
        ),
        rx.text(tr(hint_key), size="1", color=rx.color("gray", 11)) if hint_key else rx.fragment(),
        field_error(error, f"{element_id}-error") if error is not None else rx.fragment(),
        spacing="1",
        width="100%",
    )


def text_area(label_key: str, name: str, *, error: rx.Var | None = None, **props) -> rx.Component:
    element_id = props.pop("id", f"field-{name}")
    rows = props.pop("rows", 3)
    return rx.vstack(
        rx.el.label(tr(label_key), html_for=element_id, style={"font-weight": "600"}),
        rx.el.textarea(
            name=name,
            id=element_id,
            rows=rows,
            style={**_INPUT_STYLE, "padding": "0.5rem 0.75rem"},
            **_said_wrong(error, element_id),
            **props,
        ),
        field_error(error, f"{element_id}-error") if error is not None else rx.fragment(),
        spacing="1",
        width="100%",
    )


def choices(
    legend_key: str,
    name: str,
    options: tuple[str, ...] | rx.Var,
    key_prefix: str,
    *,
    multiple: bool = True,
    checked: rx.Var | list | None = None,
    error: rx.Var | None = None,
) -> rx.Component:
    """Checkboxes (``name:<code>`` each; read back with ``state.form_data.picked``)
    or radio buttons (``name`` = code); ``options`` a state's list where they
    change at run time (the regions)."""

    def one(code: str | rx.Var) -> rx.Component:
        element_id = f"{name}-" + code
        is_checked = checked.contains(code) if isinstance(checked, rx.Var) else None
        extra = {"default_checked": is_checked} if is_checked is not None else {}
        return rx.el.label(
            rx.el.input(
                type="checkbox" if multiple else "radio",
                id=element_id,
                value=code,
                name=f"{name}:" + code if multiple else name,
                style={"width": "22px", "height": "22px"},
                **extra,
            ),
            UiState.t[f"{key_prefix}." + code],
            html_for=element_id,
            style={
                "display": "flex",
                "gap": "0.5rem",
                "align-items": "center",
                "min-height": TOUCH,
            },
        )

    return rx.el.fieldset(
        rx.el.legend(tr(legend_key), style={"font-weight": "600"}),
        rx.flex(
            rx.foreach(options, one)
            if isinstance(options, rx.Var)
            else rx.fragment(*[one(code) for code in options]),
            wrap="wrap",
            column_gap="1rem",
        ),
        field_error(error, f"{name}-choices-error") if error is not None else rx.fragment(),
        style={"border": "none", "padding": "0", "margin": "0", "width": "100%"},
    )


def error_box(text: rx.Var, element_id: str = "form-error") -> rx.Component:
    return rx.cond(
        text != "",
        rx.callout(
            text,
            icon="circle-alert",
            color_scheme="tomato",
            id=element_id,
            role="alert",
            width="100%",
        ),
        rx.fragment(),
    )


def notice_box(text: rx.Var, element_id: str = "form-notice") -> rx.Component:
    return rx.cond(
        text != "",
        rx.callout(
            text, icon="info", color_scheme="grass", id=element_id, role="status", width="100%"
        ),
        rx.fragment(),
    )


def submit(label_key: str, element_id: str, **props) -> rx.Component:
    return rx.button(
        tr(label_key), type="submit", id=element_id, size="3", style={"min-height": TOUCH}, **props
    )


def page_title(key: str) -> rx.Component:
    return rx.heading(tr(key), size="7", as_="h1", id="page-title")
