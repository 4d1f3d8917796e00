"""The client check: was this number, e-mail, handle or plate reported?

The searched value lives only in memory for the length of the call: it is
normalised, turned into blind indexes under every key id and compared with
the indexes of active warnings. Nothing of it is stored or logged; the
database keeps only the member's check times for the rate limit (which a
client probing "was I reported?" runs into) and, once housekeeping has rolled
those up, anonymous daily totals.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import case, insert
from sqlmodel import Session, col, delete, func, select

from uglymugs_app.models import CheckAttempt, CheckCount, Warning, WarningIdentifier
from uglymugs_app.models.common import as_date, stored_id, utcnow
from uglymugs_app.services.database import upsert_insert
from uglymugs_app.services.errors import CheckRateLimited
from uglymugs_app.services.identifiers.candidates import candidates as readings_of
from uglymugs_app.services.identifiers.kinds import Identifier, IdentifierKind
from uglymugs_app.services.identifiers.masking import mask, mask_handle
from uglymugs_app.services.security import field_crypto
from uglymugs_app.services.security.instance_secrets import InstanceSecrets
from uglymugs_app.services.warnings.lifecycle import WarningView, active_clause, warning_views
from uglymugs_app.settings import Settings


@dataclass(frozen=True)
class CheckedValue:
    """One reading of what she searched, masked: the kind and what is shown of it."""

    kind: str
    masked: str


@dataclass(frozen=True)
class CheckResult:
    """The matching warnings (masked); empty: no reports found.

    ``searched``: every reading that was looked up (``0721 234 567`` as a
    Romanian and as a Dutch number); ``matched``: the readings a warning
    named. ``kind``: the kind matched, else the first kind searched.
    ``left``: how many checks she may still do after this one.
    """

    kind: str
    matches: list[WarningView]
    left: int = 0
    searched: list[CheckedValue] = field(default_factory=list)
    matched: list[CheckedValue] = field(default_factory=list)


def check_identifier(
    session: Session,
    *,
    secrets: InstanceSecrets,
    settings: Settings,
    member_id: int,
    raw: str,
    kind: str | None = None,
    platform: str | None = None,
    country: str | None = None,
    now: datetime | None = None,
) -> CheckResult:
    """Look up active warnings naming this identifier; counts against her limit.

    Every plausible reading of ``raw`` is looked up (see
    ``identifiers.candidates``); ``kind`` (her selector) limits them to one
    kind, ``platform`` a handle to one platform, ``country`` is where a
    national number is read first (the Netherlands is always tried too).
    Raises ``IdentifierError`` for input that is no identifier (not counted)
    and ``CheckRateLimited`` with ``check.limit.hour`` or ``check.limit.day``
    when she has used her checks.
    """
    moment = now or utcnow()
    candidates = readings_of(raw or "", kind=kind, platform=platform, country=country)
    hour, day = _count_against_limit(session, settings, member_id, moment)
    matches, matched = _matching_warnings(session, secrets, candidates, moment)
    left = _left(settings, hour, day)
    kind_shown = (matched or candidates)[0].kind.value
    return CheckResult(
        kind=kind_shown,
        matches=matches,
        left=left,
        searched=described(candidates),
        matched=described(matched),
    )


def described(identifiers: list[Identifier]) -> list[CheckedValue]:
    """Masked readings for the answer, once each; a handle looked up on every
    platform is one ``@jo•••``."""
    shown: dict[CheckedValue, None] = {}
    for identifier in identifiers:
        if identifier.kind is IdentifierKind.HANDLE:
            handle = identifier.value.partition(":")[2]
            masked = "@" + mask_handle(f"any:{handle}").partition(": ")[2]
        else:
            masked = mask(kind=identifier.kind, value=identifier.value)
        shown[CheckedValue(identifier.kind.value, masked)] = None
    return list(shown)


def checks_left(
    session: Session, *, settings: Settings, member_id: int, now: datetime | None = None
) -> int:
    """How many checks she may still do right now (for a gentle hint in the UI)."""
    moment = now or utcnow()
    return _left(settings, *_used(session, member_id, moment))


def count_check(
    session: Session, *, settings: Settings, member_id: int, now: datetime | None = None
) -> int:
    """Record one check against her hourly and daily limits, as every check
    is counted; raises ``CheckRateLimited``. Returns the checks left after it."""
    hour, day = _count_against_limit(session, settings, member_id, now or utcnow())
    return _left(settings, hour, day)


def _left(settings: Settings, hour: int, day: int) -> int:
    return max(0, min(settings.check_limit_per_hour - hour, settings.check_limit_per_day - day))


def roll_up_check_attempts(session: Session, *, now: datetime | None = None) -> int:
    """Fold check times older than a day into the daily totals and delete them.

    The rate limit needs no more than a day. Deleting with RETURNING counts
    each row exactly once, even if two rounds ran at the same time.
    """
    cutoff = (now or utcnow()) - timedelta(days=1)
    removed = (
        session.connection()
        .execute(
            delete(CheckAttempt)
            .where(col(CheckAttempt.at) < cutoff)
            .returning(col(CheckAttempt.at))
        )
        .scalars()
        .all()
    )
    per_day = Counter(as_date(at) for at in removed)
    if per_day:
        statement = upsert_insert(session)(CheckCount).values(
            [{"day": day, "count": count} for day, count in sorted(per_day.items())]
        )
        session.connection().execute(
            statement.on_conflict_do_update(
                index_elements=[CheckCount.day],
                set_={"count": CheckCount.count + statement.excluded.count},
            )
        )
    session.commit()
    return len(removed)


def checks_per_day(session: Session, *, start: date, end: date) -> dict[date, int]:
    """Checks done on each day from ``start`` to ``end`` (UTC days, inclusive):
    the rolled-up totals plus the check times not rolled up yet."""
    counts: Counter[date] = Counter()
    for row in session.exec(
        select(CheckCount).where(col(CheckCount.day) >= start, col(CheckCount.day) <= end)
    ):
        counts[as_date(row.day)] += row.count
    low = datetime.combine(start, time.min, tzinfo=UTC)
    high = datetime.combine(end + timedelta(days=1), time.min, tzinfo=UTC)
    day = func.date(CheckAttempt.at)
    for on, count in session.connection().execute(
        select(day, func.count())
        .where(col(CheckAttempt.at) >= low, col(CheckAttempt.at) < high)
        .group_by(day)
    ):
        counts[as_date(on)] += count
    return dict(counts)


def _used(session: Session, member_id: int, moment: datetime) -> tuple[int, int]:
    """Her checks in the last hour and in the last day, in one query."""
    hour_ago = moment - timedelta(hours=1)
    last_hour = func.count(case((col(CheckAttempt.at) > hour_ago, 1)))
    hour, day = (
        session.connection()
        .execute(
            select(last_hour, func.count())
            .select_from(CheckAttempt)
            .where(
                CheckAttempt.member_id == member_id,
                col(CheckAttempt.at) > moment - timedelta(days=1),
            )
        )
        .one()
    )
    return hour, day


def _count_against_limit(
    session: Session, settings: Settings, member_id: int, moment: datetime
) -> tuple[int, int]:
    """Record this check, then count: her checks in the last hour and day, this
    one included; over either limit the record is taken back and she is refused.

    Recording first (committed) means checks sent at once all see each other,
    so none slips past the limit; at worst two racing for the last check both
    wait. A Core statement: a check runs for every member at the busiest hour.
    The day's total is not touched here: one row updated by every check was a
    lock all checks queued for (see roll_up_check_attempts).
    """
    # __table__ is set by SQLModel at class creation; its stubs do not declare it.
    table = CheckAttempt.__table__  # type: ignore[attr-defined]
    attempt_id = (
        session.connection()
        .execute(insert(table).values(member_id=member_id, at=moment).returning(table.c.id))
        .scalar_one()
    )
    session.commit()
    hour, day = _used(session, member_id, moment)
    refusal = (
        "check.limit.day"
        if day > settings.check_limit_per_day
        else "check.limit.hour"
        if hour > settings.check_limit_per_hour
        else None
    )
    if refusal:
        session.connection().execute(delete(table).where(table.c.id == attempt_id))
        session.commit()
        raise CheckRateLimited(refusal)
    return hour, day


def _matching_warnings(
    session: Session, secrets: InstanceSecrets, candidates: list[Identifier], moment: datetime
) -> tuple[list[WarningView], list[Identifier]]:
    """The active warnings naming any candidate, newest first, and the candidates named."""
    pairs = {
        pair: identifier
        for identifier in candidates
        for pair in field_crypto.blind_indexes(secrets=secrets, identifier=identifier)
    }
    rows = session.exec(
        select(Warning, WarningIdentifier)
        .join(WarningIdentifier)
        .where(
            col(WarningIdentifier.blind_index).in_([index for _, index in pairs]),
            active_clause(moment),
        )
        .order_by(col(Warning.published_at).desc())
    ).all()
    seen: dict[int, Warning] = {}
    matched: dict[Identifier, None] = {}
    for warning, row in rows:
        identifier = pairs.get((row.key_id, row.blind_index))
        if identifier is not None:
            seen.setdefault(stored_id(warning), warning)
            matched[identifier] = None
    return warning_views(session, list(seen.values())), list(matched)
