"""Demo data for trying the app: clearly marked people, reports in every state,
warnings in several regions. Only on an empty, non-production installation.

Every name starts with "Demo", every identifier is invented (example.com
addresses, DEMO plates), so nothing here can be mistaken for a real case.
"""

from __future__ import annotations

import secrets as random
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

import pyotp
from sqlmodel import Session, func, select

from uglymugs_app.models import Member, Report, Role
from uglymugs_app.models.common import stored_id
from uglymugs_app.services.actors import Actor
from uglymugs_app.services.members.accounts import create_account
from uglymugs_app.services.reports import moderation, threads
from uglymugs_app.services.reports.submission import (
    IdentifierInput,
    ReportSubmission,
    submit_report,
)
from uglymugs_app.services.security.instance_secrets import InstanceSecrets
from uglymugs_app.services.warnings.publishing import WarningDraft, publish_warning
from uglymugs_app.settings import Settings


class DemoRefused(RuntimeError):
    """Demo data would mix with real data: production, or a database in use."""


@dataclass(frozen=True)
class DemoLogin:
    role: str
    working_name: str
    password: str
    totp_secret: str | None = None
    note: str = ""


@dataclass(frozen=True)
class _Case:
    reporter: str  # working name of the demo reporter
    region: str
    month: tuple[int, int]
    incident_types: list[str]
    identifiers: list[IdentifierInput]
    appearance: dict
    narrative: str
    summary: str = ""  # set: published with this summary
    severity: str = "medium"
    outcome: str = "received"  # received | conversation | published | declined | closed


def _phone(number: str) -> list[IdentifierInput]:
    return [IdentifierInput("phone", number)]


MAN_40 = {
    "gender": "man",
    "age_range": "35_44",
    "build": "heavy",
    "hair": "short",
    "languages": ["nl", "en"],
}
CASES = (
    _Case(
        "Demo Anna",
        "utrecht",
        (2025, 3),
        ["physical_violence", "robbery"],
        _phone("06-12345678") + [IdentifierInput("email", "demo.client@example.com")],
        MAN_40,
        "Demo story: he hit me in the hotel room and took the money back.",
        "DEMO — violent in a hotel, took the money back by force. Do not meet alone.",
        "high",
        "published",
    ),
    _Case(
        "Demo Bea",
        "utrecht",
        (2025, 5),
        ["threats"],
        _phone("+31 6 12345678"),
        MAN_40,
        "Demo story: he came back a week later and shouted at the door.",
        "DEMO — came back uninvited and made threats at the door.",
        "medium",
        "published",
    ),
    _Case(
        "Demo Anna",
        "noord-holland",
        (2025, 6),
        ["refused_to_pay", "stealthing"],
        [IdentifierInput("handle", "@demo_johnny", platform="telegram")],
        {"gender": "man", "age_range": "25_34", "build": "slim", "languages": ["en"]},
        "Demo story: he booked on Telegram, did not pay and took the condom off.",
        "DEMO — books through Telegram, leaves without paying, removes the condom.",
        "medium",
        "published",
    ),
    _Case(
        "Demo Bea",
        "limburg",
        (2025, 7),
        ["stalking"],
        [IdentifierInput("plate", "DEMO-01")],
        {"gender": "man", "age_range": "55_64", "vehicle_colour": "grey"},
        "Demo story: a grey car waited outside my window three nights in a row.",
        "DEMO — waits in a grey car outside windows at night.",
        "low",
        "published",
    ),
    _Case(
        "Demo Anna",
        "zuid-holland",
        (2025, 8),
        ["sexual_violence"],
        _phone("06-23456789"),
        MAN_40,
        "Demo story: a new report nobody has looked at yet.",
    ),
    _Case(
        "Demo Bea",
        "gelderland",
        (2025, 8),
        ["drugging"],
        _phone("06-34567890"),
        MAN_40,
        "Demo story: something in my drink, the moderator is asking questions.",
        outcome="conversation",
    ),
    _Case(
        "Demo Anna",
        "groningen",
        (2025, 4),
        ["other"],
        _phone("06-45678901"),
        {},
        "Demo story: not enough to warn others about.",
        outcome="declined",
    ),
    _Case(
        "Demo Bea",
        "utrecht",
        (2025, 2),
        ["refused_to_pay"],
        _phone("06-56789012"),
        {},
        "Demo story: handled and closed.",
        outcome="closed",
    ),
)


def seed_demo(session: Session, *, secrets: InstanceSecrets, settings: Settings) -> list[DemoLogin]:
    """Fill an empty installation; returns how to log in as each demo person.

    Raises ``DemoRefused`` in production or when members or reports exist.
    """
    if settings.is_production:
        raise DemoRefused("refusing: this is a production installation (UGLYMUGS_ENV)")
    if (
        session.exec(select(func.count()).select_from(Member)).one()
        or session.exec(select(func.count()).select_from(Report)).one()
    ):
        raise DemoRefused("refusing: the database already has members or reports")
    password = f"demo-{random.token_urlsafe(9)}"
    logins = [
        DemoLogin("member", "Demo Anna", password, note="regions: Utrecht, Noord-Holland"),
        DemoLogin("member", "Demo Bea", password, note="region: whole country; Dutch"),
        DemoLogin("outreach", "Demo Outreach Dina", password),
        DemoLogin("applicant", "Demo Carla", password, note="waits for verification"),
        DemoLogin("moderator", "Demo Moderator Mo", password, pyotp.random_base32()),
        DemoLogin("admin", "Demo Admin Ada", password, pyotp.random_base32()),
    ]
    regions = {"Demo Anna": ["utrecht", "noord-holland"], "Demo Bea": ["whole-country"]}
    ids: dict[str, int] = {}
    for login in logins:
        member = create_account(
            session,
            working_name=login.working_name,
            password=password,
            role=login.role,
            language="nl" if login.working_name == "Demo Bea" else "en",
            regions=regions.get(login.working_name, ["utrecht"]),
            totp_secret=login.totp_secret,
            secrets=secrets,
            status="pending" if login.role == "applicant" else "active",
        )
        ids[login.working_name] = stored_id(member)
    for case in CASES:
        _file(session, secrets, settings, case, ids)
    return logins


def _file(
    session: Session, secrets: InstanceSecrets, settings: Settings, case: _Case, ids: dict[str, int]
) -> None:
    moderator = Actor(
        member_id=ids["Demo Moderator Mo"],
        role=Role.MODERATOR,
        working_name="Demo Moderator Mo",
        language="en",
    )
    report = submit_report(
        session,
        secrets=secrets,
        reporter_id=ids[case.reporter],
        submission=ReportSubmission(
            client_id=uuid.uuid4(),
            incident_date=date(*case.month, 14),
            part_of_day="night",
            region=case.region,
            place_kind="hotel",
            incident_types=case.incident_types,
            narrative=case.narrative,
            identifiers=case.identifiers,
            appearance=case.appearance,
        ),
    )
    # Keyword arguments shared by the four moderator actions below.
    who: dict[str, Any] = {"actor": moderator, "report_id": report.id}
    if case.outcome == "published":
        publish_warning(
            session,
            secrets=secrets,
            settings=settings,
            **who,
            draft=WarningDraft(summary=case.summary, severity=case.severity),
        )
    elif case.outcome == "conversation":
        threads.send_moderator_message(
            session, secrets=secrets, **who, body="Demo: can you tell us what he drank?"
        )
    elif case.outcome == "declined":
        moderation.decline_report(
            session, secrets=secrets, **who, reason="Demo: too little to warn others; thank you."
        )
    elif case.outcome == "closed":
        moderation.close_report(session, **who)
