"""Item 16: a copy of the database alone cannot test guesses against stored codes."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sqlmodel import select

from tests.fixtures.installation import make_secrets
from uglymugs_app.models import OneTimeCode
from uglymugs_app.services.errors import InvalidInput
from uglymugs_app.services.security.one_time_codes import find_code, issue_code, normalise_code


def test_16_codes_are_stored_as_keyed_hashes(session):
    ours, another_installation = make_secrets(), make_secrets()
    code = issue_code(session, secrets=ours, purpose="invite", lifetime=timedelta(days=7))
    issue_code(
        session,
        secrets=another_installation,
        purpose="invite",
        code=code,
        lifetime=timedelta(days=7),
    )
    session.commit()

    stored = session.exec(select(OneTimeCode.code_hash)).all()
    # Not the plain hash an attacker could compute from a guess...
    assert hashlib.sha256(normalise_code(code).encode()).hexdigest() not in stored
    # ...but one that depends on the installation's secret key.
    assert len(set(stored)) == 2
    assert find_code(session, secrets=ours, purpose="invite", code=code.lower())
    with pytest.raises(InvalidInput) as caught:
        find_code(session, secrets=make_secrets(), purpose="invite", code=code)
    assert caught.value.key == "code.wrong"
