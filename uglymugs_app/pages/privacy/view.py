"""What is stored, for how long, who sees it, and what goes to the police
(only with her consent): the privacy notice, for everyone, before joining too."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.pages.privacy.state import PrivacyState
from uglymugs_app.services.members.privacy_notice import NoticeFigures
from uglymugs_app.state.ui import UiState

SECTIONS = ("who", "stored", "reports", "how_long", "who_sees", "police", "rights", "clients")
FIGURES = tuple(NoticeFigures.__dataclass_fields__)


def _filled(key: str) -> rx.Var:
    """The text with the installation's durations in place of ``{report_months}`` etc."""
    text = UiState.t[key].to(str)
    for name in FIGURES:
        text = text.replace("{" + name + "}", PrivacyState.figures[name].to(str))
    return text


def _section(name: str) -> rx.Component:
    return rx.vstack(
        rx.heading(tr(f"privacy.{name}.title"), size="4", as_="h2"),
        rx.text(_filled(f"privacy.{name}.body")),
        spacing="1",
        width="100%",
        id=f"privacy-{name}",
    )


@shell_page(routes.PRIVACY, on_load=[PrivacyState.load])
def privacy_page() -> rx.Component:
    return rx.vstack(
        rx.heading(tr("privacy.title"), size="7", as_="h1", id="page-title"),
        rx.text(tr("privacy.intro")),
        *[_section(name) for name in SECTIONS],
        spacing="4",
        width="100%",
    )
