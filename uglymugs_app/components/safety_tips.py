"""Safety tips: on their own page and beside check results."""

import reflex as rx

from uglymugs_app.components.text import tr

TIPS = 8


def safety_tips() -> rx.Component:
    return rx.el.ul(
        *[
            rx.el.li(tr(f"safety.tip.{n}"), style={"margin-bottom": "0.5rem"})
            for n in range(1, TIPS + 1)
        ],
        id="safety-tips",
        style={"padding-left": "1.25rem"},
    )
