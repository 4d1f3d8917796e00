"""The organisation's figures, for moderators' daily work and for advocacy.

Every figure is a count or a median over rows the app keeps anyway; none
needs a reporter's identity. Reports erased under the retention policy count
through their anonymous weekly tallies; their warnings and handling times
stay as emptied rows, so those figures count them as before. Each figure is
a ``Table`` so the dashboard charts it and offers it as CSV alike. Dates are
UTC days, both ends included.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import cast

from sqlmodel import Session, col, func, select

from uglymugs_app.models import (
    Member,
    MemberStatus,
    PushDeliveryDay,
    Report,
    ReportStatus,
    Role,
    Warning,
)
from uglymugs_app.models.common import as_date, as_utc
from uglymugs_app.services.actors import STAFF, Actor, require
from uglymugs_app.services.errors import InvalidInput
from uglymugs_app.services.regions import directory
from uglymugs_app.services.reports.retention import TALLY_BY_REGION, TALLY_BY_TYPE, tallies
from uglymugs_app.services.warnings.check import checks_per_day
from uglymugs_app.vocabulary import INCIDENT_TYPES

MAX_DAYS = 2 * 366


@dataclass(frozen=True)
class Table:
    name: str
    columns: list[str]
    rows: list[dict]


def dashboard(session: Session, *, actor: Actor, start: date, end: date) -> list[Table]:
    """Every table of the dashboard for the period ``start``..``end``."""
    require(actor, *STAFF)
    if end < start or (end - start).days > MAX_DAYS:
        raise InvalidInput("stats.range.invalid")
    low = datetime.combine(start, time(), tzinfo=UTC)
    high = datetime.combine(end + timedelta(days=1), time(), tzinfo=UTC)
    reports = session.exec(
        select(Report.created_at, Report.incident_types, Report.region).where(
            col(Report.created_at) >= low,
            col(Report.created_at) < high,
            Report.status != ReportStatus.ERASED,
        )
    ).all()
    weeks = _weeks(start, end)
    by_type: dict[str, Counter[str]] = {week: Counter() for week in weeks}
    by_region: dict[str, Counter[str]] = {week: Counter() for week in weeks}
    for created, types, region in reports:
        week = _week_of(as_utc(created).date())
        by_type[week].update(json.loads(types))
        by_region[week][region] += 1
    # Erased reports live on only as anonymous weekly totals.
    for figure, counts in ((TALLY_BY_TYPE, by_type), (TALLY_BY_REGION, by_region)):
        for tally in tallies(session, figure=figure, start=start, end=end):
            week = as_date(tally.week).isoformat()
            if week in counts:
                counts[week][tally.code] += tally.count
    published = Counter(
        _week_of(as_utc(moment).date())
        for moment in session.exec(
            select(Warning.published_at).where(
                col(Warning.published_at) >= low, col(Warning.published_at) < high
            )
        )
    )
    return [
        _weekly("reports_by_type", weeks, INCIDENT_TYPES, by_type),
        _weekly("reports_by_region", weeks, directory.current(session).known, by_region),
        Table(
            "warnings_published",
            ["week", "published"],
            [{"week": week, "published": published[week]} for week in weeks],
        ),
        _notifications(session, start, end),
        _checks(session, start, end),
        _membership(session, low, high),
        _response_times(session, low, high),
    ]


def _weeks(start: date, end: date) -> list[str]:
    monday = start - timedelta(days=start.weekday())
    return [(monday + timedelta(weeks=n)).isoformat() for n in range((end - monday).days // 7 + 1)]


def _week_of(day: date) -> str:
    return (day - timedelta(days=day.weekday())).isoformat()


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def _weekly(
    name: str, weeks: list[str], codes: tuple[str, ...], counts: dict[str, Counter]
) -> Table:
    return Table(
        name,
        ["week", *codes],
        [{"week": week, **{code: counts[week][code] for code in codes}} for week in weeks],
    )


def _notifications(session: Session, start: date, end: date) -> Table:
    columns = ["day", "delivered", "failed", "removed"]
    rows = session.exec(
        select(PushDeliveryDay).where(
            col(PushDeliveryDay.day) >= start, col(PushDeliveryDay.day) <= end
        )
    ).all()
    found = {as_date(row.day): (row.delivered, row.failed, row.removed) for row in rows}
    return Table(
        "notifications",
        columns,
        [
            dict(zip(columns, (day.isoformat(), *found.get(day, (0, 0, 0))), strict=True))
            for day in _days(start, end)
        ],
    )


def _checks(session: Session, start: date, end: date) -> Table:
    counts = checks_per_day(session, start=start, end=end)
    return Table(
        "checks",
        ["day", "checks"],
        [{"day": day.isoformat(), "checks": counts.get(day, 0)} for day in _days(start, end)],
    )


def _membership(session: Session, low: datetime, high: datetime) -> Table:
    members = session.exec(
        select(func.count())
        .select_from(Member)
        .where(
            col(Member.role).in_([Role.MEMBER, Role.OUTREACH]), Member.status == MemberStatus.ACTIVE
        )
    ).one()
    waiting = session.exec(
        select(func.count())
        .select_from(Member)
        .where(col(Member.status).in_([MemberStatus.PENDING, MemberStatus.MORE_INFO]))
    ).one()
    decisions = session.exec(
        select(Member.decision_seconds).where(
            col(Member.decided_at) >= low,
            col(Member.decided_at) < high,
            col(Member.decision_seconds).is_not(None),
        )
    ).all()
    return Table(
        "membership",
        ["figure", "value"],
        [
            {"figure": "members", "value": members},
            {"figure": "applicants_waiting", "value": waiting},
            # The query keeps only decided members: none of these is NULL.
            {
                "figure": "median_hours_to_decision",
                "value": _median_hours(cast(list[float], list(decisions))),
            },
        ],
    )


def _response_times(session: Session, low: datetime, high: datetime) -> Table:
    rows = session.exec(
        select(Report.created_at, Report.first_moderator_reply_at, Report.published_at).where(
            col(Report.created_at) >= low, col(Report.created_at) < high
        )
    ).all()

    def spans(index: int) -> list[float]:
        return [
            (as_utc(later) - as_utc(row[0])).total_seconds()
            for row in rows
            if (later := row[index]) is not None
        ]

    return Table(
        "response_times",
        ["figure", "value"],
        [
            {"figure": "median_hours_to_first_reply", "value": _median_hours(spans(1))},
            {"figure": "median_hours_to_publication", "value": _median_hours(spans(2))},
        ],
    )


def _median_hours(seconds: list[float]) -> float | str:
    """The median in hours, one decimal; '' when there is nothing to measure."""
    return round(statistics.median(seconds) / 3600, 1) if seconds else ""
