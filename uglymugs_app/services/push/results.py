"""Recording what happened to claimed outbox entries, counting it, pruning.

Every write is conditional on the claim token: a sender whose lease ran out
and whose entries another sender took over cannot overwrite their outcome.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import delete, func, update
from sqlmodel import Session, col, select

from uglymugs_app.models.common import utcnow
from uglymugs_app.models.push import OutboxStatus, PushDeliveryDay, PushOutbox, PushSubscription
from uglymugs_app.services.database import upsert_insert


class Outcome:
    """What a sender concluded about one claimed entry."""

    DELIVERED = "delivered"  # 200/201/202
    RETRY = "retry"  # 429, 5xx, timeout, connection error: try again later
    FAILED = "failed"  # other 4xx, or out of attempts or time
    GONE = "gone"  # 404/410: the subscription no longer exists
    ORPHAN = "orphan"  # the subscription was removed before sending
    RELEASE = "release"  # not sent (sender stopping): claimable again at once


@dataclass(frozen=True)
class DeliveryResult:
    """One entry's outcome, as reported by a sender."""

    entry_id: int
    token: str
    subscription_id: int
    outcome: str
    status_code: int | None = None
    retry_at: datetime | None = None


def _count(session: Session, *, day: date, **increments: int) -> None:
    if not any(increments.values()):
        return
    statement = upsert_insert(session)(PushDeliveryDay).values(day=day, **increments)
    statement = statement.on_conflict_do_update(
        index_elements=["day"],
        set_={
            name: getattr(PushDeliveryDay, name) + getattr(statement.excluded, name)
            for name in increments
        },
    )
    session.execute(statement)


def _finish(session: Session, *, token: str, ids: list[int], values: dict) -> int:
    result = session.exec(
        update(PushOutbox)
        .where(
            col(PushOutbox.id).in_(ids),
            col(PushOutbox.claimed_by) == token,
            col(PushOutbox.status) == OutboxStatus.SENDING,
        )
        .values(claimed_by=None, claimed_until=None, **values)
    )
    return result.rowcount or 0


def record_results(
    session: Session, *, results: Iterable[DeliveryResult], now: datetime | None = None
) -> None:
    """Apply a sender's results and update the day's counters; commits.

    Gone subscriptions are deleted, and their other unsent entries marked
    gone, so no sender keeps posting to a dead endpoint.
    """
    now = now or utcnow()
    groups: dict[tuple[str, str, int | None], list[DeliveryResult]] = defaultdict(list)
    retries: list[DeliveryResult] = []
    for result in results:
        if result.outcome == Outcome.RETRY:
            retries.append(result)
        else:
            groups[(result.outcome, result.token, result.status_code)].append(result)
    delivered = failed = retried = 0
    gone_subscriptions: set[int] = set()
    success_subscriptions: set[int] = set()
    for (outcome, token, code), items in groups.items():
        ids = [item.entry_id for item in items]
        if outcome == Outcome.RELEASE:
            _finish(
                session,
                token=token,
                ids=ids,
                values={"status": OutboxStatus.PENDING, "attempts": PushOutbox.attempts - 1},
            )
            continue
        status = {
            Outcome.DELIVERED: OutboxStatus.DELIVERED,
            Outcome.FAILED: OutboxStatus.FAILED,
        }.get(outcome, OutboxStatus.GONE)
        changed = _finish(
            session,
            token=token,
            ids=ids,
            values={"status": status, "last_status_code": code, "finished_at": now},
        )
        if outcome == Outcome.DELIVERED:
            delivered += changed
            success_subscriptions.update(item.subscription_id for item in items)
        elif outcome == Outcome.FAILED:
            failed += changed
        elif outcome == Outcome.GONE:
            gone_subscriptions.update(item.subscription_id for item in items)
    for item in retries:
        retried += _finish(
            session,
            token=item.token,
            ids=[item.entry_id],
            values={
                "status": OutboxStatus.PENDING,
                "last_status_code": item.status_code,
                "next_attempt_at": item.retry_at or now,
            },
        )
    removed = _remove_gone(session, subscription_ids=gone_subscriptions, now=now)
    if success_subscriptions:
        session.execute(
            update(PushSubscription)
            .where(col(PushSubscription.id).in_(sorted(success_subscriptions)))
            .values(last_success_at=now)
        )
    _count(
        session,
        day=now.date(),
        delivered=delivered,
        failed=failed,
        removed=removed,
        retried=retried,
    )
    session.commit()


def _remove_gone(session: Session, *, subscription_ids: set[int], now: datetime) -> int:
    if not subscription_ids:
        return 0
    ids = sorted(subscription_ids)
    session.execute(
        update(PushOutbox)
        .where(
            col(PushOutbox.subscription_id).in_(ids),
            col(PushOutbox.status).in_(OutboxStatus.OPEN),
        )
        .values(status=OutboxStatus.GONE, claimed_by=None, claimed_until=None, finished_at=now)
    )
    result = session.exec(delete(PushSubscription).where(col(PushSubscription.id).in_(ids)))
    return result.rowcount or 0


@dataclass(frozen=True)
class PushStats:
    """Totals for an admin page: outcomes since a day, and what is still queued."""

    delivered: int
    failed: int
    removed: int
    retried: int
    pending: int
    subscriptions: int


def push_stats(session: Session, *, since: date | None = None) -> PushStats:
    """Delivery counters summed from ``since`` (all time if None) and the current backlog."""
    totals = select(
        func.coalesce(func.sum(PushDeliveryDay.delivered), 0),
        func.coalesce(func.sum(PushDeliveryDay.failed), 0),
        func.coalesce(func.sum(PushDeliveryDay.removed), 0),
        func.coalesce(func.sum(PushDeliveryDay.retried), 0),
    )
    if since is not None:
        totals = totals.where(PushDeliveryDay.day >= since)
    delivered, failed, removed, retried = session.exec(totals).one()
    pending = session.exec(
        select(func.count())
        .select_from(PushOutbox)
        .where(col(PushOutbox.status).in_(OutboxStatus.OPEN))
    ).one()
    subscriptions = session.exec(select(func.count()).select_from(PushSubscription)).one()
    return PushStats(
        delivered=int(delivered),
        failed=int(failed),
        removed=int(removed),
        retried=int(retried),
        pending=int(pending),
        subscriptions=int(subscriptions),
    )


def prune_outbox(
    session: Session, *, older_than: timedelta = timedelta(days=7), now: datetime | None = None
) -> int:
    """Delete finished entries older than ``older_than``; the counters keep the totals.

    Does not commit.
    """
    cutoff = (now or utcnow()) - older_than
    result = session.exec(
        delete(PushOutbox).where(
            col(PushOutbox.status).in_(OutboxStatus.FINAL), col(PushOutbox.finished_at) < cutoff
        )
    )
    return result.rowcount or 0
