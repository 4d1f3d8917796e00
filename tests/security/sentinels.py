"""Sentinel data: someone else's secrets, seeded so a leak is a string search.

Another member (the "victim") has an unpublished report with a narrative,
phone number, e-mail and handle, a moderator's message in its thread and an
internal note (for staff only: the victim herself must never get it either),
taken by a moderator; a declined report with a reason, and a published warning. When membership
someone objected to a listing (his reason is for moderators only).
exists she also has a password hash, a TOTP secret, an open session and
invite and recovery codes; another moderator has a recovery code, every
staff member her own TOTP secret, and the audit log an entry only admins
read. Each forging role gets the set of strings that must never reach its
browser:

- everyone: the secrets (session tokens, TOTP secrets, one-time codes and
  their hashes, blind indexes, password hashes, sealed values);
- anonymous visitors and applicants: also every report's words and
  identifiers, the published warning and every mask;
- members and outreach workers: also other people's reports (narratives,
  identifiers, threads, decline reasons) and the masks of unpublished
  identifiers, and admin-only data (the audit log);
- moderators: also admin-only data (the audit log); reports are theirs to read;
- admins: the secrets only.
"""

from __future__ import annotations

import re
import secrets as random
import string
import uuid
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import inspect, text
from sqlmodel import Session

from tests.actors import acting
from tests.security.catalogue import Targets
from uglymugs_app.services.database import get_engine
from uglymugs_app.services.identifiers import masking
from uglymugs_app.services.identifiers.normalisation import normalise
from uglymugs_app.services.reports import cases, moderation, threads
from uglymugs_app.services.reports.submission import (
    IdentifierInput,
    ReportSubmission,
    submit_report,
)
from uglymugs_app.services.security.instance_secrets import InstanceSecrets, ensure_secrets
from uglymugs_app.services.warnings.publishing import WarningDraft, publish_warning
from uglymugs_app.settings import get_settings

ROLES = ("anonymous", "applicant", "member")
# Moderators and admins sign in with two-factor, so the suite gives staff a
# session opened complete by the service (as a browser with a stored token
# presents it); outreach workers, who have no second factor, sign in the same way.
STAFF_ROLES = ("outreach", "moderator", "admin")
ALL_ROLES = ROLES + STAFF_ROLES
PASSWORD = "correct horse battery staple"
# Columns whose values are secrets wherever they appear (hashes, sealed
# values, blind indexes, tokens, codes); harvested from every table.
SECRET_COLUMN = re.compile(r"hash|token|secret|totp|sealed|blind_index|code|recovery")
# Columns named like secrets that hold public vocabulary: region codes (every
# page offers them) and the anonymous tallies' category codes.
PUBLIC_COLUMNS = {("region", "code"), ("region_contact", "region_code"), ("report_tally", "code")}


@dataclass
class Seeded:
    targets: Targets
    victim_name: str
    # role -> every string that must never appear in what that role receives
    forbidden: dict[str, set[str]] = field(default_factory=dict)
    # role -> (account id, working name) of the forging actor; not for anonymous
    actors: dict[str, tuple[int, str]] = field(default_factory=dict)
    # What only an admin may read (the audit log's sentinel)
    admin_only: set[str] = field(default_factory=set)
    # The moderator who took the victim's open report, and its internal note.
    moderator_id: int = 0
    internal_note: str = ""
    moderator_message: str = ""


def _mark(label: str) -> str:
    # Letters only: a run of six digits would be refused by the publishing
    # check (a number in a published text), and the seeding would fail.
    return f"SENTINEL-{label}-{''.join(random.choice(string.ascii_lowercase) for _ in range(12))}"


def _phone() -> tuple[str, set[str]]:
    """A random Dutch mobile number as typed, and every form it is stored or shown in."""
    # 06-4… is a valid Dutch mobile range that no other test uses: a mask shows
    # only three random digits here, so a number from a shared range (other
    # tests publish 06-1… warnings into the same served app) could share a
    # forbidden mask by chance and pass for a leak.
    digits = "64" + "".join(random.choice("0123456789") for _ in range(7))
    typed = f"0{digits[0]}-{digits[1:]}"
    e164 = normalise(kind="phone", raw=typed).value
    return typed, {typed, f"0{digits}", e164, digits}


def _report(
    session: Session,
    secrets: InstanceSecrets,
    reporter_id: int,
    plain: set[str],
    masked: set[str],
    **overrides,
):
    typed_phone, phone_forms = _phone()
    email = f"{_mark('mail').lower()}@example.nl"
    handle = f"sx{random.token_hex(5)}"
    narrative, area, marks = _mark("narrative"), _mark("area"), _mark("marks")
    client_id = uuid.uuid4()
    inputs = [
        IdentifierInput("phone", typed_phone),
        IdentifierInput("email", email),
        IdentifierInput("handle", handle, platform="telegram"),
    ]
    values = dict(
        client_id=client_id,
        incident_date=date(2025, 3, 14),
        part_of_day="night",
        region="utrecht",
        place_kind="hotel",
        incident_types=["physical_violence"],
        narrative=narrative,
        area=area,
        identifiers=inputs,
        appearance={"gender": "man", "marks": marks},
    )
    values.update(overrides)
    summary = submit_report(
        session, secrets=secrets, submission=ReportSubmission(**values), reporter_id=reporter_id
    )
    plain |= phone_forms | {email, handle, narrative, area, marks, str(client_id), client_id.hex}
    for item in inputs:
        identifier = normalise(kind=item.kind, raw=item.value, platform=item.platform)
        plain.add(identifier.value)
        masked.add(masking.mask(kind=identifier.kind.value, value=identifier.value))
    return summary


def _accounts(
    session: Session, secrets: InstanceSecrets, seeded: Seeded, hidden: set[str]
) -> tuple[int, int]:
    """The victim, a moderator and one actor per role; their secrets. Membership only."""
    import pyotp

    from uglymugs_app.services.members.accounts import create_account

    def account(role: str, name: str, **extra) -> int:
        return create_account(
            session, working_name=name, password=PASSWORD, role=role, secrets=secrets, **extra
        ).id

    def totp() -> str:
        hidden.add(secret := pyotp.random_base32())
        return secret

    victim = account("member", seeded.victim_name, totp_secret=totp())
    moderator = account("moderator", f"mod{random.token_hex(4)}", totp_secret=totp())
    for role, extra in (
        ("applicant", {"status": "pending"}),
        ("member", {"status": "active"}),
        ("outreach", {}),
        ("moderator", {"totp_secret": totp()}),
        ("admin", {"totp_secret": totp()}),
    ):
        name = f"{role[:4]}{random.token_hex(4)}"
        seeded.actors[role] = (account(role, name, **extra), name)
    _membership_secrets(session, victim, moderator, hidden)
    _notification_address(session, secrets, victim, hidden)
    return victim, moderator


def _notification_address(
    session: Session, secrets: InstanceSecrets, victim: int, hidden: set[str]
) -> None:
    """The victim's address for notifications by e-mail: nobody else's to see, staff
    included (stored as ``services.mail.addresses`` stores it)."""
    from uglymugs_app.models.push import Channel, PushSubscription
    from uglymugs_app.services.security import field_crypto

    local = _mark("notify-mail").lower()
    address = f"{local}@example.org"
    session.add(
        PushSubscription(
            member_id=victim,
            channel=Channel.EMAIL,
            endpoint_index=field_crypto.email_index(
                secrets=secrets, member_id=victim, address=address
            ),
            endpoint_sealed=field_crypto.encrypt(
                secrets=secrets, field=field_crypto.NOTIFY_EMAIL, plaintext=address
            ),
            p256dh_sealed="",
            auth_sealed="",
            regions=["utrecht"],
        )
    )
    session.commit()
    hidden |= {address, local}


def _audit_entry(session: Session, moderator: int) -> str:
    """An audit event only an admin may read; its detail is the sentinel."""
    from uglymugs_app.services.security import audit

    audit.record(
        session,
        actor_id=moderator,
        action="member.created",
        subject_type="member",
        subject_id=moderator,
        detail=(detail := _mark("audit")),
    )
    session.commit()
    return detail


def _membership_secrets(session: Session, victim: int, moderator: int, hidden: set[str]) -> None:
    """The victim's open session and unused codes."""
    from datetime import timedelta

    from uglymugs_app.services.security.instance_secrets import current_secrets
    from uglymugs_app.services.security.one_time_codes import issue_code
    from uglymugs_app.services.security.sessions import open_session

    secrets = current_secrets()
    hidden.add(open_session(session, member_id=victim))
    hidden.add(
        issue_code(
            session,
            secrets=secrets,
            purpose="invite",
            lifetime=timedelta(days=7),
            issued_by_id=moderator,
        )
    )
    hidden.add(
        issue_code(session, secrets=secrets, purpose="recovery", lifetime=None, member_id=moderator)
    )
    session.commit()


def _objection(session: Session, secrets: InstanceSecrets, settings) -> str:
    """Someone's objection to a listing: his words are for moderators only."""
    from uglymugs_app.services.warnings.objections import ObjectionInput, submit_objection

    reason = _mark("objection-reason")
    submit_objection(
        session,
        secrets=secrets,
        settings=settings,
        address=None,
        objection=ObjectionInput(kind="phone", identifier="06-87654321", reason=reason),
    )
    return reason


def harvest_secret_columns() -> set[str]:
    """Every stored hash, token, sealed value, code and blind index in the database."""
    found: set[str] = set()
    engine = get_engine()
    with engine.connect() as connection:
        for table in inspect(engine).get_table_names():
            for column in inspect(engine).get_columns(table):
                name = column["name"]
                if not SECRET_COLUMN.search(name) or (table, name) in PUBLIC_COLUMNS:
                    continue
                rows = connection.execute(text(f'SELECT "{name}" FROM "{table}"'))  # noqa: S608
                found |= {value for (value,) in rows if isinstance(value, str) and len(value) >= 8}
    return found


def seed() -> Seeded:
    """Seed the served app's database; call once the harness has migrated it."""
    settings = get_settings()
    secrets = ensure_secrets(settings.instance_dir, allow_generate=True)
    seeded = Seeded(targets=Targets(0, 0, 0), victim_name=f"victim{random.token_hex(5)}")
    plain: set[str] = {seeded.victim_name}  # reporter identity: nobody but staff
    hidden: set[str] = set()  # secrets: nobody, whatever her role
    hidden_masks: set[str] = set()  # masks of unpublished identifiers
    published: set[str] = set()  # for verified members only
    published_plain: set[str] = set()
    with Session(get_engine(), expire_on_commit=False) as session:
        victim, moderator_id = _accounts(session, secrets, seeded, hidden)
        admin_only = {_audit_entry(session, moderator_id)}
        moderator = acting(moderator_id)
        open_report = _report(session, secrets, victim, plain, hidden_masks, urgent=True)
        threads.send_moderator_message(
            session,
            secrets=secrets,
            actor=moderator,
            report_id=open_report.id,
            body=(note := _mark("moderator-message")),
        )
        cases.take_case(session, actor=moderator, report_id=open_report.id)
        cases.add_note(
            session,
            secrets=secrets,
            actor=moderator,
            report_id=open_report.id,
            body=(internal := _mark("internal-note")),
        )
        seeded.moderator_id, seeded.internal_note = moderator_id, internal
        seeded.moderator_message = note
        declined = _report(session, secrets, victim, plain, hidden_masks)
        moderation.decline_report(
            session,
            secrets=secrets,
            actor=moderator,
            report_id=declined.id,
            reason=(reason := _mark("decline-reason")),
        )
        plain |= {note, reason, internal, _objection(session, secrets, settings)}
        to_publish = _report(session, secrets, victim, published_plain, published)
        summary = f"Violent client in a hotel, took money. {_mark('warning')}"
        warning = publish_warning(
            session,
            secrets=secrets,
            settings=settings,
            actor=moderator,
            report_id=to_publish.id,
            draft=WarningDraft(summary=summary, severity="high"),
        )
        published.add(summary)
    plain |= published_plain  # the published report's own words stay hers
    hidden |= harvest_secret_columns()
    seeded.targets = Targets(member_id=victim, report_id=open_report.id, warning_id=warning.id)
    # A verified member sees the warning, with its masked identifiers. A mask
    # that equals one of the published warning's masks tells nothing more
    # (masks are lossy by design), so only the other masks are forbidden.
    verified = hidden | plain | (hidden_masks - published) | admin_only
    seeded.forbidden = {
        "anonymous": hidden | plain | hidden_masks | published | admin_only,
        "applicant": hidden | plain | hidden_masks | published | admin_only,
        "member": verified,
        "outreach": verified,
        "moderator": hidden | admin_only,
        "admin": set(hidden),
    }
    seeded.admin_only = admin_only
    return seeded
