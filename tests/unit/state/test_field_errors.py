"""Where an error shows: beside the field it is about, else beside her button,
chosen from the refusal's catalogue key (on the real register state)."""

from reflex.state import State

from tests.fixtures.app import run_async
from uglymugs_app.i18n import translate
from uglymugs_app.pages.register.state import FIELDS, FORM_ERROR, RegisterState
from uglymugs_app.services.errors import InvalidInput
from uglymugs_app.state.actions import attempt
from uglymugs_app.state.field_errors import field_of
from uglymugs_app.state.ui import UiState


def _register_state(language: str) -> RegisterState:
    root = State(_reflex_internal_init=True)
    root.get_substate(UiState.get_full_name().split(".")[1:]).language = language
    return root.get_substate(RegisterState.get_full_name().split(".")[1:])


def _refuse(key: str):
    def work(_db):
        raise InvalidInput(key)

    return work


def test_the_longest_matching_prefix_names_the_field():
    fields = {"account.": "general", "account.password.": "password"}
    assert field_of("account.password.too_short", fields, "form") == "password"
    assert field_of("account.name.invalid", fields, "form") == "general"
    assert field_of("code.used", fields, "form") == "form"
    # A prefix is a whole segment: "account.pass" does not match "account.password".
    assert field_of("account.passphrase.bad", {"account.password.": "p"}, "form") == "form"


def test_a_refusal_is_placed_beside_its_field_in_her_language():
    register = _register_state("ro")
    run_async(attempt(register, _refuse("account.password.too_short"), fields=FIELDS))
    assert register.error_field == "register-password"
    assert register.error == translate("ro", "account.password.too_short")


def test_a_refusal_about_no_field_goes_beside_the_button_and_success_clears_it():
    register = _register_state("th")
    run_async(
        attempt(register, _refuse("account.role.invalid"), fields=FIELDS, fallback=FORM_ERROR)
    )
    assert register.error_field == FORM_ERROR
    run_async(attempt(register, lambda _db: None, fields=FIELDS, fallback=FORM_ERROR))
    assert (register.error, register.error_field) == ("", "")
