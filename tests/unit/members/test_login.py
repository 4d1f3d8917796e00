"""Login, throttling, equal answers for unknown names, sessions, resets, first admin."""

import time
from datetime import timedelta

import pyotp
import pytest

from tests.fixtures.people import PASSWORD, TOTP_SECRET
from uglymugs_app.models import MemberSession
from uglymugs_app.models.common import utcnow
from uglymugs_app.services.errors import InvalidInput, PermissionDenied
from uglymugs_app.services.members import login
from uglymugs_app.services.security import sessions
from uglymugs_app.services.security.throttle import LoginThrottled


def attempt(session, secrets, settings, name="Roxy", password=PASSWORD, **extra):
    return login.log_in(
        session, secrets=secrets, settings=settings, working_name=name, password=password, **extra
    )


def test_login_opens_a_session_the_token_resolves(session, secrets, settings, member):
    result = attempt(session, secrets, settings, name=" roxy ")
    assert result.actor == member
    stored = session.query(MemberSession).one()
    assert stored.token_hash != result.token and len(stored.token_hash) == 64
    assert sessions.resolve(session, token=result.token, idle_minutes=60) == member
    assert sessions.resolve(session, token="forged", idle_minutes=60) is None


def test_unknown_name_and_wrong_password_get_the_same_answer_and_time(
    session, secrets, settings, member
):
    def timed(name, password):
        start = time.perf_counter()
        with pytest.raises(InvalidInput) as caught:
            attempt(session, secrets, settings, name=name, password=password, address="1.2.3.4")
        return caught.value.key, time.perf_counter() - start

    wrong_key, wrong_time = timed("Roxy", "not her password")
    unknown_key, unknown_time = timed("Nobody", "not her password")
    assert wrong_key == unknown_key == "auth.login.failed"
    # Both verify one argon2 hash; the difference is noise, not a hash's worth.
    assert abs(wrong_time - unknown_time) < max(wrong_time, unknown_time) * 0.6


@pytest.mark.parametrize("name", ["Roxy", "Nobody"])
def test_failures_bring_growing_delays_per_account(session, secrets, settings, member, name):
    for _ in range(3):
        with pytest.raises(InvalidInput):
            attempt(session, secrets, settings, name=name, password="wrong password")
    with pytest.raises(InvalidInput):
        attempt(session, secrets, settings, name=name, password="wrong password")
    with pytest.raises(LoginThrottled) as first:
        attempt(session, secrets, settings, name=name)  # even the right password waits
    assert first.value.key == "auth.login.throttled" and 0 < first.value.seconds <= 2


def test_delays_double_and_are_kept_in_the_database(session, secrets, settings, member):
    from uglymugs_app.models import LoginThrottle
    from uglymugs_app.services.security import throttle

    keys = throttle.throttle_keys(session_key=secrets.session_key, name_key="roxy", address=None)
    waits = []
    for _ in range(6):
        throttle.record_failure(session, keys=keys, settings=settings)
        row = session.get(LoginThrottle, keys[0])
        if row.blocked_until:
            waits.append(round((row.blocked_until - row.last_failure_at).total_seconds()))
    assert waits == [2, 4, 8]
    assert "roxy" not in keys[0]


def test_the_address_is_throttled_across_names(session, secrets, settings, member):
    for number in range(7):
        with pytest.raises(InvalidInput):
            attempt(
                session,
                secrets,
                settings,
                name=f"Guess{number}",
                password="wrong pass",
                address="10.0.0.9",
            )
    with pytest.raises(LoginThrottled):
        attempt(session, secrets, settings, address="10.0.0.9")
    assert attempt(session, secrets, settings, address="10.0.0.10").actor == member


def test_idle_sessions_expire_and_logout_everywhere_ends_all(session, secrets, settings, member):
    one = attempt(session, secrets, settings).token
    two = attempt(session, secrets, settings).token
    later = utcnow() + timedelta(minutes=61)
    assert sessions.resolve(session, token=one, idle_minutes=60, now=later) is None
    assert sessions.resolve(session, token=two, idle_minutes=120, now=later) == member
    sessions.close_all_sessions(session, member_id=member.member_id)
    assert sessions.resolve(session, token=two, idle_minutes=120) is None


def test_staff_need_their_authenticator_code(session, secrets, settings, moderator):
    with pytest.raises(login.TwoFactorRequired):
        attempt(session, secrets, settings, name="Mod Anna")
    with pytest.raises(InvalidInput) as caught:
        attempt(session, secrets, settings, name="Mod Anna", totp="000000")
    assert caught.value.key == "auth.totp.wrong"
    code = pyotp.TOTP(TOTP_SECRET).now()
    assert attempt(session, secrets, settings, name="Mod Anna", totp=code).actor == moderator
    with pytest.raises(InvalidInput):  # the same code twice is a replay
        attempt(session, secrets, settings, name="Mod Anna", totp=code)


def test_staff_without_two_factor_get_an_incomplete_session(session, secrets, settings):
    from uglymugs_app.services.members.accounts import create_account

    create_account(session, working_name="New Mod", password=PASSWORD, role="moderator")
    result = attempt(session, secrets, settings, name="New Mod")
    assert result.must_enrol_two_factor
    assert sessions.resolve(session, token=result.token, idle_minutes=60) is None
    assert (
        sessions.resolve(session, token=result.token, idle_minutes=60, allow_incomplete=True).role
        == "moderator"
    )


def test_suspended_members_cannot_log_in(session, secrets, settings, member, admin):
    from uglymugs_app.services.members.people import suspend

    token = attempt(session, secrets, settings).token
    suspend(session, actor=admin, member_id=member.member_id, reason="threatened a member")
    assert sessions.resolve(session, token=token, idle_minutes=60) is None
    with pytest.raises(PermissionDenied) as caught:
        attempt(session, secrets, settings)
    assert caught.value.key == "auth.login.suspended"


def test_moderator_reset_code_sets_a_new_password_once(
    session, secrets, settings, member, moderator
):
    old_token = attempt(session, secrets, settings).token
    code = login.issue_reset_code(
        session, secrets=secrets, settings=settings, actor=moderator, working_name="roxy"
    )
    with pytest.raises(PermissionDenied):
        login.issue_reset_code(
            session, secrets=secrets, settings=settings, actor=member, working_name="Roxy"
        )
    with pytest.raises(InvalidInput) as caught:
        login.reset_password(
            session,
            secrets=secrets,
            settings=settings,
            working_name="Roxy",
            code="WRONG-CODE-1234",
            new_password="brand new secret",
        )
    assert caught.value.key == "code.wrong"
    login.reset_password(
        session,
        secrets=secrets,
        settings=settings,
        working_name="Roxy",
        code=code.lower(),
        new_password="brand new secret",
    )
    assert sessions.resolve(session, token=old_token, idle_minutes=60) is None
    assert attempt(session, secrets, settings, password="brand new secret").actor == member
    with pytest.raises(InvalidInput) as again:
        login.reset_password(
            session,
            secrets=secrets,
            settings=settings,
            working_name="Roxy",
            code=code,
            new_password="another new secret",
        )
    assert again.value.key == "code.used"


def test_first_admin_setup_token_works_once(session, secrets, settings):
    token = login.issue_setup_token(session, secrets=secrets, settings=settings)
    admin = login.create_first_admin(
        session, secrets=secrets, token=token, working_name="Root", password=PASSWORD
    )
    assert admin.role == "admin" and not admin.totp_enabled
    assert login.issue_setup_token(session, secrets=secrets, settings=settings) is None
    with pytest.raises(InvalidInput):
        login.create_first_admin(
            session, secrets=secrets, token=token, working_name="Root2", password=PASSWORD
        )
