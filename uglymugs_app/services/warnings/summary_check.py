"""Refuse a warning summary that would publish what must stay hidden.

The moderator writes the summary by hand; on a busy night a full phone number
or the reporter's own sentence can slip in. The check is deliberately simple
and errs towards refusing.
"""

from __future__ import annotations

import re

import phonenumbers
from sqlmodel import Session

from uglymugs_app.models import Report
from uglymugs_app.services.errors import IdentifierError, InvalidInput, NotFound
from uglymugs_app.services.identifiers.kinds import Identifier, IdentifierKind
from uglymugs_app.services.identifiers.normalisation import normalise_email
from uglymugs_app.services.reports.content import report_identifiers
from uglymugs_app.services.security import field_crypto
from uglymugs_app.services.security.instance_secrets import InstanceSecrets

MAX_SUMMARY = 1000
_VERBATIM_MIN = 30
_EMAIL_TOKEN = re.compile(r"[^\s@<>()\"',;:]+@[^\s@<>()\"',;:]+")


def vet_summary(session: Session, *, secrets: InstanceSecrets, report_id: int,
                summary: str) -> str:
    """``check_summary`` against the identifiers and narrative of a stored report."""
    report = session.get(Report, report_id)
    if report is None:
        raise NotFound()
    identifiers = [ident for _, ident in
                   report_identifiers(session, secrets=secrets, report_id=report_id)]
    narrative = field_crypto.decrypt(secrets=secrets, field="report.narrative",
                                     token=report.narrative_sealed)
    return check_summary(summary, identifiers=identifiers, narrative=narrative)


def check_summary(summary: str, *, identifiers: list[Identifier], narrative: str) -> str:
    """The cleaned summary, or ``InvalidInput`` if it is empty, too long or leaks."""
    text = " ".join(summary.split())
    if not text or len(text) > MAX_SUMMARY:
        raise InvalidInput("moderation.summary.invalid")
    if any(_appears(identifier, text) for identifier in identifiers):
        raise InvalidInput("moderation.summary.identifier")
    story = " ".join(narrative.split()).casefold()
    if len(story) >= _VERBATIM_MIN and _shares_sentence(story, text.casefold()):
        raise InvalidInput("moderation.summary.verbatim")
    return text


def _appears(identifier: Identifier, text: str) -> bool:
    lowered = text.casefold()
    compact = re.sub(r"[^0-9a-z]", "", lowered)
    if identifier.kind is IdentifierKind.PHONE:
        national = phonenumbers.national_significant_number(
            phonenumbers.parse(identifier.value, None))
        return national in re.sub(r"\D", "", text)
    if identifier.kind is IdentifierKind.EMAIL:
        # Gmail addresses are stored folded: "j.an+x@gmail.com" in the text is
        # the stored "jan@gmail.com" too.
        return identifier.value in lowered or any(
            _same_email(token, identifier.value) for token in _EMAIL_TOKEN.findall(text))
    if identifier.kind is IdentifierKind.PLATE:
        return identifier.value.lower() in compact
    if identifier.kind is IdentifierKind.HANDLE:
        handle = identifier.value.partition(":")[2]
        return len(handle) >= 3 and re.search(rf"(?<![\w]){re.escape(handle)}(?![\w])",
                                              lowered) is not None
    return re.search(rf"\b{re.escape(identifier.value)}\b", lowered) is not None


def _same_email(token: str, stored: str) -> bool:
    try:
        return normalise_email(token.rstrip(".,;:!?")) == stored
    except IdentifierError:
        return False


def _shares_sentence(story: str, summary: str) -> bool:
    """True when a run of eight or more of her words appears in the summary."""
    words = story.split()
    size = 8
    if len(words) < size:
        return story in summary
    return any(" ".join(words[i:i + size]) in summary for i in range(len(words) - size + 1))
