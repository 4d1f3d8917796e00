"""Icons that always come with their words, for readers who read little.

Every incident type, severity and main navigation item has a lucide icon (SVG,
never emoji: emoji look different on every phone and some cheap ones show
boxes). ``labelled_icon(kind, code)`` shows the icon beside its text in her
language; the icon is hidden from screen readers because the text says it.
Colour never carries meaning alone: each severity also has its own shape.
"""

from __future__ import annotations

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components.text import tr
from uglymugs_app.vocabulary import INCIDENT_TYPES, SEVERITIES

INCIDENT_ICONS: dict[str, str] = {
    "physical_violence": "hand-fist",
    "sexual_violence": "shield-alert",
    "robbery": "wallet",
    "refused_to_pay": "banknote-x",
    "stealthing": "shield-off",
    "threats": "message-circle-warning",
    "stalking": "footprints",
    "weapon": "sword",
    "drugging": "pill",
    "other": "ellipsis",
}
SEVERITY_ICONS: dict[str, str] = {
    "high": "octagon-alert",
    "medium": "triangle-alert",
    "low": "circle-alert",
}
# Radix colour scales: a traffic light, read together with the shape and text.
SEVERITY_COLOURS: dict[str, str] = {"high": "tomato", "medium": "orange", "low": "amber"}
NAV_ICONS: dict[str, str] = {item.route: item.icon for item in (*routes.NAVIGATION, routes.MORE)}
_NAV_KEYS: dict[str, str] = {
    item.route: item.label_key for item in (*routes.NAVIGATION, routes.MORE)
}

# kind -> (codes -> icon, catalogue key of a code)
_KINDS: dict[str, tuple[dict[str, str], object]] = {
    "incident": (INCIDENT_ICONS, lambda code: f"incident.{code}"),
    "severity": (SEVERITY_ICONS, lambda code: f"severity.{code}"),
    "nav": (NAV_ICONS, lambda route: _NAV_KEYS[route]),
}
KINDS = tuple(_KINDS)
VOCABULARIES = {"incident": INCIDENT_TYPES, "severity": SEVERITIES}


def icon_name(kind: str, code: str) -> str:
    """The lucide icon of ``code`` (``kind``: incident, severity or nav)."""
    return _KINDS[kind][0][code]


def label_key(kind: str, code: str) -> str:
    """The catalogue key of the words that go with the icon."""
    return _KINDS[kind][1](code)  # type: ignore[operator]


def labelled_icon(kind: str, code: str | rx.Var, *, size: int = 20) -> rx.Component:
    """Icon and text for ``code``; ``code`` may be a state var (e.g. in a foreach)."""
    if isinstance(code, rx.Var):
        return rx.match(
            code,
            *[(known, _labelled(kind, known, size)) for known in _KINDS[kind][0]],
            rx.text(code),
        )
    return _labelled(kind, code, size)


def _labelled(kind: str, code: str, size: int) -> rx.Component:
    colour = SEVERITY_COLOURS.get(code) if kind == "severity" else None
    tint = {"color": rx.color(colour, 11)} if colour else {}
    return rx.hstack(
        rx.icon(icon_name(kind, code), size=size, aria_hidden="true", **tint),
        rx.text(tr(label_key(kind, code)), as_="span"),
        align="center",
        spacing="2",
        custom_attrs={"data-kind": kind, "data-code": code},
    )


def severity_badge(code: str | rx.Var) -> rx.Component:
    """A severity as a badge: shape, colour and words together."""
    if isinstance(code, rx.Var):
        return rx.match(
            code, *[(known, severity_badge(known)) for known in SEVERITIES], rx.text(code)
        )
    return rx.badge(
        rx.icon(SEVERITY_ICONS[code], size=16, aria_hidden="true"),
        tr(f"severity.{code}"),
        color_scheme=SEVERITY_COLOURS[code],  # type: ignore[arg-type]
        size="3",
        variant="soft",
        custom_attrs={"data-severity": code},
    )
