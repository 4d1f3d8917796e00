"""attempt(): what she sees after a handler called a service, on the real state
classes (a state tree made the way Reflex makes one per browser tab)."""

import pytest
from reflex.state import State

from tests.fixtures.app import run_async
from uglymugs_app.i18n import translate
from uglymugs_app.i18n.formatting import plural
from uglymugs_app.pages.people.state import PeopleState
from uglymugs_app.services.errors import InvalidInput
from uglymugs_app.services.security.throttle import LoginThrottled
from uglymugs_app.state.actions import attempt
from uglymugs_app.state.police_consent import PoliceConsentState
from uglymugs_app.state.ui import UiState


def _tab(language: str) -> State:
    root = State(_reflex_internal_init=True)
    _state(root, UiState).language = language
    return root


def _state(root: State, cls: type[State]) -> State:
    return root.get_substate(cls.get_full_name().split(".")[1:])


def _refuse(error: Exception):
    def work(_db):
        raise error

    return work


def test_a_refusal_is_her_message_in_her_language_and_the_old_notice_goes():
    consent = _state(_tab("nl"), PoliceConsentState)
    consent.notice = "an earlier notice"
    outcome = run_async(attempt(consent, _refuse(InvalidInput("police.request.invalid"))))
    assert outcome.refused and isinstance(outcome.refusal, InvalidInput)
    assert consent.error == translate("nl", "police.request.invalid")
    assert consent.error != translate("en", "police.request.invalid")
    assert consent.notice == ""


def test_a_refusal_with_a_count_has_the_count_filled_in():
    people = _state(_tab("pl"), PeopleState)  # a state without a notice
    run_async(attempt(people, _refuse(LoginThrottled(5))))
    assert people.error == plural("pl", "auth.login.throttled", 5)
    assert "5" in people.error


def test_done_clears_the_error_and_says_the_notice_she_is_given():
    consent = _state(_tab("pl"), PoliceConsentState)
    consent.error = "an earlier error"
    outcome = run_async(attempt(consent, lambda _db: 42, notice="police.consent.saved"))
    assert not outcome.refused and outcome.value == 42
    assert consent.error == ""
    assert consent.notice == translate("pl", "police.consent.saved")


@pytest.mark.parametrize(("notice", "shown"), [(None, "kept"), ("", "")])
def test_done_without_a_notice_leaves_it_or_clears_it(notice, shown):
    consent = _state(_tab("en"), PoliceConsentState)
    consent.notice = "kept"
    run_async(attempt(consent, lambda _db: None, notice=notice))
    assert consent.notice == shown
