"""Accounts: registration, direct creation, preferences, own data, deletion.

A member is a working name (never a legal name), a password and her choices.
No e-mail or phone number is asked for.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from secrets import token_hex

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from uglymugs_app.i18n import LANGUAGES
from uglymugs_app.models import CodePurpose, Member, MemberSession, MemberStatus, Report, Role
from uglymugs_app.models.common import utcnow
from uglymugs_app.services.actors import Actor
from uglymugs_app.services.errors import InvalidInput, PermissionDenied, ServiceError
from uglymugs_app.services.identifiers.countries import (
    CLIENT_COUNTRIES,
    default_country,
    member_country,
)
from uglymugs_app.services.members import evidence as evidence_keys
from uglymugs_app.services.push.subscriptions import delete_member_devices
from uglymugs_app.services.regions import directory
from uglymugs_app.services.security import audit, field_crypto, throttle
from uglymugs_app.services.security.instance_secrets import InstanceSecrets
from uglymugs_app.services.security.one_time_codes import find_code, redeem_code
from uglymugs_app.services.security.passwords import (
    check_password_rules,
    hash_password,
    verify_password,
)
from uglymugs_app.services.security.sessions import close_all_sessions, close_other_sessions
from uglymugs_app.settings import Settings
from uglymugs_app.vocabulary import MEMBER_GENDERS, WORK_KINDS

NAME_PATTERN = re.compile(r"^[\w][\w .'-]{1,39}$")
EVIDENCE_FIELD = "member.evidence"
EVIDENCE_KINDS = ("ad_link", "invite", "vouch")
USED_CODE = "used"  # _checked_evidence: a code already used by another account


@dataclass(frozen=True)
class Profile:
    """Her choices: language, regions, the optional alert filters and the country
    of her clients' national numbers (``""``: the one of her language)."""

    language: str
    regions: list[str]
    gender: str = ""
    work_kinds: list[str] = field(default_factory=list)
    phone_country: str = ""


def name_key(working_name: str) -> str:
    return " ".join((working_name or "").split()).casefold()


def find_member(session: Session, working_name: str) -> Member | None:
    return session.exec(select(Member).where(Member.name_key == name_key(working_name))).first()


def register_applicant(
    session: Session,
    *,
    secrets: InstanceSecrets,
    settings: Settings,
    working_name: str,
    password: str,
    language: str,
    regions: list[str],
    gender: str = "",
    work_kinds: list[str] | None = None,
    evidence_kind: str = "ad_link",
    evidence: str = "",
    address: str | None = None,
) -> Member:
    """A new applicant; an outreach invite code verifies her at once.

    Raises ``InvalidInput`` with the key of the first problem found, and
    ``LoginThrottled`` after many applications from one ``address``. Whether
    a name is free is answered last, only to a complete application, counted
    per address, and in words that do not say the name exists: a client must
    not learn from this form that "Roxy" is a member.
    """
    name = _valid_name(working_name)
    check_password_rules(password)
    profile = checked_profile(
        Profile(language, list(regions or []), gender or "", list(work_kinds or [])),
        choices=directory.current(session).member_choices,
    )
    member = Member(
        working_name=name,
        name_key=name_key(name),
        password_hash=hash_password(password),
        role=Role.APPLICANT,
        status=MemberStatus.PENDING,
        evidence_kind=evidence_kind,
    )
    _apply_profile(member, profile)
    code_purpose = _checked_evidence(session, secrets, settings, member, evidence_kind, evidence)
    throttle.begin_attempt(
        session,
        settings=settings,
        keys=throttle.registration_keys(session_key=secrets.session_key, address=address),
    )
    _ensure_free(session, name)
    _insert(session, member)
    if code_purpose == USED_CODE:
        # A code another account already used: never a verification, but an
        # application the moderator sees flagged (a shared or passed-on code).
        evidence_keys.mark_code(secrets, member, evidence)
    elif code_purpose is not None:
        evidence_keys.mark_code(secrets, member, evidence)
        code = redeem_code(
            session, secrets=secrets, purpose=code_purpose, code=evidence, used_by_id=member.id
        )
        if code_purpose == CodePurpose.INVITE:
            # An outreach worker met her: the invite is the verification.
            member.role, member.status = Role.MEMBER, MemberStatus.ACTIVE
            member.decided_at, member.decided_by_id = member.applied_at, code.issued_by_id
            member.decision_seconds = 0
        else:
            member.vouched_by_id = code.issued_by_id
        session.add(member)
    audit.record(
        session,
        actor_id=member.id,
        action="member.applied",
        subject_type="member",
        subject_id=member.id,
        after={"evidence": evidence_kind, "status": member.status},
    )
    session.commit()
    return member


def create_account(
    session: Session,
    *,
    working_name: str,
    password: str,
    role: str,
    language: str = "en",
    regions: list[str] | None = None,
    totp_secret: str | None = None,
    secrets: InstanceSecrets | None = None,
    status: str = MemberStatus.ACTIVE,
    actor_id: int | None = None,
) -> Member:
    """Make an account directly (admins, tests, seed data); ``totp_secret`` enrols 2FA."""
    if role not in {r.value for r in Role}:
        raise InvalidInput("account.role.invalid")
    name = _checked_name(session, working_name)
    check_password_rules(password)
    member = Member(
        working_name=name,
        name_key=name_key(name),
        role=role,
        status=status,
        password_hash=hash_password(password),
        language=language,
        regions=json.dumps(regions or []),
        decided_at=utcnow(),
        decision_seconds=0,
    )
    if totp_secret:
        if secrets is None:
            raise ValueError("sealing a TOTP secret needs the instance secrets")
        member.totp_sealed = field_crypto.encrypt(
            secrets=secrets, field="member.totp", plaintext=totp_secret
        )
        member.totp_enabled = True
    _insert(session, member)
    audit.record(
        session,
        actor_id=actor_id,
        action="member.created",
        subject_type="member",
        subject_id=member.id,
        after={"role": role},
    )
    session.commit()
    return member


def profile_of(member: Member) -> Profile:
    """Her choices as she sees them: the country is the one in effect."""
    return Profile(
        member.language,
        json.loads(member.regions),
        member.gender,
        json.loads(member.work_kinds),
        phone_country_of(member),
    )


def phone_country_of(member: Member) -> str:
    """Where a national number she types is read first (see identifiers.countries)."""
    return member_country(chosen=member.phone_country, language=member.language)


def my_phone_country(session: Session, *, actor: Actor) -> str:
    """Her country for reading national numbers, for the check and her reports."""
    member = session.get(Member, actor.member_id)
    return phone_country_of(member) if member is not None else default_country("")


def my_profile(session: Session, *, actor: Actor) -> Profile:
    return profile_of(_own(session, actor))


def checked_profile(profile: Profile, *, choices: Sequence[str]) -> Profile:
    """Her choices, checked; ``choices`` are the regions offered to members now."""
    if profile.language not in LANGUAGES:
        raise InvalidInput("account.language.invalid")
    if not profile.regions or any(r not in choices for r in profile.regions):
        raise InvalidInput("account.regions.invalid")
    if profile.gender and profile.gender not in MEMBER_GENDERS:
        raise InvalidInput("account.gender.invalid")
    if any(kind not in WORK_KINDS for kind in profile.work_kinds):
        raise InvalidInput("account.work.invalid")
    if profile.phone_country and profile.phone_country not in CLIENT_COUNTRIES:
        raise InvalidInput("account.country.invalid")
    regions = [r for r in choices if r in profile.regions]
    kinds = [k for k in WORK_KINDS if k in profile.work_kinds]
    return Profile(profile.language, regions, profile.gender, kinds, profile.phone_country)


def update_preferences(session: Session, *, actor: Actor, profile: Profile) -> Member:
    """Change her language, regions and alert filters."""
    member = _own(session, actor)
    _apply_profile(
        member, checked_profile(profile, choices=directory.current(session).member_choices)
    )
    session.add(member)
    session.commit()
    return member


def change_password(
    session: Session,
    *,
    actor: Actor,
    current: str,
    new: str,
    keep_token: str | None = None,
    keep_reference: str | None = None,
) -> None:
    """Change her password after checking the current one; other devices log out.

    The session kept is given by its token or its reference (``sessions.reference_of``).
    """
    member = _own(session, actor)
    if not verify_password(current, member.password_hash)[0]:
        raise InvalidInput("account.password.wrong")
    check_password_rules(new)
    member.password_hash = hash_password(new)
    session.add(member)
    session.commit()
    close_other_sessions(
        session, member_id=actor.member_id, keep_token=keep_token, keep_reference=keep_reference
    )


def export_my_data(session: Session, *, secrets: InstanceSecrets, actor: Actor) -> dict:
    """Everything stored about her, as plain data (no hashes, no secrets)."""
    member = _own(session, actor)
    devices = session.exec(select(MemberSession).where(MemberSession.member_id == member.id))
    ref = field_crypto.member_ref(secrets=secrets, member_id=actor.member_id)
    reports = session.exec(select(Report).where(Report.reporter_ref == ref))
    return {
        "working_name": member.working_name,
        "role": member.role,
        "status": member.status,
        "language": member.language,
        "regions": json.loads(member.regions),
        "gender": member.gender,
        "work_kinds": json.loads(member.work_kinds),
        "phone_country": phone_country_of(member),
        "applied_at": member.applied_at.isoformat(),
        "verified_at": member.decided_at.isoformat() if member.decided_at else None,
        "two_factor": member.totp_enabled,
        "devices": [
            {"signed_in_at": d.created_at.isoformat(), "last_seen_at": d.last_seen_at.isoformat()}
            for d in devices
        ],
        "reports": [
            {
                "id": r.id,
                "status": r.status,
                "region": r.region,
                "created_at": r.created_at.isoformat(),
            }
            for r in reports
        ],
    }


def delete_my_account(
    session: Session, *, secrets: InstanceSecrets, actor: Actor, password: str
) -> None:
    """Delete her account. Her reports stay, no longer linked to her, so published
    warnings keep protecting others and nobody can trace them back to her."""
    member = _own(session, actor)
    if not verify_password(password, member.password_hash)[0]:
        raise InvalidInput("account.password.wrong")
    if member.role == Role.ADMIN:
        raise PermissionDenied("account.delete.admin")
    # Her reports get one random pseudonym that nothing can link back to her,
    # so together they still count as one independent reporter (an outreach
    # worker's on-behalf reports likewise) for repeat offenders.
    ref = field_crypto.member_ref(secrets=secrets, member_id=actor.member_id)
    pseudonym = token_hex(32)
    session.exec(
        update(Report)
        .where(col(Report.reporter_ref) == ref)
        .values(reporter_ref=pseudonym, reporter_sealed="")
    )
    session.exec(
        update(Report).where(col(Report.submitter_ref) == ref).values(submitter_ref=pseudonym)
    )
    close_all_sessions(session, member_id=actor.member_id)
    delete_member_devices(session, member_id=actor.member_id)
    audit.record(
        session, actor_id=None, action="member.deleted", subject_type="member", subject_id=member.id
    )
    session.delete(member)
    session.commit()


def _own(session: Session, actor: Actor) -> Member:
    member = session.get(Member, actor.member_id)
    if member is None:
        raise PermissionDenied()
    return member


def _checked_name(session: Session, working_name: str) -> str:
    name = _valid_name(working_name)
    _ensure_free(session, name)
    return name


def _valid_name(working_name: str) -> str:
    name = " ".join((working_name or "").split())
    if not NAME_PATTERN.match(name):
        raise InvalidInput("account.name.invalid")
    return name


def _ensure_free(session: Session, name: str) -> None:
    # Neutral words: "taken" would tell anyone that she is a member.
    if find_member(session, name) is not None:
        raise InvalidInput("account.name.unavailable")


def _apply_profile(member: Member, profile: Profile) -> None:
    member.language = profile.language
    member.regions = json.dumps(profile.regions)
    member.gender = profile.gender
    member.work_kinds = json.dumps(profile.work_kinds)
    member.phone_country = profile.phone_country


def _checked_evidence(
    session: Session,
    secrets: InstanceSecrets,
    settings: Settings,
    member: Member,
    kind: str,
    evidence: str,
) -> str | None:
    """Seal an ad link, or check a code; returns the code purpose to redeem."""
    if kind == "ad_link":
        seal_ad_link(secrets, member, evidence)
        return None
    if kind == "vouch" and not settings.vouching_enabled:
        raise InvalidInput("verification.vouch.disabled")
    if kind not in EVIDENCE_KINDS:
        raise InvalidInput("verification.evidence.invalid")
    purpose = CodePurpose.INVITE if kind == "invite" else CodePurpose.VOUCH
    return purpose if usable_code(session, secrets, purpose, evidence) else USED_CODE


def usable_code(session: Session, secrets: InstanceSecrets, purpose: str, code: str) -> bool:
    """True for a code she may redeem, False for one another account used;
    ``InvalidInput`` for a wrong or expired one."""
    try:
        find_code(session, secrets=secrets, purpose=purpose, code=code)
    except ServiceError as error:
        if error.key == "code.used":
            return False
        raise
    return True


def seal_ad_link(secrets: InstanceSecrets, member: Member, link: str) -> None:
    link = (link or "").strip()
    if not re.match(r"^https?://[^\s/]+\.[^\s/]+\S*$", link) or len(link) > 500:
        raise InvalidInput("verification.link.invalid")
    member.evidence_kind = "ad_link"
    member.evidence_sealed = field_crypto.encrypt(
        secrets=secrets, field=EVIDENCE_FIELD, plaintext=link
    )
    evidence_keys.mark_link(secrets, member, link)


def _insert(session: Session, member: Member) -> None:
    session.add(member)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise InvalidInput("account.name.unavailable") from None
