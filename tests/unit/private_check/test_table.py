"""The check table: finds what was reported, names nobody, follows the warnings."""

import base64
import hashlib
import hmac
import json
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlmodel import select

from tests.actors import acting
from tests.fixtures.reports import MODERATOR, publish, report
from tests.unit.private_check.client import private_check
from uglymugs_app.models import WarningIdentifier
from uglymugs_app.models.common import utcnow
from uglymugs_app.services.errors import PermissionDenied
from uglymugs_app.services.identifiers.kinds import Identifier, IdentifierKind
from uglymugs_app.services.private_check.table import rebuild, table_for_member
from uglymugs_app.services.security.instance_secrets import ensure_secrets, rotate_oprf_key
from uglymugs_app.services.warnings.lifecycle import (
    WarningCorrection,
    correct_warning,
    retract_warning,
)

MEMBER = acting(50, role="member")
PHONE = Identifier(IdentifierKind.PHONE, "+31612345678")
OTHER = Identifier(IdentifierKind.PHONE, "+31687654321")
HANDLE = Identifier(IdentifierKind.HANDLE, "telegram:johnny_b")
VALUES = ["+31612345678", "badclient@example.nl", "bad.client@example.nl", "12ABC3", "johnny_b"]


@pytest.fixture
def published(session, secrets, settings):
    return publish(session, secrets, settings, report(session, secrets).id)


def found(session, secrets, settings, identifiers, now=None):
    table = table_for_member(session, actor=MEMBER, secrets=secrets, now=now)
    return private_check(
        session,
        actor=MEMBER,
        secrets=secrets,
        settings=settings.model_copy(update={"check_limit_per_hour": 99}),
        table=table,
        identifiers=identifiers,
        now=now,
    )


def test_a_reported_number_is_found_and_an_unreported_one_is_not(
    session, secrets, settings, published
):
    assert found(session, secrets, settings, [PHONE]) == [published.id]
    assert found(session, secrets, settings, [HANDLE]) == [published.id]
    assert found(session, secrets, settings, [OTHER]) == []


def test_the_table_holds_no_identifier_no_blind_index_and_no_unkeyed_hash(
    session, secrets, settings, published
):
    table = table_for_member(session, actor=MEMBER, secrets=secrets)
    served = json.dumps(table.__dict__)
    assert len(table.rows) == 4  # phone, e-mail, plate, handle
    forms = VALUES + [f"{k}:{v}" for k, v in [("phone", VALUES[0]), ("plate", VALUES[3])]]
    forms += ["telegram:johnny_b", "handle:telegram:johnny_b", "0612345678", "612345678"]
    digests = set()
    for form in forms:
        raw = form.encode()
        for name in ("md5", "sha1", "sha256", "sha512", "blake2b", "sha3_256"):
            digest = hashlib.new(name, raw).digest()
            digests |= {digest.hex(), base64.b64encode(digest).decode()}
            digests |= {digest.hex()[:16], digest.hex()[:32]}
        for key in secrets.index_keys.values():
            mac = hmac.new(key, raw, hashlib.sha256).digest()
            digests |= {mac.hex(), base64.b64encode(mac).decode()}
    assert not [form for form in forms if form.lower() in served.lower()]
    assert not [digest for digest in digests if digest in served]
    # The blind indexes the database keeps for these identifiers are not served either.
    for row in session.exec(select(WarningIdentifier)):
        assert row.blind_index not in served


def test_only_verified_people_get_the_table(session, secrets, published):
    with pytest.raises(PermissionDenied):
        table_for_member(session, actor=acting(51, role="applicant"), secrets=secrets)


def test_retracted_and_corrected_identifiers_leave_the_table_at_once(
    session, secrets, settings, published
):
    view = published
    removed = list(
        session.exec(
            select(WarningIdentifier.id).where(
                WarningIdentifier.warning_id == view.id, WarningIdentifier.kind == "handle"
            )
        )
    )
    correct_warning(
        session,
        secrets=secrets,
        actor=MODERATOR,
        warning_id=view.id,
        correction=WarningCorrection(remove_identifier_ids=removed),
        reason="objection upheld",
    )
    assert found(session, secrets, settings, [HANDLE]) == []
    assert found(session, secrets, settings, [PHONE]) == [view.id]
    retract_warning(session, actor=MODERATOR, warning_id=view.id, reason="objection")
    assert table_for_member(session, actor=MEMBER, secrets=secrets).rows == []


def test_an_expired_warning_leaves_the_table_before_any_housekeeping(
    session, secrets, settings, published
):
    later = utcnow() + timedelta(days=settings.warning_lifetime_days, minutes=1)
    assert table_for_member(session, actor=MEMBER, secrets=secrets, now=later).rows == []
    assert found(session, secrets, settings, [PHONE], now=later) == []


def test_rotating_the_key_rebuilds_the_table(session, secrets, settings, tmp_path, published):
    before = table_for_member(session, actor=MEMBER, secrets=secrets)
    rotate_oprf_key(tmp_path / "instance")
    rotated = ensure_secrets(tmp_path / "instance", allow_generate=False)
    assert rotated.oprf_key_id != secrets.oprf_key_id
    assert rebuild(session, secrets=rotated) == 4
    after = table_for_member(session, actor=MEMBER, secrets=rotated)
    assert after.public_key != before.public_key
    assert not {tag for tag, _ in after.rows} & {tag for tag, _ in before.rows}
    assert found(session, rotated, settings, [PHONE]) == [published.id]


def test_a_new_key_is_picked_up_without_a_rebuild_command(session, secrets, settings, published):
    """A worker that was restarted with a new key rebuilds stale rows itself."""
    rotated = replace(secrets, oprf_keys={**secrets.oprf_keys, "9": bytes(32)}, oprf_key_id="9")
    assert found(session, rotated, settings, [PHONE]) == [published.id]
    assert table_for_member(session, actor=MEMBER, secrets=rotated).key_id == "9"
