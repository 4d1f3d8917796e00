"""Refuse published text that would identify her or publish what must stay hidden.

Everything a warning shows in words is vetted here: the moderator's summary
(at publication and in corrections) and the free-text appearance fields
(marks, accent, vehicle make) she typed into her report. On a busy night a
full phone number, her area, her own working name, an e-mail address spelled
out ("john dot doe at gmail") or her own sentence can slip in. The check is
deliberately simple and errs towards refusing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from sqlmodel import Session

from uglymugs_app.models import Member, Report
from uglymugs_app.services.errors import IdentifierError, InvalidInput, NotFound
from uglymugs_app.services.identifiers.kinds import Identifier, IdentifierKind
from uglymugs_app.services.identifiers.normalisation import normalise_email
from uglymugs_app.services.reports.content import report_identifiers
from uglymugs_app.services.reports.submission import reporter_member_id
from uglymugs_app.services.security import field_crypto
from uglymugs_app.services.security.instance_secrets import InstanceSecrets

MAX_SUMMARY = 1000
_VERBATIM_MIN = 30
_EMAIL_TOKEN = re.compile(r"[^\s@<>()\"',;:]+@[^\s@<>()\"',;:]+")
# Six digits in a row, whatever separates them: a phone number, a postcode
# with house number, an account number.
_DIGIT_RUN = re.compile(r"\d(?:[\s.\-/()]*\d){5,}")
# "@" and "." as people spell them out in the scheme's languages.
_AT = (
    r"(?:@|\bat\b|\(at\)|\[at\]|\bapenstaartje\b|\barroba\b|\bkukac\b|\bma[lł]pa\b|"
    r"\bchiocciola\b)"
)
_DOT = r"(?:\bdot\b|\(dot\)|\[dot\]|\bpunt\b|\bpunto\b|\bponto\b|\bpont\b|\bkropka\b|\bpunct\b)"
# Only names that are not also everyday words ("at home", "at me").
_MAIL_HOSTS = (
    r"(?:g\s*mail|googlemail|hotmail|outlook|msn|yahoo|icloud|aol|gmx|"
    r"proton\s*(?:mail)?|yandex|ziggo|kpnmail|telenet|skynet|interia|freemail|"
    r"citromail|abv|yopmail)"
)
_TLDS = r"(?:com|net|org|info|eu|nl|be|de|uk|ro|bg|hu|pl|es|pt|th|fr|it|ru|me|io|co)"
_EMAIL_LIKE = (
    re.compile(r"[\w.+-]+\s*@\s*[\w-]+"),
    re.compile(rf"{_AT}\s*{_MAIL_HOSTS}\b"),
    re.compile(rf"\w\s*{_AT}\s*[\w-]+(?:\s*{_DOT}\s*|\.){_TLDS}\b"),
    re.compile(rf"\w+\s*{_DOT}\s*\w+\s*{_AT}\s*\w+"),
)


@dataclass(frozen=True)
class Identifying:
    """What published text must never contain, gathered once per report."""

    identifiers: list[Identifier]
    narrative: str
    area: str = ""
    working_name: str = ""
    # Who reported it (to tell her it was published); None when filed on her behalf.
    reporter_id: int | None = None


def identifying_details(
    session: Session,
    *,
    secrets: InstanceSecrets,
    report_id: int,
    identifiers: list[Identifier] | None = None,
) -> Identifying:
    """His identifiers, her words, her area and her working name, opened for vetting.

    ``identifiers``: the report's identifiers when the caller has opened them
    already, so they are not decrypted again.
    """
    report = session.get(Report, report_id)
    if report is None:
        raise NotFound()
    if identifiers is None:
        identifiers = [
            ident for _, ident in report_identifiers(session, secrets=secrets, report_id=report_id)
        ]

    def opened(name: str, token: str) -> str:
        return (
            field_crypto.decrypt(secrets=secrets, field=f"report.{name}", token=token)
            if token
            else ""
        )

    reporter_id = reporter_member_id(secrets=secrets, report=report)
    reporter = session.get(Member, reporter_id) if reporter_id is not None else None
    return Identifying(
        identifiers=identifiers,
        narrative=opened("narrative", report.narrative_sealed),
        area=opened("area", report.area_sealed),
        working_name=reporter.working_name if reporter else "",
        reporter_id=reporter_id,
    )


def vet_summary(session: Session, *, secrets: InstanceSecrets, report_id: int, summary: str) -> str:
    """``check_summary`` against everything identifying in a stored report."""
    return check_summary(
        summary, details=identifying_details(session, secrets=secrets, report_id=report_id)
    )


def check_summary(summary: str, *, details: Identifying) -> str:
    """The cleaned summary, or ``InvalidInput`` if it is empty, too long or leaks."""
    text = " ".join(summary.split())
    if not text or len(text) > MAX_SUMMARY:
        raise InvalidInput("moderation.summary.invalid")
    check_published_text(text, details=details)
    story = " ".join(details.narrative.split()).casefold()
    if len(story) >= _VERBATIM_MIN and _shares_sentence(story, text.casefold()):
        raise InvalidInput("moderation.summary.verbatim")
    return text


def check_published_text(text: str, *, details: Identifying) -> None:
    """``InvalidInput`` naming the first thing in ``text`` that could identify
    him in full or her at all."""
    if any(_appears(identifier, text) for identifier in details.identifiers):
        raise InvalidInput("moderation.text.identifier")
    if _names(details.working_name, text):
        raise InvalidInput("moderation.text.working_name")
    if _names(details.area, text):
        raise InvalidInput("moderation.text.area")
    if _DIGIT_RUN.search(text):
        raise InvalidInput("moderation.text.digits")
    lowered = text.casefold()
    if any(pattern.search(lowered) for pattern in _EMAIL_LIKE):
        raise InvalidInput("moderation.text.email")


def _names(phrase: str, text: str) -> bool:
    """Whether ``text`` contains ``phrase`` as whole words, ignoring case and spacing."""
    words = (phrase or "").casefold().split()
    if not words or len("".join(words)) < 3:
        return False
    pattern = r"\s+".join(re.escape(word) for word in words)
    return re.search(rf"(?<!\w){pattern}(?!\w)", text.casefold()) is not None


def _appears(identifier: Identifier, text: str) -> bool:
    lowered = text.casefold()
    compact = re.sub(r"[^0-9a-z]", "", lowered)
    if identifier.kind is IdentifierKind.PHONE:
        national = phonenumbers.national_significant_number(
            phonenumbers.parse(identifier.value, None)
        )
        return national in re.sub(r"\D", "", text)
    if identifier.kind is IdentifierKind.EMAIL:
        # Gmail addresses are stored folded: "j.an+x@gmail.com" in the text is
        # the stored "jan@gmail.com" too. Spelled out, dots and "at" in words,
        # the address's letters remain.
        local = re.sub(r"[^0-9a-z]", "", identifier.value.partition("@")[0])
        unspelled = re.sub(r"[^0-9a-z]", "", re.sub(rf"{_DOT}|{_AT}", "", lowered))
        return (
            identifier.value in lowered
            or any(_same_email(token, identifier.value) for token in _EMAIL_TOKEN.findall(text))
            or (len(local) >= 4 and local in unspelled)
        )
    if identifier.kind is IdentifierKind.PLATE:
        return identifier.value.lower() in compact
    if identifier.kind is IdentifierKind.HANDLE:
        handle = identifier.value.partition(":")[2]
        return (
            len(handle) >= 3
            and re.search(rf"(?<![\w]){re.escape(handle)}(?![\w])", lowered) is not None
        )
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
    return any(" ".join(words[i : i + size]) in summary for i in range(len(words) - size + 1))
