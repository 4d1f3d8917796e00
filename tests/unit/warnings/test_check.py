from datetime import timedelta

import pytest
from sqlmodel import select

from tests.fixtures.reports import MODERATOR, publish, report
from tests.fixtures.server_lookup import check_identifier
from uglymugs_app.models import CheckAttempt, CheckCount
from uglymugs_app.models.common import utcnow
from uglymugs_app.services.errors import CheckRateLimited, IdentifierError
from uglymugs_app.services.identifiers.normalisation import normalise
from uglymugs_app.services.reports.submission import IdentifierInput
from uglymugs_app.services.security import field_crypto
from uglymugs_app.services.warnings.check import (
    checks_left,
    checks_per_day,
    roll_up_check_attempts,
)
from uglymugs_app.services.warnings.lifecycle import retract_warning

MEMBER = 50


def check(session, secrets, settings, raw, **kwargs):
    return check_identifier(
        session, secrets=secrets, settings=settings, member_id=MEMBER, raw=raw, **kwargs
    )


@pytest.fixture
def published(session, secrets, settings):
    return publish(session, secrets, settings, report(session, secrets).id)


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("+31 6 1234 5678", "phone"),
        ("BAD.CLIENT@example.nl", "email"),
        ("12abc3", "plate"),
        ("@Johnny_B", "handle"),
    ],
)
def test_match_in_any_format_shows_the_masked_warning(
    session, secrets, settings, published, raw, kind
):
    result = check(session, secrets, settings, raw)
    assert result.kind == kind
    assert [w.id for w in result.matches] == [published.id]
    assert "+31 6 12•• ••78" in [i.masked for i in result.matches[0].identifiers]


def test_handle_with_the_wrong_platform_does_not_match(session, secrets, settings, published):
    assert (
        check(session, secrets, settings, "johnny_b", kind="handle", platform="kinky").matches == []
    )


def test_no_match(session, secrets, settings, published):
    assert check(session, secrets, settings, "06-87654321").matches == []


def test_unpublished_and_retracted_reports_are_not_found(session, secrets, settings, published):
    report(session, secrets, identifiers=[IdentifierInput("phone", "06-11112222")])
    assert check(session, secrets, settings, "06-11112222").matches == []
    retract_warning(session, actor=MODERATOR, warning_id=published.id, reason="objection")
    assert check(session, secrets, settings, "06-12345678").matches == []


def test_invalid_input_is_refused_and_not_counted(session, secrets, settings):
    with pytest.raises(IdentifierError):
        check(session, secrets, settings, "06-1234")
    with pytest.raises(IdentifierError) as caught:
        check(session, secrets, settings, "Jan", kind="name")
    assert caught.value.key == "identifier.kind.not_checkable"
    assert checks_left(session, settings=settings, member_id=MEMBER) == 3


def test_rate_limit_per_hour_and_day_is_kept_in_the_database(session, secrets, settings):
    start = utcnow() - timedelta(hours=5)
    for _ in range(3):
        check(session, secrets, settings, "06-87654321", now=start)
    with pytest.raises(CheckRateLimited) as caught:
        check(session, secrets, settings, "06-87654321", now=start + timedelta(minutes=5))
    assert caught.value.key == "check.limit.hour"
    # Another member is not affected.
    check_identifier(
        session,
        secrets=secrets,
        settings=settings,
        member_id=MEMBER + 1,
        raw="06-87654321",
        now=start,
    )
    later = start + timedelta(hours=2)
    check(session, secrets, settings, "06-87654321", now=later)
    check(session, secrets, settings, "06-87654321", now=later)
    with pytest.raises(CheckRateLimited) as caught:
        check(session, secrets, settings, "06-87654321", now=later + timedelta(hours=2))
    assert caught.value.key == "check.limit.day"
    # The test may straddle midnight UTC: the daily totals add up to six.
    per_day = checks_per_day(session, start=start.date(), end=(later + timedelta(hours=2)).date())
    assert sum(per_day.values()) == 6


def test_old_attempts_are_rolled_up_into_daily_totals(session, secrets, settings):
    now = utcnow()
    for days in (3, 2, 2):
        check(session, secrets, settings, "06-87654321", now=now - timedelta(days=days))
    check(session, secrets, settings, "06-87654321", now=now)
    assert roll_up_check_attempts(session, now=now) == 3
    assert len(session.exec(select(CheckAttempt)).all()) == 1
    counts = {row.day: row.count for row in session.exec(select(CheckCount))}
    assert counts == {(now - timedelta(days=3)).date(): 1, (now - timedelta(days=2)).date(): 2}
    # A later round adds to a day's total instead of replacing it.
    check(session, secrets, settings, "06-87654321", now=now - timedelta(days=2))
    assert roll_up_check_attempts(session, now=now) == 1
    per_day = checks_per_day(session, start=(now - timedelta(days=3)).date(), end=now.date())
    assert per_day == {
        (now - timedelta(days=3)).date(): 1,
        (now - timedelta(days=2)).date(): 3,
        now.date(): 1,
    }
    assert roll_up_check_attempts(session, now=now) == 0


def test_check_leaves_no_trace_of_the_searched_value(
    session, secrets, settings, engine, db_path, caplog
):
    searched = "+49 151 23456789"
    with caplog.at_level("DEBUG"):
        assert check(session, secrets, settings, searched).matches == []
    # The check was recorded in the files searched below (its time, no more).
    assert len(session.exec(select(CheckAttempt)).all()) == 1
    session.close()
    engine.dispose()
    raw = b"".join(p.read_bytes() for p in db_path.parent.glob(db_path.name + "*"))
    index = field_crypto.blind_index(
        secrets=secrets, identifier=normalise(kind="phone", raw=searched)
    )[1]
    for needle in ["15123456789", "4915123456789", "151 23456789", index]:
        assert needle.encode() not in raw, needle
        assert needle not in caplog.text


def test_the_answer_says_how_many_checks_are_left(session, secrets, settings):
    # settings: 3 an hour, 5 a day
    assert [check(session, secrets, settings, "06-87654321").left for _ in range(3)] == [2, 1, 0]
    assert checks_left(session, settings=settings, member_id=MEMBER) == 0
