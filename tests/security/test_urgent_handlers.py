"""The urgent request and staff alerts, forged by a hostile browser.

The generic suite (``test_forged_events``) already calls the new handlers with
crafted arguments; these aim at what they are for: a member asking the server
to make her phone a staff device, an applicant (or anyone not verified)
sending an urgent request, a member taking over someone else's case by its
draft id, a moderator setting someone else's device, and one member trying to
flood the staff with urgent requests.
"""

from __future__ import annotations

import uuid

from sqlmodel import select

from tests.security.roles import Actors
from tests.security.sentinels import Seeded


def _event(module: str, state: str, handler: str) -> str:
    from importlib import import_module

    found = getattr(import_module(f"uglymugs_app.pages.{module}.state"), state)
    return f"{found.get_full_name()}.{handler}"


def _device_of(member_id: int) -> int:
    """A subscribed device of hers, stored as the notifications page would."""
    import base64
    import os

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.push.subscriptions import save_subscription
    from uglymugs_app.services.security.instance_secrets import current_secrets

    point = (
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    )

    def b64(raw: bytes) -> str:
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    with session_scope() as session:
        stored = save_subscription(
            session,
            secrets=current_secrets(),
            member_id=member_id,
            endpoint=f"https://fcm.googleapis.com/fcm/send/forged-{uuid.uuid4().hex}",
            p256dh=b64(point),
            auth=b64(os.urandom(16)),
            language="en",
            regions=["utrecht"],
        )
        session.commit()
        return stored.id


def _staff_alerts(device_id: int) -> bool:
    from uglymugs_app.models import PushSubscription
    from uglymugs_app.services.database import session_scope

    with session_scope() as session:
        return session.get(PushSubscription, device_id).staff_alerts


def _urgent_rows() -> list:
    from uglymugs_app.models import UrgentContact
    from uglymugs_app.services.database import session_scope

    with session_scope() as session:
        return list(session.exec(select(UrgentContact)).all())


def _forge_staff_alerts(client, device_id: int) -> None:
    state = _event("notifications", "NotificationsState", "set_staff_alerts").rsplit(".", 1)[0]
    client.call(f"{state}.setvar", {"var_name": "this_device", "value": device_id})
    client.call(f"{state}.set_staff_alerts", {"on": True})
    client.call(f"{state}.detected", {"result": {"support": "subscribed"}})
    client.call(f"{state}.set_staff_alerts", {"on": True})


def test_a_member_cannot_make_her_phone_a_staff_device(actors: Actors):
    member = actors("member")
    device = _device_of(actors.actor_id("member"))
    _forge_staff_alerts(member, device)
    assert _staff_alerts(device) is False


def test_a_moderator_cannot_set_staff_alerts_on_someone_elses_device(actors: Actors):
    device = _device_of(actors.actor_id("member"))
    _forge_staff_alerts(actors("moderator"), device)
    assert _staff_alerts(device) is False


def test_only_verified_reporters_send_urgent_requests(actors: Actors):
    before = len(_urgent_rows())
    for role in ("anonymous", "applicant", "moderator", "admin"):
        actors(role).call(
            _event("report", "ReportState", "ask_contact"),
            {"found": {"client_id": str(uuid.uuid4())}},
        )
    assert len(_urgent_rows()) == before


def test_nobody_takes_over_someone_elses_case_by_its_draft_id(actors: Actors, seeded: Seeded):
    from uglymugs_app.models import Report
    from uglymugs_app.services.database import session_scope

    with session_scope() as session:
        victim = session.get(Report, seeded.targets.report_id)
        client_id, urgent = str(victim.client_id), victim.urgent
    before = len(_urgent_rows())
    actors("member").call(
        _event("report", "ReportState", "ask_contact"), {"found": {"client_id": client_id}}
    )
    with session_scope() as session:
        assert session.get(Report, seeded.targets.report_id).urgent == urgent
    assert len(_urgent_rows()) == before


def test_one_member_cannot_flood_the_staff_with_urgent_requests(actors: Actors):
    member = actors("member")
    before = len(_urgent_rows())
    for _ in range(5):
        member.call(
            _event("report", "ReportState", "ask_contact"),
            {"found": {"client_id": str(uuid.uuid4())}},
        )
    # One goes through; the next ones within minutes are refused.
    assert len(_urgent_rows()) - before == 1
