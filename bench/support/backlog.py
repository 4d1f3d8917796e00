"""A verification backlog in the database, fast: applicants and members as rows.

Accounts are inserted directly (no argon2 per account: they never log in),
each applicant with a sealed ad link and its keys as registration leaves
them. Used by ``bench.verification_queue`` and the queue's browser test.
"""

from __future__ import annotations

import json
from datetime import timedelta

from sqlmodel import Session

from uglymugs_app.models import Member, MemberStatus, Role
from uglymugs_app.models.common import utcnow
from uglymugs_app.services.members.accounts import name_key, seal_ad_link

SITES = ("ads.example", "kinky.example", "redlight.example", "escort.example")


def seed_backlog(
    session: Session, *, secrets, applicants: int, members: int, prefix: str = "Applicant"
) -> list[int]:
    """``applicants`` open applications (oldest first: ``<prefix> 0000``) and
    ``members`` verified members; returns the applicants' ids in queue order."""
    start = utcnow() - timedelta(days=40)
    rows = []
    for number in range(members):
        rows.append(
            Member(
                working_name=f"{prefix} member {number:04d}",
                name_key=name_key(f"{prefix} member {number:04d}"),
                password_hash="-",
                role=Role.MEMBER,
                status=MemberStatus.ACTIVE,
                regions=json.dumps(["utrecht"]),
                decided_at=start,
                decision_seconds=3600,
            )
        )
    waiting = []
    for number in range(applicants):
        name = f"{prefix} {number:04d}"
        member = Member(
            working_name=name,
            name_key=name_key(name),
            password_hash="-",
            role=Role.APPLICANT,
            status=MemberStatus.PENDING,
            regions=json.dumps(["utrecht"]),
            applied_at=start + timedelta(minutes=number),
            application_active_at=start + timedelta(minutes=number),
        )
        seal_ad_link(secrets, member, f"https://{SITES[number % len(SITES)]}/ad/{prefix}{number}")
        waiting.append(member)
    session.add_all(rows + waiting)
    session.commit()
    return [m.id or 0 for m in waiting]
