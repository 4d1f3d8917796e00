"""Anonymised intelligence for police: a CSV of reports whose reporters consented.

Incident data, coded appearance and masked identifiers only. Never a report
id, a date of reporting, the narrative, the area, her words or anything that
leads back to her; rows are in incident order, so the order reveals nothing.
"""

from __future__ import annotations

import json

from sqlmodel import Session, col, select

from uglymugs_app.models import Report
from uglymugs_app.models.common import stored_id
from uglymugs_app.services.actors import STAFF, Actor, require
from uglymugs_app.services.police.consent import consent_of
from uglymugs_app.services.police.csv_text import to_csv
from uglymugs_app.services.reports.content import identifier_views
from uglymugs_app.services.security import audit, field_crypto
from uglymugs_app.services.security.instance_secrets import InstanceSecrets
from uglymugs_app.vocabulary import DEFAULT_PUBLISHED_APPEARANCE

COLUMNS = (
    "incident_month",
    "part_of_day",
    "region",
    "place_kind",
    "incident_types",
    *DEFAULT_PUBLISHED_APPEARANCE,
    "identifiers",
)


def anonymised_rows(session: Session, *, secrets: InstanceSecrets) -> list[dict[str, str]]:
    """One row per report she allowed to share anonymously with police."""
    reports = session.exec(select(Report).order_by(col(Report.incident_date), col(Report.id)))
    rows = []
    for report in reports:
        if not consent_of(session, secrets=secrets, report=report).anonymous_sharing:
            continue
        appearance = field_crypto.decrypt_json(
            secrets=secrets, field="report.appearance", token=report.appearance_sealed
        )
        row = {
            "incident_month": report.incident_date.strftime("%Y-%m"),
            "part_of_day": report.part_of_day,
            "region": report.region,
            "place_kind": report.place_kind,
            "incident_types": ";".join(json.loads(report.incident_types)),
            "identifiers": ";".join(
                f"{view.kind}:{view.masked}"
                for view in identifier_views(session, secrets=secrets, report_id=stored_id(report))
                if view.masked
            ),
        }
        for name in DEFAULT_PUBLISHED_APPEARANCE:
            value = appearance.get(name, "")
            row[name] = ";".join(value) if isinstance(value, list) else str(value)
        rows.append(row)
    return rows


def anonymised_csv(session: Session, *, secrets: InstanceSecrets, actor: Actor) -> str:
    """The CSV for police; the export is audited with its row count."""
    require(actor, *STAFF)
    rows = anonymised_rows(session, secrets=secrets)
    audit.record(
        session,
        actor_id=actor.member_id,
        action="police_export.csv",
        subject_type="report",
        subject_id=None,
        after={"rows": len(rows)},
    )
    session.commit()
    return to_csv(COLUMNS, rows)
