"""One warning on screen: severity first (icon and colour, never colour alone),
then what she needs to decide fast. Used by the feed, the warning page and the
check's answer; the texts arrive already in her language (services.warning_text).
"""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components.text import tr

SEVERITY_ICON = (("high", "octagon-alert"), ("medium", "triangle-alert"), ("low", "info"))
SEVERITY_COLOUR = {"high": "tomato", "medium": "amber", "low": "blue"}


def severity_badge(card: rx.Var) -> rx.Component:
    return rx.badge(
        rx.match(
            card.severity,
            *[(code, rx.icon(icon, size=18, aria_hidden="true")) for code, icon in SEVERITY_ICON],
            rx.icon("info", size=18, aria_hidden="true"),
        ),
        card.severity_label,
        color_scheme=rx.match(card.severity, *SEVERITY_COLOUR.items(), "gray"),
        size="3",
        variant="solid",
        high_contrast=False,
        custom_attrs={"data-severity": card.severity},
    )


def _line(label_key: str, value: rx.Var, element_class: str) -> rx.Component:
    return rx.cond(
        value != "",
        rx.text(rx.text.strong(tr(label_key), ": "), value, class_name=element_class),
        rx.fragment(),
    )


def _list(label_key: str, items: rx.Var, element_class: str) -> rx.Component:
    return rx.cond(
        items.length() > 0,
        rx.vstack(
            rx.text(tr(label_key), weight="bold"),
            rx.el.ul(
                rx.foreach(items, lambda item: rx.el.li(item, class_name=element_class)),
                style={"margin": "0", "padding-left": "1.2rem"},
            ),
            spacing="1",
            width="100%",
        ),
        rx.fragment(),
    )


def warning_card(card: rx.Var, *, full: bool = False) -> rx.Component:
    """The feed's compact card, or (``full``) every published detail."""
    header = rx.flex(
        severity_badge(card),
        rx.cond(
            card.unread,
            rx.badge(
                tr("feed.warning_unread"),
                color_scheme="crimson",
                size="2",
                class_name="unread-marker",
            ),
            rx.fragment(),
        ),
        rx.cond(
            card.reported != "",
            rx.badge(card.reported, variant="outline", size="2", class_name="reported-count"),
            rx.fragment(),
        ),
        gap="2",
        wrap="wrap",
        align="center",
    )
    details = [
        _line("feed.warning_regions", card.regions, "warning-regions"),
        _line("feed.warning_when", card.month, "warning-month"),
        rx.cond(
            card.incidents.length() > 0,
            rx.text(card.incidents.join(" · "), weight="bold", class_name="warning-incidents"),
            rx.fragment(),
        ),
        rx.text(card.summary, class_name="warning-summary"),
    ]
    if full:
        details += [
            _line("feed.warning_place", card.place, "warning-place"),
            _list("feed.warning_appearance", card.appearance, "warning-appearance"),
            _list("feed.warning_identifiers", card.identifiers, "warning-identifier"),
            _line("feed.warning_published", card.published, "warning-published"),
        ]
    else:
        details.append(
            rx.link(
                tr("feed.warning_open"),
                href=f"{routes.WARNING}?id=" + card.id.to_string(),
                class_name="warning-open",
                style={"min-height": "44px", "display": "inline-flex", "align-items": "center"},
            )
        )
    return rx.card(
        rx.vstack(header, *details, spacing="2", width="100%"),
        width="100%",
        class_name="warning-card",
        custom_attrs={"data-warning": card.id, "data-unread": rx.cond(card.unread, "yes", "no")},
        style={
            "border-left": rx.match(
                card.severity,
                *[
                    (code, f"6px solid {rx.color(colour, 9)}")
                    for code, colour in SEVERITY_COLOUR.items()
                ],
                "none",
            )
        },
    )
