import json
from datetime import timedelta

import pytest
from sqlmodel import select

from tests.actors import acting
from tests.fixtures.installation import make_secrets
from tests.fixtures.reports import MODERATOR, publish, report
from uglymugs_app.models import AuditEvent, Report, WarningIdentifier
from uglymugs_app.models.common import utcnow
from uglymugs_app.services.errors import InvalidInput, NotFound, PermissionDenied
from uglymugs_app.services.reports import moderation
from uglymugs_app.services.reports.submission import IdentifierInput
from uglymugs_app.services.warnings.lifecycle import (
    WarningCorrection,
    correct_warning,
    expire_warnings,
    get_warning,
    list_feed,
    retract_warning,
)


def only_phone(raw):
    return [IdentifierInput("phone", raw)]


def test_repeat_offender_needs_two_independent_reporters(session, secrets, settings):
    first = report(session, secrets, reporter_id=1, identifiers=only_phone("06-12345678"))
    warning = publish(session, secrets, settings, first.id)
    assert warning.reported_count == 1 and not warning.repeat

    # The same member reporting him again is not independent.
    again = report(session, secrets, reporter_id=1, identifiers=only_phone("+31612345678"))
    assert not session.get(Report, again.id).repeat
    assert get_warning(session, warning_id=warning.id).reported_count == 1

    other = report(session, secrets, reporter_id=2, identifiers=only_phone("0031 6 12345678"))
    assert session.get(Report, other.id).repeat
    assert session.get(Report, first.id).repeat
    updated = get_warning(session, warning_id=warning.id)
    assert updated.reported_count == 2 and updated.repeat

    detail = moderation.report_detail(session, secrets=secrets, actor=MODERATOR, report_id=other.id)
    assert [(link.report_id, link.kinds, link.warning_id) for link in detail.linked] == [
        (first.id, ["phone"], warning.id),
        (again.id, ["phone"], None),
    ]


def test_names_alone_do_not_link(session, secrets):
    named = [IdentifierInput("name", "Jan")]
    report(session, secrets, reporter_id=1, identifiers=named)
    second = report(session, secrets, reporter_id=2, identifiers=named)
    assert not session.get(Report, second.id).repeat


def test_links_survive_an_index_key_rotation(session, secrets):
    first = report(session, secrets, reporter_id=1, identifiers=only_phone("06-12345678"))
    rotated = make_secrets(
        index_keys={**secrets.index_keys, "2": b"n" * 32},
        index_key_id="2",
        field_key=secrets.field_key,
    )
    second = report(session, rotated, reporter_id=2, identifiers=only_phone("06-12345678"))
    assert session.get(Report, second.id).repeat and session.get(Report, first.id).repeat


def test_feed_newest_first_with_region_filter(session, secrets, settings):
    now = utcnow()
    utrecht = publish(
        session, secrets, settings, report(session, secrets).id, now=now - timedelta(days=2)
    )
    limburg = publish(
        session,
        secrets,
        settings,
        report(session, secrets, region="limburg").id,
        now=now - timedelta(days=1),
    )
    assert [w.id for w in list_feed(session, regions=None)] == [limburg.id, utrecht.id]
    assert [w.id for w in list_feed(session, regions=["utrecht"])] == [utrecht.id]
    assert [w.id for w in list_feed(session, regions=["limburg", "utrecht"])] == [
        limburg.id,
        utrecht.id,
    ]
    assert list_feed(session, regions=["zeeland"]) == []


def test_expired_warnings_vanish_and_lose_their_indexes(session, secrets, settings):
    long_ago = utcnow() - timedelta(days=settings.warning_lifetime_days + 1)
    old = publish(session, secrets, settings, report(session, secrets).id, now=long_ago)
    fresh = publish(session, secrets, settings, report(session, secrets).id)
    assert [w.id for w in list_feed(session, regions=None)] == [fresh.id]
    with pytest.raises(NotFound):
        get_warning(session, warning_id=old.id)
    assert expire_warnings(session) == 1
    assert (
        session.exec(select(WarningIdentifier).where(WarningIdentifier.warning_id == old.id)).all()
        == []
    )
    assert expire_warnings(session) == 0


def test_lifetime_comes_from_settings(session, secrets, settings):
    settings.warning_lifetime_days = 10
    warning = publish(session, secrets, settings, report(session, secrets).id)
    assert (
        get_warning(session, warning_id=warning.id, now=utcnow() + timedelta(days=9)).id
        == warning.id
    )
    with pytest.raises(NotFound):
        get_warning(session, warning_id=warning.id, now=utcnow() + timedelta(days=11))


def test_retraction_with_reason_hides_and_audits(session, secrets, settings):
    warning = publish(session, secrets, settings, report(session, secrets).id)
    with pytest.raises(InvalidInput):
        retract_warning(session, actor=MODERATOR, warning_id=warning.id, reason=" ")
    with pytest.raises(PermissionDenied):
        retract_warning(session, actor=acting(7, "member"), warning_id=warning.id, reason="mine")
    retract_warning(
        session,
        actor=MODERATOR,
        warning_id=warning.id,
        reason="Objection by the reported person upheld",
    )
    assert list_feed(session, regions=None) == []
    assert session.exec(select(WarningIdentifier)).all() == []
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "warning.retract")).one()
    assert event.detail == "Objection by the reported person upheld"
    assert json.loads(event.before)["status"] == "active"
    assert json.loads(event.after)["status"] == "retracted"
    with pytest.raises(NotFound):
        retract_warning(session, actor=MODERATOR, warning_id=warning.id, reason="again")


def test_correction_bumps_version_and_audits_before_after(session, secrets, settings):
    warning = publish(session, secrets, settings, report(session, secrets).id)
    phone_row = next(row for row in session.exec(select(WarningIdentifier)) if row.kind == "phone")
    corrected = correct_warning(
        session,
        secrets=secrets,
        actor=MODERATOR,
        warning_id=warning.id,
        reason="Phone number was not his",
        correction=WarningCorrection(
            severity="medium",
            summary="Aggressive when refused.",
            remove_identifier_ids=[phone_row.id],
        ),
    )
    assert corrected.version == 2 and corrected.severity == "medium"
    assert "phone" not in [i.kind for i in corrected.identifiers]
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "warning.correct")).one()
    assert json.loads(event.before)["severity"] == "high"
    assert json.loads(event.after)["severity"] == "medium"
    assert "phone" in json.loads(event.before)["identifier_kinds"]
    assert "phone" not in json.loads(event.after)["identifier_kinds"]
    with pytest.raises(InvalidInput):
        correct_warning(
            session,
            secrets=secrets,
            actor=MODERATOR,
            warning_id=warning.id,
            reason="typo",
            correction=WarningCorrection(summary="Plate 12ABC3"),
        )
