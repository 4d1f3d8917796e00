"""Selects and large tappable tiles for forms used in a hurry on a phone."""

import reflex as rx

from uglymugs_app.components.forms import TOUCH
from uglymugs_app.components.text import tr
from uglymugs_app.state.ui import UiState

SELECT_STYLE = {
    "min-height": TOUCH,
    "width": "100%",
    "padding": "0 0.5rem",
    "border-radius": "0.5rem",
    "font-size": "16px",
    "background": rx.color("gray", 2),
    "color": rx.color("gray", 12),
    "border": f"1px solid {rx.color('gray', 7)}",
}


def select(
    label_key: str,
    name: str,
    options: tuple[str, ...] | rx.Var,
    key_prefix: str,
    *,
    blank: bool = True,
    **props,
) -> rx.Component:
    """A labelled select of codes, each shown as ``<key_prefix>.<code>``;
    ``options`` a state's list where they change at run time (the regions)."""
    element_id = props.pop("id", f"field-{name}")
    if isinstance(options, rx.Var):
        listed = [
            rx.foreach(
                options,
                lambda code: rx.el.option(UiState.t[f"{key_prefix}." + code], value=code),
            )
        ]
    else:
        listed = [rx.el.option(tr(f"{key_prefix}.{code}"), value=code) for code in options]
    return rx.vstack(
        rx.el.label(tr(label_key), html_for=element_id, style={"font-weight": "600"}),
        rx.el.select(
            *([rx.el.option("—", value="")] if blank else []),
            *listed,
            name=name,
            id=element_id,
            style=SELECT_STYLE,
            **props,
        ),
        spacing="1",
        width="100%",
    )


def tile(
    name: str | rx.Var,
    value: str,
    label: rx.Var | str,
    *,
    icon: str = "",
    multiple: bool = True,
    element_id: str | rx.Var = "",
    **input_props,
) -> rx.Component:
    """A checkbox or radio drawn as a big tile with an optional icon
    (``name`` and ``element_id`` may be a list's item, in ``rx.foreach``)."""
    if isinstance(element_id, str) and not element_id:
        element_id = f"{name}-{value}".replace(":", "-")
    return rx.el.label(
        rx.el.input(
            type="checkbox" if multiple else "radio",
            name=name,
            value=value,
            id=element_id,
            style={"width": "22px", "height": "22px"},
            **input_props,
        ),
        rx.icon(icon, size=24, aria_hidden="true") if icon else rx.fragment(),
        rx.text(label, as_="span"),
        html_for=element_id,
        class_name="tile",
    )


def tiles(legend_key: str, *items: rx.Component) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(tr(legend_key), style={"font-weight": "600", "margin-bottom": "0.5rem"}),
        rx.box(*items, class_name="tiles"),
        style={"border": "none", "padding": "0", "margin": "0", "width": "100%"},
    )
