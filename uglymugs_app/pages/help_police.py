"""Going to the police: the aangifte step by step, on her terms."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.help_contacts import help_contacts, local_help_contacts
from uglymugs_app.state.help import HelpState

STEPS = 6
SECTIONS = ("what", "bring", "company", "address", "after", "medical", "org")


def _section(name: str) -> rx.Component:
    return rx.vstack(
        rx.heading(tr(f"helppolice.{name}.title"), size="4", as_="h2"),
        rx.text(tr(f"helppolice.{name}.body")),
        spacing="1",
        width="100%",
        id=f"police-{name}",
    )


@shell_page(routes.HELP_POLICE, on_load=[HelpState.load])
def police_help_page() -> rx.Component:
    return rx.vstack(
        rx.heading(tr("helppolice.title"), size="7", as_="h1", id="page-title"),
        rx.text(tr("helppolice.intro")),
        _section("what"),
        rx.heading(tr("helppolice.steps.title"), size="4", as_="h2"),
        rx.el.ol(
            *[
                rx.el.li(tr(f"helppolice.step.{n}"), style={"margin-bottom": "0.4rem"})
                for n in range(1, STEPS + 1)
            ],
            id="police-steps",
            style={"padding-left": "1.25rem"},
        ),
        *[_section(name) for name in SECTIONS[1:]],
        help_contacts(),
        local_help_contacts(),
        spacing="4",
    )
