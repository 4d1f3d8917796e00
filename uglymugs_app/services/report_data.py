"""Opening a report's sealed parts, shared by the reporter's and moderator's views."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from uglymugs_app.models import Report, ReportIdentifier
from uglymugs_app.services import field_crypto
from uglymugs_app.services.errors import InvalidInput
from uglymugs_app.services.identifiers import Identifier, IdentifierKind
from uglymugs_app.services.instance_secrets import InstanceSecrets
from uglymugs_app.services.masking import mask
from uglymugs_app.services.vocabulary import (
    APPEARANCE_CHOICES,
    APPEARANCE_LIST_FIELDS,
    APPEARANCE_TEXT_FIELDS,
    APPEARANCE_TEXT_MAX,
)


@dataclass(frozen=True)
class IdentifierView:
    """An identifier of a report, opened: for her and for the moderator only."""

    id: int
    kind: str
    value: str
    masked: str


def report_identifiers(session: Session, *, secrets: InstanceSecrets,
                       report_id: int) -> list[tuple[ReportIdentifier, Identifier]]:
    """The stored identifier rows of a report with their opened values."""
    rows = session.exec(select(ReportIdentifier).where(ReportIdentifier.report_id == report_id)
                        .order_by(col(ReportIdentifier.id)))
    return [(row, Identifier(IdentifierKind(row.kind), field_crypto.decrypt(
        secrets=secrets, field="report_identifier.value", token=row.value_sealed)))
        for row in rows]


def identifier_views(session: Session, *, secrets: InstanceSecrets,
                     report_id: int) -> list[IdentifierView]:
    """Opened identifiers with the mask a warning would show."""
    return [IdentifierView(id=row.id, kind=row.kind, value=ident.value,
                           masked=mask(kind=row.kind, value=ident.value))
            for row, ident in report_identifiers(session, secrets=secrets, report_id=report_id)]


def decline_reason(secrets: InstanceSecrets, report: Report) -> str:
    """The reason the moderator gave her for not publishing ('' if none)."""
    if not report.decline_reason_sealed:
        return ""
    return field_crypto.decrypt(secrets=secrets, field="report.decline_reason",
                                token=report.decline_reason_sealed)


def clean_appearance(raw: dict) -> dict:
    """Keep known appearance fields with valid codes; refuse anything else."""
    cleaned: dict = {}
    for name, value in raw.items():
        if value in (None, "", []):
            continue
        if name in APPEARANCE_CHOICES:
            if value not in APPEARANCE_CHOICES[name]:
                raise InvalidInput("report.appearance.invalid")
            cleaned[name] = value
        elif name in APPEARANCE_LIST_FIELDS:
            codes = [str(code).strip().lower() for code in value]
            if any(len(code) != 2 or not code.isalpha() for code in codes):
                raise InvalidInput("report.appearance.invalid")
            cleaned[name] = sorted(set(codes))
        elif name in APPEARANCE_TEXT_FIELDS:
            text = " ".join(str(value).split())
            if len(text) > APPEARANCE_TEXT_MAX:
                raise InvalidInput("report.appearance.invalid")
            cleaned[name] = text
        else:
            raise InvalidInput("report.appearance.invalid")
    return cleaned
