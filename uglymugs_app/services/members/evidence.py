"""What an applicant offers as proof, as keyed hashes: duplicates and search.

The ad link itself is sealed (``accounts.seal_ad_link``) and deleted with the
decision. Beside it the account keeps a keyed hash of the link (or of the
invite or vouch code she used), so the same ad or code on another account is
flagged to the moderator, a rejected applicant included when she comes back
under a new name; and, while the application is open, a keyed hash of the
ad site, so a moderator can find "everyone from this site" without the
database holding a single link in the clear.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlmodel import Session, col, select

from uglymugs_app.models import Member
from uglymugs_app.services.security import field_crypto
from uglymugs_app.services.security.instance_secrets import InstanceSecrets
from uglymugs_app.services.security.one_time_codes import normalise_code

_EVIDENCE = "applicant evidence"
_SITE = "applicant ad site"
DUPLICATES_SHOWN = 5


@dataclass(frozen=True)
class Duplicate:
    """Another account that offered the same ad link or code."""

    working_name: str
    status: str


def site_of(text: str) -> str:
    """The ad site of a link or of what a moderator typed: ``kinky.example``."""
    text = (text or "").strip().lower()
    if "://" not in text:
        text = "//" + text
    try:
        host = urlsplit(text).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.").rstrip(".")


def _link_form(link: str) -> str:
    # One ad, however it is written: scheme, "www.", case, a trailing slash
    # and the fragment do not make it another ad.
    parts = urlsplit(link.strip())
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{site_of(link)}{path}{query}".lower()


def link_key(secrets: InstanceSecrets, link: str) -> str:
    return field_crypto.purpose_index(
        secrets=secrets, purpose=_EVIDENCE, value=f"link:{_link_form(link)}"
    )


def code_key(secrets: InstanceSecrets, code: str) -> str:
    return field_crypto.purpose_index(
        secrets=secrets, purpose=_EVIDENCE, value=f"code:{normalise_code(code)}"
    )


def site_key(secrets: InstanceSecrets, site: str) -> str:
    return field_crypto.purpose_index(secrets=secrets, purpose=_SITE, value=site)


def mark_link(secrets: InstanceSecrets, member: Member, link: str) -> None:
    """Her (new) ad link's keys on her account; the link is sealed by the caller."""
    member.evidence_key = link_key(secrets, link)
    site = site_of(link)
    member.evidence_site_key = site_key(secrets, site) if site else ""


def mark_code(secrets: InstanceSecrets, member: Member, code: str) -> None:
    member.evidence_key = code_key(secrets, code)
    member.evidence_site_key = ""


def duplicates_of(session: Session, members: list[Member]) -> dict[int, list[Duplicate]]:
    """For each member, the other accounts with the same evidence key (one query)."""
    keys = {m.evidence_key for m in members if m.evidence_key}
    if not keys:
        return {}
    rows = session.exec(
        select(Member.id, Member.evidence_key, Member.working_name, Member.status)
        .where(col(Member.evidence_key).in_(keys))
        .order_by(col(Member.id))
    )
    by_key: dict[str, list[tuple[int, Duplicate]]] = defaultdict(list)
    for member_id, key, name, status in rows:
        by_key[key].append((member_id or 0, Duplicate(name, status)))
    found: dict[int, list[Duplicate]] = {}
    for member in members:
        others = [d for other_id, d in by_key.get(member.evidence_key, []) if other_id != member.id]
        if others:
            found[member.id or 0] = others[:DUPLICATES_SHOWN]
    return found
