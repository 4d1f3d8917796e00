"""Objections: received alike whether listed or not; handled by moderators."""

import pytest
from sqlmodel import select

from tests.actors import acting
from tests.fixtures.reports import MODERATOR, publish, report
from tests.fixtures.server_lookup import check_identifier
from uglymugs_app.models import AuditEvent, Objection, Role, Warning, WarningIdentifier
from uglymugs_app.models.common import as_utc, utcnow
from uglymugs_app.services.errors import IdentifierError, InvalidInput, NotFound, PermissionDenied
from uglymugs_app.services.security.throttle import LoginThrottled
from uglymugs_app.services.warnings import objections
from uglymugs_app.services.warnings.objections import ObjectionInput

ADDRESS = "203.0.113.9"
REASON = "This has been my work phone since May; I never met anyone from this site."


def _object(session, secrets, settings, raw="06-12345678", *, address=ADDRESS, **fields):
    values = dict(kind="phone", identifier=raw, reason=REASON)
    values.update(fields)
    objections.submit_objection(
        session,
        secrets=secrets,
        settings=settings,
        address=address,
        objection=ObjectionInput(**values),
    )


def _listed_phone(session, secrets, settings):
    return publish(session, secrets, settings, report(session, secrets).id)


def _queue(session, secrets, **kw):
    return objections.objection_queue(session, secrets=secrets, actor=MODERATOR, **kw)


def test_receiving_one_does_the_same_work_whether_listed_or_not(session, secrets, settings):
    from sqlalchemy import event

    _listed_phone(session, secrets, settings)
    statements: list[list[str]] = []
    for raw in ("06-12345678", "06-87654321"):  # listed, not listed
        seen: list[str] = []
        connection = session.connection()

        def note(_conn, _cursor, statement, *_args, seen=seen):
            seen.append(statement)

        event.listen(connection.engine, "before_cursor_execute", note)
        try:
            _object(session, secrets, settings, raw)
        finally:
            event.remove(connection.engine, "before_cursor_execute", note)
        statements.append(seen)
    # The same statements in the same order, and none reads an identifier
    # index: the answer (and its timing) cannot depend on a listing.
    assert statements[0] == statements[1]
    assert statements[0]
    assert not any("_identifier" in statement for statement in statements[0])
    rows = session.exec(select(Objection)).all()
    assert len(rows) == 2
    assert all("12345678" not in row.identifier_sealed for row in rows)


def test_moderators_see_the_warning_that_names_it(session, secrets, settings):
    warning = _listed_phone(session, secrets, settings)
    _object(session, secrets, settings, "+31 6 1234 5678", contact="mail me: a@b.nl")
    _object(session, secrets, settings, "06-87654321")
    listed, unlisted = _queue(session, secrets)
    assert (listed.identifier, listed.reason, listed.contact) == (
        "+31612345678",
        REASON,
        "mail me: a@b.nl",
    )
    assert [item.warning_id for item in listed.listed] == [warning.id]
    assert "12345678" not in listed.listed[0].masked
    assert unlisted.listed == []


def test_removing_his_identifier_keeps_the_warning_without_it(session, secrets, settings):
    warning = _listed_phone(session, secrets, settings)
    _object(session, secrets, settings)
    (objection,) = _queue(session, secrets)
    objections.remove_listed_identifier(
        session,
        secrets=secrets,
        actor=MODERATOR,
        objection_id=objection.id,
        warning_id=warning.id,
        note="Number belonged to someone else; other details stand.",
    )
    stored = session.get(Warning, warning.id)
    assert (stored.status, stored.version) == ("active", 2)
    kinds = session.exec(
        select(WarningIdentifier.kind).where(WarningIdentifier.warning_id == warning.id)
    ).all()
    assert "phone" not in kinds and "email" in kinds
    found = check_identifier(
        session, secrets=secrets, settings=settings, member_id=50, raw="06-12345678"
    )
    assert found.matches == []
    assert _queue(session, secrets) == []
    (handled,) = _queue(session, secrets, status="handled")
    assert handled.outcome == "corrected"


def test_retracting_through_an_objection(session, secrets, settings):
    warning = _listed_phone(session, secrets, settings)
    _object(session, secrets, settings)
    (objection,) = _queue(session, secrets)
    objections.retract_listed(
        session,
        secrets=secrets,
        actor=MODERATOR,
        objection_id=objection.id,
        warning_id=warning.id,
        note="Objection upheld",
    )
    assert session.get(Warning, warning.id).status == "retracted"
    actions = {e.action for e in session.exec(select(AuditEvent))}
    assert {"objection.receive", "objection.handle", "warning.retract"} <= actions


def test_a_warning_that_does_not_name_it_cannot_be_changed_through_it(session, secrets, settings):
    other = publish(
        session,
        secrets,
        settings,
        report(session, secrets, identifiers=[]).id,
    )
    _object(session, secrets, settings)
    (objection,) = _queue(session, secrets)
    with pytest.raises(NotFound):
        objections.retract_listed(
            session,
            secrets=secrets,
            actor=MODERATOR,
            objection_id=objection.id,
            warning_id=other.id,
            note="forged",
        )
    assert session.get(Warning, other.id).status == "active"


def test_keeping_needs_a_note_and_staff(session, secrets, settings):
    _object(session, secrets, settings)
    (objection,) = _queue(session, secrets)
    with pytest.raises(InvalidInput):
        objections.keep_listing(
            session, secrets=secrets, actor=MODERATOR, objection_id=objection.id, note="  "
        )
    for role in (Role.MEMBER, Role.OUTREACH, Role.APPLICANT):
        with pytest.raises(PermissionDenied):
            objections.keep_listing(
                session,
                secrets=secrets,
                actor=acting(5, role),
                objection_id=objection.id,
                note="x",
            )
        with pytest.raises(PermissionDenied):
            objections.objection_queue(session, secrets=secrets, actor=acting(5, role))
    objections.keep_listing(
        session, secrets=secrets, actor=MODERATOR, objection_id=objection.id, note="Stands."
    )
    with pytest.raises(NotFound):  # handled once
        objections.keep_listing(
            session, secrets=secrets, actor=MODERATOR, objection_id=objection.id, note="Again"
        )


def test_unreadable_forms_are_refused_alike(session, secrets, settings):
    with pytest.raises(IdentifierError):
        _object(session, secrets, settings, "not a number")
    with pytest.raises(InvalidInput):
        _object(session, secrets, settings, kind="name", identifier="Jan")
    with pytest.raises(InvalidInput):
        _object(session, secrets, settings, reason=" ")
    with pytest.raises(InvalidInput):
        _object(session, secrets, settings, contact="x" * 201)
    assert session.exec(select(Objection)).all() == []


def test_a_handle_needs_its_platform(session, secrets, settings):
    with pytest.raises(IdentifierError):
        _object(session, secrets, settings, kind="handle", identifier="@johnny_b")
    _object(session, secrets, settings, kind="handle", identifier="@johnny_b", platform="telegram")
    assert len(session.exec(select(Objection)).all()) == 1


def test_many_from_one_address_are_slowed_down(session, secrets, settings):
    free = settings.objection_free_attempts_per_address
    for _ in range(free):
        _object(session, secrets, settings)
    with pytest.raises(LoginThrottled):
        _object(session, secrets, settings)
        _object(session, secrets, settings)
    _object(session, secrets, settings, address="198.51.100.7")  # another address


def test_handled_objections_are_erased_after_their_retention(session, secrets, settings):
    from datetime import timedelta

    _object(session, secrets, settings)
    _object(session, secrets, settings, "06-87654321")
    first, _ = _queue(session, secrets)
    objections.keep_listing(
        session, secrets=secrets, actor=MODERATOR, objection_id=first.id, note="Not listed."
    )
    handled_at = as_utc(session.get(Objection, first.id).handled_at)
    days = timedelta(days=settings.objection_retention_days)
    assert objections.prune_objections(session, settings=settings, now=handled_at + days) == 1
    assert [row.status for row in session.exec(select(Objection))] == ["open"]
    later = utcnow() + 10 * days
    assert objections.prune_objections(session, settings=settings, now=later) == 0
