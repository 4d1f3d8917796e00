"""Blinded evaluations count against her limits exactly as the plain check
did: one check per request, hourly and daily, in parallel too."""

import base64
import os

import pytest
from sqlmodel import Session

from tests.actors import acting
from tests.fixtures.installation import make_secrets
from tests.unit.private_check.client import blinded_check
from tests.unit.security.test_races import THREADS, at_once, settings_for
from uglymugs_app.services.errors import CheckRateLimited, InvalidInput
from uglymugs_app.services.identifiers.kinds import Identifier, IdentifierKind
from uglymugs_app.services.private_check.evaluation import ELEMENTS_PER_CHECK, evaluate_check
from uglymugs_app.services.warnings.check import checks_left

MEMBER = acting(50, role="member")
PHONE = Identifier(IdentifierKind.PHONE, "+31612345678")


def evaluate(session, secrets, settings, blinded=None):
    return evaluate_check(
        session,
        actor=MEMBER,
        secrets=secrets,
        settings=settings,
        blinded=blinded if blinded is not None else blinded_check([PHONE])[1],
    )


def test_each_request_is_one_check_and_the_hour_limit_holds(session, secrets, settings):
    lefts = [evaluate(session, secrets, settings).left for _ in range(3)]
    assert lefts == [2, 1, 0]
    with pytest.raises(CheckRateLimited) as refused:
        evaluate(session, secrets, settings)
    assert refused.value.key == "check.limit.hour"
    assert checks_left(session, settings=settings, member_id=50) == 0


def test_the_day_limit_holds(session, secrets, settings):
    daily = settings.model_copy(update={"check_limit_per_hour": 50, "check_limit_per_day": 4})
    for _ in range(4):
        evaluate(session, secrets, daily)
    with pytest.raises(CheckRateLimited) as refused:
        evaluate(session, secrets, daily)
    assert refused.value.key == "check.limit.day"


@pytest.mark.parametrize(
    "blinded",
    [
        [],
        blinded_check([PHONE])[1] + blinded_check([PHONE])[1][:1],  # one more than a check holds
        [base64.b64encode(b"\xff" * 32).decode()],  # no ristretto255 point
        ["not base64 at all, not base64 at all, xxxxx"],
        [base64.b64encode(os.urandom(31)).decode()],
        "a string, not a list",
    ],
)
def test_malformed_requests_are_refused_and_not_counted(session, secrets, settings, blinded):
    with pytest.raises(InvalidInput):
        evaluate(session, secrets, settings, blinded)
    assert checks_left(session, settings=settings, member_id=50) == 3


def test_a_full_request_is_exactly_one_check(session, secrets, settings):
    answer = evaluate(session, secrets, settings)
    assert len(answer.evaluated) == ELEMENTS_PER_CHECK
    assert checks_left(session, settings=settings, member_id=50) == 2


def test_applicants_get_no_evaluation(session, secrets, settings):
    from uglymugs_app.services.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        evaluate_check(
            session,
            actor=acting(51, role="applicant"),
            secrets=secrets,
            settings=settings,
            blinded=blinded_check([PHONE])[1],
        )


def test_parallel_evaluations_stay_within_the_limit(both_engines, tmp_path):
    settings = settings_for(tmp_path, check_limit_per_hour=3, check_limit_per_day=50)
    secrets = make_secrets()
    blinded = blinded_check([PHONE])[1]

    outcomes = at_once(
        both_engines,
        lambda session: evaluate_check(
            session, actor=MEMBER, secrets=secrets, settings=settings, blinded=blinded
        ),
    )

    assert outcomes["ok"] <= settings.check_limit_per_hour
    assert outcomes["check.limit.hour"] >= THREADS - settings.check_limit_per_hour
    assert set(outcomes) <= {"ok", "check.limit.hour"}
    with Session(both_engines) as session:
        assert (
            checks_left(session, settings=settings, member_id=50)
            == settings.check_limit_per_hour - outcomes["ok"]
        )
