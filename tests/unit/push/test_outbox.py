"""Who gets a warning, idempotent and transactional enqueueing, leased claims."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from sqlmodel import Session, select

from uglymugs_app.models.push import OutboxStatus, PushOutbox
from uglymugs_app.services.push.outbox import claim_batch, enqueue_for_warning, in_quiet_hours
from uglymugs_app.services.push.results import DeliveryResult, Outcome, record_results
from uglymugs_app.vocabulary import WHOLE_COUNTRY

# 23:30 in Amsterdam in winter (UTC+1).
LATE_EVENING = datetime(2026, 1, 15, 22, 30, tzinfo=UTC)
# 14:00 in Amsterdam in summer (UTC+2).
AFTERNOON = datetime(2026, 7, 15, 12, 0, tzinfo=UTC)


def _recipients(session: Session, **warning) -> dict[int, PushOutbox]:
    enqueue_for_warning(session, warning_id=warning.pop("warning_id", 1), **warning)
    return {row.subscription_id: row for row in session.exec(select(PushOutbox))}


def test_region_matching_including_whole_country(engine, add_device):
    with Session(engine) as session:
        _d, utrecht = add_device(session, "u", regions=("utrecht",))
        _d, both = add_device(session, "b", regions=("amsterdam", "utrecht"))
        _d, country = add_device(session, "c", regions=(WHOLE_COUNTRY,))
        _d, other = add_device(session, "o", regions=("groningen",))
        _d, none = add_device(session, "n", regions=())
        rows = _recipients(session, severity="low", regions=["utrecht"], now=AFTERNOON)
        assert set(rows) == {utrecht, both, country}
        assert rows[country].payload["title"] == "New warning: Utrecht"

        nationwide = enqueue_for_warning(
            session, warning_id=2, severity="low", regions=[WHOLE_COUNTRY], now=AFTERNOON
        )
        assert nationwide == 5
        row = session.exec(select(PushOutbox).where(PushOutbox.subscription_id == other)).all()
        assert row[-1].payload["title"] == "New warning: the whole country"
        assert none in {r.subscription_id for r in session.exec(select(PushOutbox))}


@pytest.mark.parametrize(
    ("severity", "expected"),
    [("low", {"low"}), ("medium", {"low", "medium"}), ("high", {"low", "medium", "high"})],
)
def test_minimum_severity(engine, add_device, severity, expected):
    with Session(engine) as session:
        ids = {level: add_device(session, level, min_severity=level)[1] for level in expected}
        ids |= {
            level: add_device(session, level, min_severity=level)[1]
            for level in {"low", "medium", "high"} - expected
        }
        rows = _recipients(session, severity=severity, regions=["utrecht"], now=AFTERNOON)
        assert set(rows) == {ids[level] for level in expected}


def test_quiet_hours_hold_all_but_high_severity_until_they_end(engine, add_device):
    night = (time(22, 0), time(7, 0))
    with Session(engine) as session:
        _d, quiet = add_device(session, "q", quiet=night)
        _d, awake = add_device(session, "a")
        rows = _recipients(session, severity="medium", regions=["utrecht"], now=LATE_EVENING)
        assert set(rows) == {awake, quiet}
        assert rows[awake].status == OutboxStatus.PENDING
        assert rows[awake].next_attempt_at.replace(tzinfo=UTC) == LATE_EVENING
        # Held, not dropped: due at 07:00 in Amsterdam (06:00 UTC in winter).
        assert rows[quiet].status == OutboxStatus.HELD
        assert rows[quiet].next_attempt_at.replace(tzinfo=UTC) == datetime(
            2026, 1, 16, 6, 0, tzinfo=UTC
        )
        rows = _recipients(
            session, warning_id=2, severity="high", regions=["utrecht"], now=LATE_EVENING
        )
        urgent = [r for r in rows.values() if r.notification_key.startswith("warning:2")]
        assert {r.subscription_id: r.status for r in urgent} == {
            quiet: OutboxStatus.PENDING,
            awake: OutboxStatus.PENDING,
        }


def test_quiet_hours_are_dutch_local_time_and_may_cross_midnight():
    night = {"start": time(22, 0), "end": time(7, 0)}
    assert in_quiet_hours(**night, now=LATE_EVENING)  # 23:30 local
    # 21:30 UTC is 22:30 in Amsterdam in January: quiet there, not in UTC.
    assert in_quiet_hours(**night, now=datetime(2026, 1, 15, 21, 30, tzinfo=UTC))
    # 06:30 UTC is 07:30 local in January: awake; 05:30 UTC is 06:30: quiet.
    assert not in_quiet_hours(**night, now=datetime(2026, 1, 15, 6, 30, tzinfo=UTC))
    assert in_quiet_hours(**night, now=datetime(2026, 1, 15, 5, 30, tzinfo=UTC))
    assert not in_quiet_hours(**night, now=AFTERNOON)
    lunch = {"start": time(13, 0), "end": time(15, 0)}
    assert in_quiet_hours(**lunch, now=AFTERNOON)
    assert not in_quiet_hours(start=None, end=None, now=AFTERNOON)


def test_enqueue_twice_adds_nothing_and_a_correction_adds_new_entries(engine, add_device):
    with Session(engine) as session:
        for name in ("a", "b", "c"):
            add_device(session, name)
        warning = {"warning_id": 5, "severity": "medium", "regions": ["utrecht"]}
        assert enqueue_for_warning(session, **warning) == 3
        assert enqueue_for_warning(session, **warning) == 0
        session.commit()
        assert enqueue_for_warning(session, **warning) == 0
        assert enqueue_for_warning(session, **warning, revision=1) == 3
        rows = session.exec(select(PushOutbox)).all()
        assert len(rows) == 6
        assert {row.topic for row in rows} == {"warning-5"}
        corrected = [row for row in rows if row.notification_key.endswith(":r1")]
        assert {row.payload["title"] for row in corrected} == {"Updated warning: Utrecht"}


def test_enqueue_is_part_of_the_callers_transaction(engine, add_device):
    with Session(engine) as session:
        add_device(session, "a")
        session.commit()
        enqueue_for_warning(session, warning_id=9, severity="low", regions=["utrecht"])
        session.rollback()  # publishing the warning failed
    with Session(engine) as session:
        assert session.exec(select(PushOutbox)).all() == []


def test_claim_is_exclusive_until_the_lease_runs_out(engine, add_device):
    with Session(engine) as session:
        for name in ("a", "b", "c"):
            add_device(session, name)
        enqueue_for_warning(session, warning_id=1, severity="low", regions=["utrecht"])
        session.commit()
        first = claim_batch(session, sender_id="one", limit=10, lease_seconds=60)
        assert len(first) == 3
        assert claim_batch(session, sender_id="two", limit=10, lease_seconds=60) == []
        later = datetime.now(UTC) + timedelta(seconds=61)
        taken_over = claim_batch(session, sender_id="two", limit=10, lease_seconds=60, now=later)
        assert {e.id for e in taken_over} == {e.id for e in first}
        assert all(entry.attempts == 2 for entry in taken_over)

        # The first sender's late result no longer counts; the new holder's does.
        stale = [DeliveryResult(e.id, e.token, e.subscription_id, Outcome.FAILED) for e in first]
        record_results(session, results=stale)
        assert {r.status for r in session.exec(select(PushOutbox))} == {OutboxStatus.SENDING}
        fresh = [
            DeliveryResult(e.id, e.token, e.subscription_id, Outcome.DELIVERED, 201)
            for e in taken_over
        ]
        record_results(session, results=fresh)
        assert {r.status for r in session.exec(select(PushOutbox))} == {OutboxStatus.DELIVERED}
        far = datetime.now(UTC) + timedelta(days=30)
        assert claim_batch(session, sender_id="three", limit=10, lease_seconds=1, now=far) == []
