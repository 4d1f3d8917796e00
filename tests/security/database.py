"""Every row of every table, before and after; and the few changes we accept.

A forged event must change nothing, except rows that any log-in attempt or
the actor's own use of her account legitimately writes. Each allowed change
is listed here with the reason; anything else fails the suite.

Staff are forged with crafted arguments only on handlers above their role
(see ``test_forged_events``), so no rule here lets a role touch what its role
may not: nothing lets an outreach worker write what a moderator would
(decisions, reports, warnings, police requests) nor a moderator what an admin
would (roles, statuses, two-factor resets, help contacts). What staff may
write is what their own argument-less buttons write for themselves: their own
invite codes, and the audit lines those and a police export leave.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import inspect, text

from uglymugs_app.services.database import get_engine

Rows = dict[tuple, dict[str, Any]]
Snapshot = dict[str, Rows]


def snapshot() -> Snapshot:
    """Every table in the database (not only the ones the models know), keyed by row."""
    engine = get_engine()
    inspector = inspect(engine)
    tables: Snapshot = {}
    with engine.connect() as connection:
        for table in inspector.get_table_names():
            keys = inspector.get_pk_constraint(table).get("constrained_columns") or []
            rows: Rows = {}
            for number, row in enumerate(connection.execute(text(f'SELECT * FROM "{table}"'))):  # noqa: S608
                values = dict(row._mapping)
                rows[tuple(values[k] for k in keys) if keys else (number,)] = values
            tables[table] = rows
    return tables


@dataclass(frozen=True)
class Change:
    table: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    def describe(self) -> str:
        kind = "insert" if self.before is None else "delete" if self.after is None else "update"
        text = f"{kind} in {self.table}: {self.before!r} -> {self.after!r}"
        return text if len(text) <= 300 else text[:297] + "..."


def changes(before: Snapshot, after: Snapshot) -> list[Change]:
    found = []
    for table in sorted(set(before) | set(after)):
        old, new = before.get(table, {}), after.get(table, {})
        for key in sorted(set(old) | set(new), key=repr):
            if old.get(key) != new.get(key):
                found.append(Change(table, old.get(key), new.get(key)))
    return found


@dataclass(frozen=True)
class Allowed:
    """A table a forged event may write, for whom, and why."""

    table: str
    roles: frozenset[str]
    why: str
    # The row must belong to the actor: this column holds her account id.
    owner_column: str | None = None
    # A further condition on the change itself.
    check: Callable[[Change], bool] | None = None


# Columns of her own member row that a log-in may touch.
LOGIN_COLUMNS = {"last_login_at", "password_hash"}


def _default_help_contact(change: Change) -> bool:
    from uglymugs_app.services.regions.help_contacts import DEFAULTS

    row = change.after
    if change.before is not None or row is None or row.get("updated_by_id") is not None:
        return False
    return DEFAULTS.get(row["key"]) == (row["phone"], row["url"], row["note"])


def _only_login_columns(change: Change) -> bool:
    if change.before is None or change.after is None:
        return False  # creating or deleting an account is never a side effect
    changed = {k for k in change.after if change.before.get(k) != change.after.get(k)}
    return changed <= LOGIN_COLUMNS


def _inserted(change: Change) -> bool:
    return change.before is None


def _own_invite(change: Change) -> bool:
    return _inserted(change) and change.after["purpose"] == "invite"


# Audit lines a role's own argument-less button leaves, by role.
OWN_AUDIT_ACTIONS = {
    "outreach": {"code.invite"},
    "moderator": {"code.invite", "police_export.csv"},
    "admin": {"code.invite", "police_export.csv"},
}


def _own_audit_line(role: str) -> Callable[[Change], bool]:
    return lambda change: _inserted(change) and change.after["action"] in OWN_AUDIT_ACTIONS[role]


# What the push sender, running beside the served app, writes while it delivers
# or retries notifications queued before the forged event (by earlier tests).
# Releasing warnings held for a device's quiet hours rewrites the newest one
# into a summary (payload, topic, urgency: services/push/held.py).
SENDER_COLUMNS = {
    "payload",
    "topic",
    "urgency",
    "status",
    "attempts",
    "next_attempt_at",
    "claimed_by",
    "claimed_until",
    "last_status_code",
    "finished_at",
}


def _sender_progress(change: Change) -> bool:
    """An outbox entry that already existed moved on: only the sender's columns changed."""
    if change.before is None or change.after is None:
        return False  # a forged event that queues or drops a notification is caught
    changed = {k for k in change.after if change.before.get(k) != change.after.get(k)}
    return changed <= SENDER_COLUMNS


def _counter_update(change: Change) -> bool:
    return change.before is not None and change.after is not None


STAFF = frozenset({"outreach", "moderator", "admin"})
SIGNED_IN = frozenset({"applicant", "member", *STAFF})
VERIFIED = frozenset({"member", *STAFF})
ALLOWED = (
    Allowed(
        "push_outbox",
        frozenset({"anonymous", *SIGNED_IN}),
        "The push sender works beside the app: it claims, delivers and retries entries "
        "queued before the forged event. Only its own columns of existing entries may "
        "change; a new, changed or removed notification is not allowed.",
        check=_sender_progress,
    ),
    Allowed(
        "push_delivery_day",
        frozenset({"anonymous", *SIGNED_IN}),
        "The sender's anonymous daily counters (delivered, retried, failed, removed) "
        "move with its background work; counts only, no member or device.",
        check=_counter_update,
    ),
    Allowed(
        "login_throttle",
        frozenset({"anonymous", *SIGNED_IN}),
        "A forged log-in is a failed log-in: counting failures per account and per "
        "address (keyed hashes only) is the defence against guessing, not a leak.",
    ),
    Allowed(
        "member_session",
        SIGNED_IN,
        "Her own sessions: the suite logs her in again when a forged log-out ended "
        "her session, and a forged log-out may end only her own.",
        owner_column="member_id",
    ),
    Allowed(
        "member",
        SIGNED_IN,
        "Her own row: a log-in stamps last_login_at (and may upgrade her password "
        "hash); nothing else of it may change.",
        owner_column="id",
        check=_only_login_columns,
    ),
    Allowed(
        "help_contact",
        frozenset({"anonymous", *SIGNED_IN}),
        "The first read of the help contacts stores the national defaults "
        "(services/help_contacts.DEFAULTS) once: fixed values, no visitor input, "
        "no member data.",
        check=_default_help_contact,
    ),
    Allowed(
        "check_attempt",
        VERIFIED,
        "A verified member (or staff) may check a number; each check leaves her own "
        "timestamp for the rate limit, never the number.",
        owner_column="member_id",
    ),
    Allowed(
        "warning_read",
        VERIFIED,
        "A verified member (or staff) marks warnings in her own feed as read (her "
        "unread markers, e.g. the feed's argument-less 'mark all read'); only her own rows.",
        owner_column="member_id",
    ),
    Allowed(
        "one_time_code",
        STAFF,
        "Outreach workers and staff hand newcomers invite codes: the account page's "
        "argument-less 'issue a code' inserts an invite issued by her; never another "
        "purpose (recovery, reset), never someone else's, never a change to a code.",
        owner_column="issued_by_id",
        check=_own_invite,
    ),
    *(
        Allowed(
            "audit_event",
            frozenset({role}),
            "The audit line her own argument-less action leaves (an invite code issued; "
            "for moderators and admins also the anonymised police CSV, which is audited "
            "by design); inserted with her as actor, never changed or deleted.",
            owner_column="actor_id",
            check=_own_audit_line(role),
        )
        for role in sorted(STAFF)
    ),
)


def unexpected(found: list[Change], *, role: str, actor_id: int | None) -> list[Change]:
    """The changes the allow-list does not cover for this role and actor."""
    return [change for change in found if not _allowed(change, role, actor_id)]


def _allowed(change: Change, role: str, actor_id: int | None) -> bool:
    for rule in ALLOWED:
        if rule.table != change.table or role not in rule.roles:
            continue
        if rule.owner_column is not None:
            rows = [row for row in (change.before, change.after) if row is not None]
            if actor_id is None or any(row.get(rule.owner_column) != actor_id for row in rows):
                return False
        return rule.check is None or rule.check(change)
    return False
