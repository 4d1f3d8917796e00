"""Statistics on seeded data with answers worked out by hand."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from tests.fixtures.reports import submission
from uglymugs_app.models import CheckCount, Member, PushDeliveryDay, Report, Warning
from uglymugs_app.services.errors import InvalidInput, PermissionDenied
from uglymugs_app.services.members.accounts import create_account
from uglymugs_app.services.reports.submission import submit_report
from uglymugs_app.services.stats.figures import dashboard

START, END = date(2025, 3, 3), date(2025, 3, 16)  # two weeks, Monday to Sunday


def _at(day: int, hour: int = 12) -> datetime:
    return datetime(2025, 3, day, hour, tzinfo=UTC)


def _report(session, secrets, created, *, types, region="utrecht", reply=None, published=None):
    summary = submit_report(
        session,
        secrets=secrets,
        reporter_id=9,
        submission=submission(incident_types=types, region=region),
    )
    row = session.get(Report, summary.id)
    row.created_at, row.first_moderator_reply_at, row.published_at = created, reply, published
    session.add(row)
    if published:
        session.add(
            Warning(
                report_id=row.id,
                summary="s",
                severity="high",
                published_at=published,
                expires_at=published + timedelta(days=9),
            )
        )
    session.commit()


@pytest.fixture
def seeded(session, secrets):
    # Week of 3 March: two reports; week of 10 March: one; one before the range.
    _report(
        session,
        secrets,
        _at(3),
        types=["robbery", "threats"],
        reply=_at(3, 14),
        published=_at(4, 12),
    )  # 2 h, 24 h
    _report(session, secrets, _at(5), types=["robbery"], region="limburg", reply=_at(5, 18))  # 6 h
    _report(
        session, secrets, _at(12), types=["stalking"], reply=_at(13, 0), published=_at(14, 12)
    )  # 12 h, 48 h
    _report(session, secrets, datetime(2025, 2, 20, tzinfo=UTC), types=["robbery"])
    for day, count in ((3, 4), (9, 1), (20, 7)):
        session.add(CheckCount(day=date(2025, 3, day), count=count))
    for name, status, seconds in (
        ("A", "active", 3600),
        ("B", "active", 3 * 3600),
        ("C", "pending", None),
        ("D", "more_info", None),
        ("E", "rejected", 8 * 3600),
    ):
        account = create_account(
            session,
            working_name=f"Seeded {name}",
            password="x" * 12,
            role="member" if status == "active" else "applicant",
        )
        account = session.get(Member, account.id)
        account.status, account.decision_seconds = status, seconds
        account.decided_at = _at(6) if seconds else None
        session.add(account)
    session.add(
        PushDeliveryDay(day=date(2025, 3, 4), delivered=120, failed=3, removed=2, retried=5)
    )
    session.commit()


def _tables(session, actor):
    return {t.name: t for t in dashboard(session, actor=actor, start=START, end=END)}


def test_figures_match_hand_computed_values(session, seeded, moderator):
    tables = _tables(session, moderator)
    by_type = {row["week"]: row for row in tables["reports_by_type"].rows}
    assert list(by_type) == ["2025-03-03", "2025-03-10"]
    assert (by_type["2025-03-03"]["robbery"], by_type["2025-03-03"]["threats"]) == (2, 1)
    assert (by_type["2025-03-10"]["stalking"], by_type["2025-03-10"]["robbery"]) == (1, 0)
    by_region = {row["week"]: row for row in tables["reports_by_region"].rows}
    assert (by_region["2025-03-03"]["utrecht"], by_region["2025-03-03"]["limburg"]) == (1, 1)
    assert [r["published"] for r in tables["warnings_published"].rows] == [1, 1]
    checks = {r["day"]: r["checks"] for r in tables["checks"].rows}
    assert len(checks) == 14 and checks["2025-03-03"] == 4 and checks["2025-03-09"] == 1
    assert sum(checks.values()) == 5
    push = {r["day"]: r for r in tables["notifications"].rows}
    assert (
        push["2025-03-04"]["delivered"],
        push["2025-03-04"]["failed"],
        push["2025-03-04"]["removed"],
    ) == (120, 3, 2)
    members = {r["figure"]: r["value"] for r in tables["membership"].rows}
    # A and B are members; C and D wait; decisions 1 h, 3 h, 8 h -> median 3 h.
    assert members == {"members": 2, "applicants_waiting": 2, "median_hours_to_decision": 3.0}
    times = {r["figure"]: r["value"] for r in tables["response_times"].rows}
    # First replies 2 h, 6 h, 12 h -> 6 h; publications 24 h, 48 h -> 36 h.
    assert times == {"median_hours_to_first_reply": 6.0, "median_hours_to_publication": 36.0}


def test_without_push_table_notifications_are_zero(session, moderator):
    table = _tables(session, moderator)["notifications"]
    assert {r["delivered"] for r in table.rows} == {0}


def test_only_staff_and_sane_ranges(session, member, moderator):
    with pytest.raises(PermissionDenied):
        dashboard(session, actor=member, start=START, end=END)
    with pytest.raises(InvalidInput):
        dashboard(session, actor=moderator, start=END, end=START)
    assert session.exec(select(Report)).all() == []
