"""Opening a report's sealed parts, shared by the reporter's and moderator's views."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlmodel import Session, col, select

from uglymugs_app.models import Report, ReportIdentifier
from uglymugs_app.models.common import stored_id
from uglymugs_app.services.errors import InvalidInput
from uglymugs_app.services.identifiers.kinds import Identifier, IdentifierKind
from uglymugs_app.services.identifiers.masking import mask
from uglymugs_app.services.security import field_crypto
from uglymugs_app.services.security.instance_secrets import InstanceSecrets
from uglymugs_app.vocabulary import (
    APPEARANCE_CHOICES,
    APPEARANCE_LIST_FIELDS,
    APPEARANCE_TEXT_FIELDS,
    APPEARANCE_TEXT_MAX,
)

# A stored identifier row with its opened value.
OpenedIdentifier = tuple[ReportIdentifier, Identifier]


@dataclass(frozen=True)
class IdentifierView:
    """An identifier of a report, opened: for her and for the moderator only."""

    id: int
    kind: str
    value: str
    masked: str


@dataclass(frozen=True)
class ReportContent:
    """What she told in a report, opened.

    Only her own words and choices: who may see it is the caller's check
    (her own report, a moderator, or the police report she consented to).
    """

    part_of_day: str
    place_kind: str
    incident_types: list[str]
    area: str
    narrative: str
    appearance: dict
    wishes: dict
    identifiers: list[IdentifierView]


def report_content(session: Session, *, secrets: InstanceSecrets, report: Report) -> ReportContent:
    """Open a stored report's sealed fields and identifiers; checks no permission."""

    def opened(name: str, token: str) -> str:
        return field_crypto.decrypt(secrets=secrets, field=name, token=token) if token else ""

    def opened_dict(name: str, token: str) -> dict:
        # The column defaults to "": the police PDF, which never read wishes
        # before, must not fail on such a row.
        return field_crypto.decrypt_json(secrets=secrets, field=name, token=token) if token else {}

    return ReportContent(
        part_of_day=report.part_of_day,
        place_kind=report.place_kind,
        incident_types=json.loads(report.incident_types),
        area=opened("report.area", report.area_sealed),
        narrative=opened("report.narrative", report.narrative_sealed),
        appearance=opened_dict("report.appearance", report.appearance_sealed),
        wishes=opened_dict("report.wishes", report.wishes_sealed),
        identifiers=identifier_views(session, secrets=secrets, report_id=stored_id(report)),
    )


def report_identifiers(
    session: Session, *, secrets: InstanceSecrets, report_id: int
) -> list[OpenedIdentifier]:
    """The stored identifier rows of a report with their opened values."""
    rows = session.exec(
        select(ReportIdentifier)
        .where(ReportIdentifier.report_id == report_id)
        .order_by(col(ReportIdentifier.id))
    )
    return [
        (
            row,
            Identifier(
                IdentifierKind(row.kind),
                field_crypto.decrypt(
                    secrets=secrets, field="report_identifier.value", token=row.value_sealed
                ),
            ),
        )
        for row in rows
    ]


def identifier_views(
    session: Session, *, secrets: InstanceSecrets, report_id: int
) -> list[IdentifierView]:
    """Opened identifiers with the mask a warning would show."""
    return [
        IdentifierView(
            id=stored_id(row),
            kind=row.kind,
            value=ident.value,
            masked=mask(kind=row.kind, value=ident.value),
        )
        for row, ident in report_identifiers(session, secrets=secrets, report_id=report_id)
    ]


def decline_reason(secrets: InstanceSecrets, report: Report) -> str:
    """The reason the moderator gave her for not publishing ('' if none)."""
    if not report.decline_reason_sealed:
        return ""
    return field_crypto.decrypt(
        secrets=secrets, field="report.decline_reason", token=report.decline_reason_sealed
    )


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
