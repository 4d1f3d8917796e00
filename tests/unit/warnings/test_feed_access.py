"""The feed service itself refuses whoever is not verified, whatever page calls it."""

import pytest

from tests.actors import acting
from tests.fixtures.reports import publish, report
from uglymugs_app.services.errors import PermissionDenied
from uglymugs_app.services.members.accounts import create_account
from uglymugs_app.services.warnings import feed


@pytest.mark.parametrize("role", ["applicant", "", "superuser"])
def test_unverified_or_unknown_roles_read_no_warning(session, secrets, settings, role):
    warning = publish(session, secrets, settings, report(session, secrets).id)
    applicant = create_account(
        session,
        working_name="New",
        password="long enough secret",
        role="applicant",
        regions=["utrecht"],
    )
    asking = acting(applicant.id, role)
    with pytest.raises(PermissionDenied):
        feed.member_feed(session, actor=asking)
    with pytest.raises(PermissionDenied):
        feed.open_warning(session, actor=asking, warning_id=warning.id)
    verified = acting(applicant.id, "member")
    assert [e.warning.id for e in feed.member_feed(session, actor=verified).entries] == [warning.id]
