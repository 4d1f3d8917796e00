"""A notification names the region as the admin named it, in the device's language."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session, select

from tests.actors import acting
from uglymugs_app.models import Role
from uglymugs_app.models.push import PushOutbox
from uglymugs_app.services.push.outbox import enqueue_for_warning
from uglymugs_app.services.regions import editing

AFTERNOON = datetime(2026, 7, 15, 12, 0, tzinfo=UTC)


def test_an_added_region_is_named_in_her_language(engine, add_device):
    with Session(engine) as session:
        code = editing.add_region(
            session,
            actor=acting(1, Role.ADMIN),
            names={"en": "Amstelland", "th": "อัมสเตลลันด์"},
        )
        _device, thai = add_device(session, "t", regions=(code,), language="th")
        _device, dutch = add_device(session, "n", regions=(code,), language="nl")
        enqueue_for_warning(session, warning_id=1, severity="low", regions=[code], now=AFTERNOON)
        rows = {row.subscription_id: row for row in session.exec(select(PushOutbox))}
    assert "อัมสเตลลันด์" in rows[thai].payload["title"]
    assert "Amstelland" in rows[dutch].payload["title"]  # English where Dutch has no name
