"""Anonymised CSV for police, and the help contacts an admin edits."""

import csv
import io

import pytest
from sqlmodel import select

from tests.unit.police.helpers import NARRATIVE, consent, report_with_thread
from uglymugs_app.models import AuditEvent
from uglymugs_app.services.errors import InvalidInput, PermissionDenied
from uglymugs_app.services.police.intelligence_csv import anonymised_csv
from uglymugs_app.services.regions import help_contacts


def test_csv_holds_consented_reports_without_reporter_data(session, secrets, member, moderator):
    shared, _ = report_with_thread(
        session, secrets, member, moderator, share_with_police_anonymously=True
    )
    report_with_thread(session, secrets, member, moderator, region="limburg")
    withdrawn, _ = report_with_thread(
        session, secrets, member, moderator, region="zeeland", share_with_police_anonymously=True
    )
    consent(session, secrets, member, withdrawn, police_report=False, anonymous=False)
    text = anonymised_csv(session, secrets=secrets, actor=moderator)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["region"] for row in rows] == ["utrecht"]
    row = rows[0]
    assert row["incident_month"] == "2025-03"
    assert row["incident_types"] == "physical_violence;robbery"
    assert "phone:+31 6 12•• ••78" in row["identifiers"]
    for secret in (
        NARRATIVE,
        "Lombok",
        "snake tattoo",
        "+31612345678",
        "Roxy",
        "bad.client@example.nl",
        "johnny_b",
        "2025-03-14",
    ):
        assert secret not in text, secret
    assert not {"id", "report_id", "reporter", "created_at"} & set(rows[0])
    assert shared
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "police_export.csv")).one()
    assert event.actor_id == moderator.member_id
    with pytest.raises(PermissionDenied):
        anonymised_csv(session, secrets=secrets, actor=member)


def test_contacts_are_seeded_and_only_admins_edit_them(session, member, moderator, admin):
    contacts = {c.key: c for c in help_contacts.help_contacts(session)}
    assert contacts["emergency"].phone == "112"
    assert contacts["sexual_violence"].phone == "0800 0188"
    assert list(contacts) == ["emergency", "police", "sexual_violence", "organisation"]
    with pytest.raises(PermissionDenied):
        help_contacts.update_contact(
            session, actor=moderator, key="organisation", phone="030 123 4567", url="", note=""
        )
    with pytest.raises(InvalidInput):
        help_contacts.update_contact(
            session,
            actor=admin,
            key="organisation",
            phone="030",
            url="javascript:alert(1)",
            note="",
        )
    help_contacts.update_contact(
        session,
        actor=admin,
        key="organisation",
        phone="030 123 4567",
        url="https://example.org",
        note="Mo-Fr",
    )
    contacts = {c.key: c for c in help_contacts.help_contacts(session)}
    assert (contacts["organisation"].phone, contacts["organisation"].note) == (
        "030 123 4567",
        "Mo-Fr",
    )
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "help_contact.update")).one()
