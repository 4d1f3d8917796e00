"""Apply for membership: working name, password, regions, proof of sex work."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.forms import (
    choices,
    error_at,
    field,
    field_error,
    page_title,
    submit,
)
from uglymugs_app.pages.register.state import FORM_ERROR, RegisterState
from uglymugs_app.settings import get_settings
from uglymugs_app.state.ui import UiState
from uglymugs_app.vocabulary import MEMBER_GENDERS, WORK_KINDS

S = RegisterState


def _error(element_id: str) -> rx.Var:
    return error_at(S.error, S.error_field, element_id)


def _evidence() -> rx.Component:
    kinds = ["ad_link", "invite"] + (["vouch"] if get_settings().vouching_enabled else [])
    return rx.vstack(
        rx.el.fieldset(
            rx.el.legend(tr("register.evidence"), style={"font-weight": "600"}),
            rx.text(tr("register.evidence.why"), size="2"),
            *[
                rx.el.label(
                    rx.el.input(
                        type="radio",
                        name="evidence_kind",
                        value=kind,
                        id=f"evidence-{kind}",
                        default_checked=kind == "ad_link",
                        style={"width": "22px", "height": "22px"},
                    ),
                    tr(f"register.evidence.{kind}"),
                    html_for=f"evidence-{kind}",
                    style={
                        "display": "flex",
                        "gap": "0.5rem",
                        "align-items": "center",
                        "min-height": "44px",
                    },
                )
                for kind in kinds
            ],
            style={"border": "none", "padding": "0", "margin": "0"},
        ),
        field(
            "register.evidence.value",
            "evidence",
            id="register-evidence",
            required=True,
            hint_key="register.evidence.hint",
            error=_error("register-evidence"),
        ),
        width="100%",
    )


def _privacy_notice() -> rx.Component:
    """She reads the notice (it opens in a new tab, her form stays) and says so."""
    return rx.vstack(
        rx.link(
            tr("privacy.read.link"),
            href=routes.PRIVACY,
            is_external=True,
            id="register-privacy-link",
            style={"min-height": "44px", "display": "inline-flex", "align-items": "center"},
        ),
        rx.el.label(
            rx.el.input(
                type="checkbox",
                name="privacy_read",
                id="register-privacy-read",
                required=True,
                style={"width": "22px", "height": "22px"},
            ),
            tr("privacy.read.tick"),
            html_for="register-privacy-read",
            style={
                "display": "flex",
                "gap": "0.5rem",
                "align-items": "center",
                "min-height": "44px",
            },
        ),
        field_error(_error("privacy-read-error"), "privacy-read-error"),
        spacing="1",
        width="100%",
    )


@shell_page(routes.REGISTER)
def register_page() -> rx.Component:
    return rx.vstack(
        page_title("register.title"),
        rx.text(tr("register.intro")),
        rx.form(
            rx.vstack(
                field(
                    "account.working_name",
                    "working_name",
                    id="register-name",
                    hint_key="register.name.hint",
                    autocomplete="username",
                    required=True,
                    error=_error("register-name"),
                ),
                field(
                    "account.password",
                    "password",
                    type_="password",
                    id="register-password",
                    hint_key="account.password.hint",
                    autocomplete="new-password",
                    required=True,
                    error=_error("register-password"),
                ),
                choices(
                    "account.regions",
                    "region",
                    UiState.member_regions,
                    "region",
                    error=_error("region-choices-error"),
                ),
                choices(
                    "account.gender",
                    "gender",
                    MEMBER_GENDERS,
                    "gender",
                    multiple=False,
                    error=_error("gender-choices-error"),
                ),
                choices(
                    "account.work", "work", WORK_KINDS, "work", error=_error("work-choices-error")
                ),
                _evidence(),
                _privacy_notice(),
                # Anything not about one field: beside the button she tapped.
                field_error(_error(FORM_ERROR), FORM_ERROR),
                submit("register.submit", "register-submit"),
                spacing="4",
                width="100%",
            ),
            on_submit=RegisterState.register,
            width="100%",
        ),
        rx.link(tr("register.to_login"), href=routes.LOGIN),
        spacing="4",
        width="100%",
    )
