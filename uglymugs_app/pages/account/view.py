"""Self-service: preferences, password, my data, codes, devices, delete account."""

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.components import shell_page, tr
from uglymugs_app.components.forms import (
    choices,
    error_box,
    field,
    notice_box,
    page_title,
    submit,
)
from uglymugs_app.pages.account.state import AccountState
from uglymugs_app.settings import get_settings
from uglymugs_app.state.auth import AuthState
from uglymugs_app.state.ui import UiState
from uglymugs_app.vocabulary import MEMBER_GENDERS, WORK_KINDS


def _section(title_key: str, *children: rx.Component, **props) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(tr(title_key), size="4", as_="h2"), *children, spacing="3", width="100%"
        ),
        width="100%",
        **props,
    )


def _preferences() -> rx.Component:
    # Keyed on the loaded values so the ticks follow what the server holds.
    return rx.form(
        rx.vstack(
            choices(
                "account.regions",
                "region",
                UiState.member_regions,
                "region",
                checked=AccountState.regions,
            ),
            choices("account.work", "work", WORK_KINDS, "work", checked=AccountState.work_kinds),
            rx.el.select(
                rx.el.option("—", value=""),
                *[rx.el.option(tr(f"gender.{g}"), value=g) for g in MEMBER_GENDERS],
                name="gender",
                default_value=AccountState.gender,
                aria_label=tr("account.gender"),
                style={"min-height": "44px"},
            ),
            _phone_country(),
            submit("account.save", "preferences-save"),
            width="100%",
        ),
        on_submit=AccountState.save_preferences,
        key=AccountState.regions.join(",")
        + AccountState.work_kinds.join(",")
        + AccountState.gender
        + AccountState.phone_country,
        width="100%",
    )


def _phone_country() -> rx.Component:
    """Where numbers without a country code come from: the check reads them so."""
    return rx.vstack(
        rx.el.label(tr("account.country"), html_for="phone-country", style={"font-weight": "600"}),
        rx.el.select(
            rx.foreach(AccountState.countries, lambda pair: rx.el.option(pair[1], value=pair[0])),
            name="phone_country",
            id="phone-country",
            default_value=AccountState.phone_country,
            aria_describedby="phone-country-hint",
            style={"min-height": "44px"},
        ),
        rx.text(tr("account.country.hint"), id="phone-country-hint", size="2"),
        spacing="1",
        width="100%",
    )


def _codes() -> rx.Component:
    label = rx.cond(AuthState.role == "member", "account.code.vouch", "account.code.invite")
    return rx.vstack(
        rx.text(tr("account.code.body")),
        rx.button(
            rx.cond(
                AuthState.role == "member", tr("account.code.vouch"), tr("account.code.invite")
            ),
            on_click=AccountState.issue_code,
            id="issue-code",
            size="3",
            aria_label=label,
        ),
        rx.cond(
            AccountState.code != "",
            rx.code(AccountState.code, id="issued-code", size="6"),
            rx.fragment(),
        ),
        width="100%",
    )


@shell_page(routes.ACCOUNT, on_load=[AccountState.load])
def account_page() -> rx.Component:
    show_codes = (AuthState.role != "member") | get_settings().vouching_enabled
    return rx.vstack(
        page_title("account.title"),
        rx.text(tr("status.hello"), " ", AuthState.working_name, id="account-name"),
        error_box(AccountState.error, "account-error"),
        notice_box(AccountState.notice, "account-notice"),
        _section("account.preferences", _preferences()),
        _section(
            "account.password.title",
            rx.form(
                rx.vstack(
                    field(
                        "account.password.current",
                        "current",
                        type_="password",
                        id="password-current",
                        autocomplete="current-password",
                    ),
                    field(
                        "account.password.new",
                        "new",
                        type_="password",
                        id="password-new",
                        hint_key="account.password.hint",
                        autocomplete="new-password",
                    ),
                    submit("account.password.change", "password-change"),
                    width="100%",
                ),
                on_submit=AccountState.change_password,
                width="100%",
            ),
        ),
        rx.cond(show_codes, _section("account.code.title", _codes()), rx.fragment()),
        _section(
            "account.devices",
            rx.flex(
                rx.button(
                    tr("account.log_out"),
                    on_click=AuthState.log_out,
                    id="log-out",
                    size="3",
                    variant="outline",
                ),
                rx.button(
                    tr("account.log_out_everywhere"),
                    id="log-out-everywhere",
                    on_click=AuthState.log_out_everywhere,
                    size="3",
                    variant="outline",
                ),
                gap="2",
                wrap="wrap",
            ),
        ),
        _section(
            "account.data",
            rx.text(tr("account.data.body")),
            rx.button(
                tr("account.data.download"),
                on_click=AccountState.download_data,
                id="download-data",
                size="3",
                variant="outline",
            ),
        ),
        _section(
            "account.delete",
            rx.text(tr("account.delete.body")),
            rx.form(
                rx.vstack(
                    field(
                        "account.password",
                        "password",
                        type_="password",
                        id="delete-password",
                        autocomplete="current-password",
                    ),
                    submit("account.delete.submit", "delete-account", color_scheme="tomato"),
                    width="100%",
                ),
                on_submit=AccountState.delete_account,
                width="100%",
            ),
        ),
        spacing="4",
        width="100%",
    )
