"""seed-demo: an empty installation gets every screen's data; never twice, never production."""

import json

import pyotp
import pytest
from sqlmodel import select

from uglymugs_app.models import Member, Report, ReportStatus, Warning
from uglymugs_app.services.maintenance.demo import DemoRefused, seed_demo
from uglymugs_app.services.members.login import log_in
from uglymugs_app.settings import Settings


def test_fills_an_empty_database(session, secrets, settings):
    logins = seed_demo(session, secrets=secrets, settings=settings)
    names = {login.working_name for login in logins}
    assert {"member", "outreach", "applicant", "moderator", "admin"} == {
        login.role for login in logins
    }
    assert all(
        member.working_name.startswith("Demo ") for member in session.exec(select(Member)).all()
    )
    assert {m.working_name for m in session.exec(select(Member))} == names
    statuses = {report.status for report in session.exec(select(Report))}
    # Every status a moderator works with; erased and withdrawn reports come
    # from housekeeping and from a reporter, not from the demo.
    handled = set(ReportStatus) - {ReportStatus.ERASED, ReportStatus.WITHDRAWN}
    assert statuses == {status.value for status in handled}
    regions = {
        region
        for warning in session.exec(select(Warning))
        for region in json.loads(warning.regions)
    }
    assert len(regions) >= 3
    # The printed logins work, the moderator's with the printed TOTP secret.
    moderator = next(login for login in logins if login.role == "moderator")
    result = log_in(
        session,
        secrets=secrets,
        settings=settings,
        working_name=moderator.working_name,
        password=moderator.password,
        totp=pyotp.TOTP(moderator.totp_secret).now(),
        address=None,
    )
    assert result.actor.role == "moderator"


def test_refuses_a_database_in_use(session, secrets, settings):
    seed_demo(session, secrets=secrets, settings=settings)
    with pytest.raises(DemoRefused, match="already has"):
        seed_demo(session, secrets=secrets, settings=settings)


def test_refuses_production(session, secrets, tmp_path):
    production = Settings(env="production", data_dir=tmp_path, instance_dir=tmp_path / "i")
    with pytest.raises(DemoRefused, match="production"):
        seed_demo(session, secrets=secrets, settings=production)
    assert session.exec(select(Member)).first() is None
